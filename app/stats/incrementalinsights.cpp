// SPDX-License-Identifier: MIT
#include "stats/incrementalinsights.h"

IncrementalInsights::IncrementalInsights() = default;

IncrementalInsights::~IncrementalInsights() = default;

bool IncrementalInsights::goesOnFrom(const std::vector<QByteArrayView> &entries) const
{
    if (!m_collector || m_read.size() > entries.size())
        return false;
    for (size_t k = 0; k < m_read.size(); ++k) {
        // The same place and length: the same bytes, since their owners were held meanwhile. Two
        // rows not loaded are alike whatever their (null) place.
        const QByteArrayView before = m_read[k];
        const QByteArrayView now = entries[k];
        if (before.size() != now.size() || (!before.isEmpty() && before.data() != now.data()))
            return false;
    }
    return true;
}

Insights IncrementalInsights::compute(std::vector<QByteArrayView> entries, QList<std::shared_ptr<const void>> owners,
                                      const std::atomic<bool> *cancel)
{
    if (!goesOnFrom(entries)) {
        m_collector = std::make_unique<InsightsCollector>();
        m_read.clear();
    }
    // From here on what was read lives in the new owners (an entry read before and still there is
    // in them); the old ones may go.
    m_owners = std::move(owners);
    const size_t start = m_read.size();
    m_read.reserve(entries.size());
    m_readLastTime = 0;
    for (size_t index = start; index < entries.size(); ++index) {
        if (cancel && ((index - start) & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            Insights stopped;
            stopped.cancelled = true;
            return stopped;
        }
        m_collector->add(entries[index]);
        m_read.push_back(entries[index]);
        ++m_readLastTime;
    }
    return m_collector->finish([&entries](int index) { return entries[size_t(index)]; });
}
