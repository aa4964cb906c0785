// SPDX-License-Identifier: MIT
#pragma once

#include "store/notesorigin.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>

// What the user said about one entry of a run: a note, a mark, or both. Kept by the entry's
// chronological position (0 is the oldest) and the SHA-256 of the entry's own bytes, so that the
// note finds its entry again when the position no longer holds it (a newest-first run that grew
// is read again from its other end) and can tell when the entry is gone.
struct StoredNote
{
    qint64 position = 0;        // 0-based, oldest first
    QByteArray entrySha256;     // lower-case hex; empty while the entry was never seen
    QString text;               // plain text, empty for a mark alone
    bool marked = false;
    qint64 updatedMs = 0;

    bool operator==(const StoredNote &other) const
    {
        return position == other.position && entrySha256 == other.entrySha256 && text == other.text
            && marked == other.marked;
    }
};
Q_DECLARE_METATYPE(StoredNote)

// Which run a set of notes belongs to: an API run by origin, organization and run, a run file by
// its identity (see NotesScope::forFile in notes/). The string is the key in the library.
struct NotesScope
{
    QString key;
    // Filled for an API run (and a file whose entries name their run): what an export writes.
    std::optional<qint64> orgId;
    std::optional<qint64> runId;

    bool isValid() const { return !key.isEmpty(); }
    // The demo's runs are kept under "demo" whatever port it listens on (NotesOrigin).
    static NotesScope forApi(const QString &origin, qint64 orgId, qint64 runId)
    {
        return {QStringLiteral("api %1 %2 %3").arg(NotesOrigin::of(origin)).arg(orgId).arg(runId), orgId, runId};
    }
};
