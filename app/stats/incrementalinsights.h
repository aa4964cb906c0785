// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QByteArrayView>
#include <QList>

#include <atomic>
#include <memory>
#include <vector>

// The insights of a run whose entries keep coming (a file being read, a run followed live),
// computed again and again without reading again what was read before: each computation goes on
// from the entries the last one read, as long as those are still the run's first entries,
// unchanged; otherwise (a row filled in or fetched again, the order turned) it starts over. The
// result is always what InsightsFinder::compute gives for the entries passed.
//
// "Unchanged" is decided by where an entry's bytes are and how many: the owners of the bytes read
// are kept until the next computation, so no other bytes can have come to the same place since.
// Not thread-safe: one computation at a time (the window's controller runs one worker at a time).
class IncrementalInsights
{
public:
    IncrementalInsights();
    ~IncrementalInsights();
    IncrementalInsights(const IncrementalInsights &) = delete;
    IncrementalInsights &operator=(const IncrementalInsights &) = delete;

    // Every entry of the run, oldest first (an empty view for one not loaded); `owners` keep their
    // bytes valid (LogStore::rawOwners()). `cancel`, when set, stops the work soon: the result is
    // then cancelled, and what was read is kept for the next computation.
    Insights compute(std::vector<QByteArrayView> entries, QList<std::shared_ptr<const void>> owners,
                     const std::atomic<bool> *cancel = nullptr);

    // How many entries the last computation read (the rest it went on from).
    int entriesReadLastTime() const { return m_readLastTime; }

private:
    // Whether the entries read so far are still the first of `entries`, as they were.
    bool goesOnFrom(const std::vector<QByteArrayView> &entries) const;

    std::unique_ptr<InsightsCollector> m_collector;
    std::vector<QByteArrayView> m_read; // what the collector was given, in order
    QList<std::shared_ptr<const void>> m_owners; // keep m_read's bytes where they were
    int m_readLastTime = 0;
};
