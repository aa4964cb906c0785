// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"
#include "run/runinfo.h"
#include "run/runref.h"

#include <QList>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <functional>
#include <utility>

class QObject;

// Where runs are kept between sessions (the library). RunLoader asks it what it holds of a run
// before asking the API, reads the pages it holds instead of fetching them, and hands it every
// page that arrives. Positions are chronological (0 is the oldest entry) whatever order the
// loader shows, so pages fetched newest first and oldest first land in the same places.
//
// Every call is asynchronous: the answer comes later, on `context`'s thread, and is dropped when
// `context` is destroyed first. An implementation keeps writing and reading off the caller's
// thread, so scrolling never waits for a disk.
class PageCache
{
public:
    struct Key
    {
        QString origin; // the API's address, see originOf()
        RunRef run;

        bool operator==(const Key &other) const { return origin == other.origin && run == other.run; }
    };

    // What is kept of one run.
    struct Stored
    {
        bool found = false;
        RunInfo run;  // the run's fields from the latest page kept (total_logs, status, ...)
        // Chronological positions kept, as [first, last] ranges: sorted, disjoint, not adjacent.
        QList<std::pair<qint64, qint64>> ranges;
        // Every entry kept, in position order (the ranges one after another), when the run keeps
        // at most kEntriesWithOpen of them: the run then opens whole in one answer, with no read
        // per page. Empty for a larger run (its pages are read with readRows()).
        QList<LogEntry> entries;

        qint64 storedCount() const;
        bool holds(qint64 first, qint64 last) const;
    };

    using OpenCallback = std::function<void(const Stored &stored)>;
    // The entries at the positions asked for, oldest first; fewer (or none) when some are no
    // longer kept or could not be read: the loader then fetches that page instead.
    using RowsCallback = std::function<void(QList<LogEntry> entries)>;

    // A run that keeps at most this many entries comes whole with openRun() (a few tens of MB
    // at most, read and parsed on the cache's thread).
    static constexpr qint64 kEntriesWithOpen = 100'000;

    virtual ~PageCache() = default;

    // The key part naming an API: scheme, host, port (when not the default) and path, without
    // credentials, query or trailing slash, so that spellings of one address share one key.
    static QString originOf(const QUrl &baseUrl);

    // The run is being opened: what is kept of it (with its entries, see Stored::entries).
    // Counts as opened now (a size limit lets the least recently opened runs go first).
    virtual void openRun(const Key &key, QObject *context, OpenCallback done) = 0;
    virtual void readRows(const Key &key, qint64 firstPosition, int count, QObject *context,
                          RowsCallback done) = 0;
    // A page as it arrived: the run's fields and `entries` (oldest first) at firstPosition on.
    // An empty list keeps only the fields (a status that changed, a count confirmed).
    virtual void store(const Key &key, const RunInfo &run, qint64 firstPosition,
                       const QList<LogEntry> &entries) = 0;
};

// Merges [first, last] into sorted, disjoint ranges.
void addPositionRange(QList<std::pair<qint64, qint64>> &ranges, qint64 first, qint64 last);
