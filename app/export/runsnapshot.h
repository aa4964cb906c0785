#pragma once

#include "run/runinfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

// What an exporter writes: the run's fields (when known) and every entry's bytes exactly as the
// server sent them, oldest first. Cheap to copy and safe to hand to a worker thread: the entries
// are implicitly shared QByteArrays, taken from LogStore::rawEntries() or an opened file.
struct RunSnapshot
{
    bool hasRun = false;        // false for a source without run fields (a .jsonl file)
    RunInfo run;                // its rawFields are written back exactly (paging fields dropped)
    QList<QByteArray> entries;  // raw entry objects, chronological
    QString sourceDescription;  // where it came from, for humans: "run 42 of organization 7", a path
};
