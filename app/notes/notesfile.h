// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// The file Export Notes writes and Import Notes reads (and `runlog SOURCE --notes --format json`
// prints): {"org":..,"run":..,"notes":[{"entry":..,"entry_sha256":..,"text":..,"marked":..}]}.
// "entry" is the 1-based entry number (as the table and runlog:// links count); "org" and "run"
// are null when the source does not name them.
class NotesFile
{
    Q_DECLARE_TR_FUNCTIONS(NotesFile)
public:
    std::optional<qint64> orgId;
    std::optional<qint64> runId;
    QList<StoredNote> notes; // positions are 0-based here

    // Compact JSON on one line, then a newline; notes in the order given.
    QByteArray toJson() const;
    // Refuses anything but the shape above, with one sentence saying why.
    static std::optional<NotesFile> parse(const QByteArray &json, QString *error);
};
