// SPDX-License-Identifier: MIT
#pragma once

#include "run/runinfo.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

class RunFileBytes;

// What an exporter writes: the run's fields (when known) and every entry's bytes exactly as the
// server sent them, oldest first. Cheap to copy and safe to hand to a worker thread: the entries
// are implicitly shared QByteArrays, taken from LogStore::rawEntries() or an opened file.
struct RunSnapshot
{
    bool hasRun = false;        // false for a source without run fields (a .jsonl file)
    RunInfo run;                // its rawFields are written back exactly (paging fields dropped)
    QList<QByteArray> entries;  // raw entry objects, chronological
    // The user's notes, by index into `entries`: Markdown and HTML show each beside its entry;
    // JSON, JSON Lines and CSV never carry them (those are the run's data, exact).
    QHash<int, QString> notes;
    QString sourceDescription;  // where it came from, for humans: "run 42 of organization 7", a path
    // A converted file's bytes, when the entries are slices of them (RunFileReader::startIndexing):
    // kept alive while the snapshot is, given back to the system as they are written, and
    // checked before the output is saved.
    std::shared_ptr<RunFileBytes> source;
    // What borrowed entries (slices of an opened file, LogStore::rawOwners()) point into: kept
    // alive with the snapshot, so that opening another file while this is written is safe.
    QList<std::shared_ptr<const void>> rawOwners;
    // .csv only: start with a UTF-8 byte order mark (the default), so that a spreadsheet opened
    // by double-click reads UTF-8 and not the local code page; scripts may ask for none.
    bool csvByteOrderMark = true;
};
