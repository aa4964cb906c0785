// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"

#include <QString>
#include <QVector>
#include <QtGlobal>

class LogStore;

// The few facts of one entry that the overview needs, copied from the store so that a worker can
// compute while pages keep arriving. The strings are implicitly shared with the store: copying a
// million of them costs reference counts, not text.
struct EntryFacts
{
    qint64 createdAtMsecs = LogEntry::kNoTime;
    QString messageType; // null when the server sent null
    QString toolName;    // null when the server sent null
    bool loaded = false;

    bool hasTime() const { return createdAtMsecs != LogEntry::kNoTime; }
};

namespace EntryFactsOf {
EntryFacts entry(const LogEntry &entry);
// Every row of the store, oldest first (a store kept newest first is read backwards).
QVector<EntryFacts> store(const LogStore &store, bool storeIsNewestFirst);
}
