// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"
#include "run/sampleref.h"

#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <optional>

// What a start asks a window to open: a file, or a run of an API (at an entry, in an order).
// main() fills it from the command line, its own or one handed over by a later start.
struct OpenRequest
{
    QString file;                // absolute; empty for a run
    std::optional<SampleRef> sample; // of a file holding several runs (--sample)
    std::optional<RunRef> run;
    QUrl baseUrl;                // the run's API
    std::optional<qint64> entry; // 1 = the oldest
    bool reverse = false;

    // For messages: the file, or "run R (organization O)".
    QString description() const;
};
