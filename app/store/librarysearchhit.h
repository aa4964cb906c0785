// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

// One entry of one stored run that a cross-run search found.
struct LibrarySearchHit
{
    QString origin;
    qint64 orgId = 0;
    qint64 runId = 0;
    QString runStatus;
    QString runCreatedAt;
    qint64 position = 0;        // 0-based, oldest first (the table numbers it position + 1)
    QString messageType;
    QString toolName;
    // The match in its context: one line of the entry's text as search sees it, the match at
    // [matchStart, matchStart + matchLength).
    QString snippet;
    int matchStart = 0;
    int matchLength = 0;
    // The match is in the user's note on the entry (the snippet is the note's), not in the entry.
    bool fromNote = false;
};
// Its members are relocatable (QString and plain values): a list of hits grows by moving bytes,
// not hit by hit (a search with 770,000 hits grew its lists hit by hit: perf, bench_library).
Q_DECLARE_TYPEINFO(LibrarySearchHit, Q_RELOCATABLE_TYPE);

// How a search went.
struct LibrarySearchSummary
{
    int runsSearched = 0;
    qint64 entriesChecked = 0;     // entries whose text was read and matched
    qint64 hits = 0;
    bool truncated = false;        // stopped at the most hits asked for
    bool cancelled = false;
    bool usedIndex = false;        // candidates from the full-text index (else every entry read)
    int threads = 1;               // threads that read entries (two: every entry of big runs read)
    QString error;                 // an invalid expression, or a library that cannot be read
    bool tooCostly = false;        // a regular expression gave up on an entry (error says so)
    bool unreadable = false;       // the error is the library's (reading it failed), not the query's
    qint64 msToFirstHit = -1;
    qint64 elapsedMs = 0;
};

Q_DECLARE_METATYPE(LibrarySearchHit)
Q_DECLARE_METATYPE(LibrarySearchSummary)
