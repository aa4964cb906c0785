// SPDX-License-Identifier: MIT
#include "stats/timelinebins.h"

#include "run/messagecategory.h"


#include <algorithm>
#include <array>

int Timeline::binOfPosition(int position) const
{
    if (bins.isEmpty() || position < 0 || position >= positions)
        return -1;
    return int(qint64(position) * bins.size() / positions);
}

int Timeline::binOfTime(qint64 msecs) const
{
    if (bins.isEmpty() || !hasTimes || msecs < startMsecs || msecs > endMsecs)
        return -1;
    const qint64 span = endMsecs - startMsecs;
    if (span <= 0)
        return 0;
    // (bins - 1) so that the last entry lands in the last bin, not past it.
    return int(double(msecs - startMsecs) / double(span) * double(bins.size() - 1) + 0.5);
}

namespace {

constexpr int kCategories = int(MessageCategory::Other) + 1;

bool allows(const QSet<QString> &allowed, const QString &value)
{
    return allowed.isEmpty() || allowed.contains(value);
}

} // namespace

namespace TimelineBins {

Timeline compute(const RunFacts &facts, Timeline::Axis axis, int binCount,
                 const QVector<int> &matchPositions, const TimelineFilter &filter,
                 const QList<RunStatistics::Gap> &longestGaps)
{
    const QVector<EntryFacts> &entries = facts.entries;
    Timeline timeline;
    timeline.axis = axis;
    timeline.positions = int(entries.size());
    binCount = std::max(1, binCount);
    if (entries.isEmpty())
        return timeline;

    for (const EntryFacts &entry : entries) {
        if (!entry.loaded || !entry.hasTime())
            continue;
        if (!timeline.hasTimes) {
            timeline.startMsecs = timeline.endMsecs = entry.createdAtMsecs;
            timeline.hasTimes = true;
        }
        timeline.startMsecs = std::min(timeline.startMsecs, entry.createdAtMsecs);
        timeline.endMsecs = std::max(timeline.endMsecs, entry.createdAtMsecs);
    }
    if (axis == Timeline::Axis::Time && !timeline.hasTimes)
        timeline.axis = axis = Timeline::Axis::Index; // nothing to place in time
    timeline.bins.resize(binCount);

    std::vector<bool> matching(size_t(entries.size()), false);
    for (int position : matchPositions) {
        if (position >= 0 && position < entries.size())
            matching[size_t(position)] = true;
    }

    // Per distinct text, once (types and tools share the ids; id 0 is null): its category, and
    // whether the filter lets it through as a type and as a tool.
    QVector<qint8> categories(facts.texts.size());
    QVector<bool> typeAllowed(facts.texts.size());
    QVector<bool> toolAllowed(facts.texts.size());
    for (int id = 0; id < facts.texts.size(); ++id) {
        categories[id] = qint8(messageCategoryOf(facts.texts.at(id)));
        typeAllowed[id] = allows(filter.messageTypes, facts.texts.at(id));
        toolAllowed[id] = allows(filter.toolNames, facts.texts.at(id));
    }
    std::vector<std::array<int, kCategories>> perCategory(static_cast<size_t>(binCount));
    const bool filtering = filter.isActive();

    auto binOf = [&](int position, const EntryFacts &entry) {
        if (axis == Timeline::Axis::Index)
            return timeline.binOfPosition(position);
        return entry.hasTime() ? timeline.binOfTime(entry.createdAtMsecs) : -1;
    };

    int lastTimedPosition = -1;
    for (int position = 0; position < entries.size(); ++position) {
        const EntryFacts &entry = entries[position];
        if (!entry.loaded) {
            if (axis == Timeline::Axis::Index)
                timeline.bins[timeline.binOfPosition(position)].unloaded = true;
            continue;
        }
        const int bin = binOf(position, entry);
        if (axis == Timeline::Axis::Time && entry.hasTime()) {
            // Entries not loaded between two timed ones happened between their times.
            if (lastTimedPosition >= 0 && position - lastTimedPosition > 1) {
                bool anyUnloaded = false;
                for (int p = lastTimedPosition + 1; p < position && !anyUnloaded; ++p)
                    anyUnloaded = !entries[p].loaded;
                if (anyUnloaded) {
                    int from = timeline.binOfTime(entries[lastTimedPosition].createdAtMsecs);
                    int to = bin;
                    if (from > to)
                        std::swap(from, to);
                    for (int b = std::max(0, from); b <= to; ++b)
                        timeline.bins[b].unloaded = true;
                }
            }
            lastTimedPosition = position;
        }
        if (bin < 0)
            continue;
        TimelineBin &target = timeline.bins[bin];
        ++target.entries;
        if (target.firstPosition < 0)
            target.firstPosition = position;
        const qint8 category = categories[entry.messageType];
        ++perCategory[size_t(bin)][size_t(category)];
        if (MessageCategory(category) == MessageCategory::Error)
            target.error = true;
        if (matching[size_t(position)])
            target.match = true;
        if (filtering && typeAllowed[entry.messageType] && toolAllowed[entry.toolName]
            && (!filter.matchingOnly || matching[size_t(position)]))
            target.filterHit = true;
    }
    // Unloaded rows at either end of the time axis have no neighbour time: the first and last
    // bins say so.
    if (axis == Timeline::Axis::Time) {
        if (!entries.first().loaded)
            timeline.bins.first().unloaded = true;
        if (!entries.last().loaded)
            timeline.bins.last().unloaded = true;
    }
    for (int bin = 0; bin < binCount; ++bin) {
        const auto &counts = perCategory[size_t(bin)];
        const auto most = std::max_element(counts.begin(), counts.end());
        if (*most > 0)
            timeline.bins[bin].category = qint8(most - counts.begin());
    }

    for (const RunStatistics::Gap &gap : longestGaps) {
        if (axis == Timeline::Axis::Index) {
            const int bin = timeline.binOfPosition(gap.afterPosition);
            if (bin >= 0)
                timeline.bins[bin].longGap = true;
            continue;
        }
        const int from = timeline.binOfTime(gap.startMsecs);
        const int to = timeline.binOfTime(gap.startMsecs + gap.msecs);
        for (int b = std::max(0, from); b >= 0 && b <= to; ++b)
            timeline.bins[b].longGap = true;
    }
    return timeline;
}

} // namespace TimelineBins
