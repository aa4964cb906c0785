// SPDX-License-Identifier: MIT
#include "stats/statisticscalculator.h"


#include <algorithm>

namespace {

// Counts per id (the facts intern each distinct value once), turned into value -> count.
QList<RunStatistics::Count> sortedCounts(const QVector<int> &counts, const QStringList &values)
{
    QList<RunStatistics::Count> list;
    for (int id = 0; id < counts.size(); ++id) {
        if (counts[id] > 0)
            list.append({values.at(id), counts[id]});
    }
    std::sort(list.begin(), list.end(), [](const RunStatistics::Count &a, const RunStatistics::Count &b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    return list;
}

void keepLongest(QList<RunStatistics::Gap> &gaps, const RunStatistics::Gap &gap, int limit)
{
    // Ordered longest first, earliest first among equals; a new gap of equal length comes later
    // in the run than those kept, so it goes after them.
    auto longer = [](const RunStatistics::Gap &a, const RunStatistics::Gap &b) { return a.msecs > b.msecs; };
    if (gaps.size() >= limit && !longer(gap, gaps.last()))
        return;
    gaps.insert(std::upper_bound(gaps.begin(), gaps.end(), gap, [](const RunStatistics::Gap &a, const RunStatistics::Gap &b) {
                    return a.msecs > b.msecs;
                }),
                gap);
    if (gaps.size() > limit)
        gaps.removeLast();
}

qint64 floorTo(qint64 value, qint64 step)
{
    const qint64 q = value / step;
    return (value % step < 0 ? q - 1 : q) * step;
}

} // namespace

namespace StatisticsCalculator {

bool isError(const QString &messageType)
{
    return messageType.compare(QLatin1String("ERROR"), Qt::CaseInsensitive) == 0;
}

RunStatistics compute(const RunFacts &facts, int longestGaps, int maxBuckets)
{
    const QVector<EntryFacts> &entries = facts.entries;
    RunStatistics stats;
    stats.entries = int(entries.size());
    // Per text id (types and tools share the ids; a tool's count as a type stays 0).
    QVector<int> types(facts.texts.size(), 0);
    QVector<int> tools(facts.texts.size(), 0);
    QVector<RunStatistics::ToolTime> toolTimes(facts.texts.size());
    QVector<bool> typeIsError(facts.texts.size(), false);
    for (int id = 0; id < facts.texts.size(); ++id)
        typeIsError[id] = isError(facts.texts.at(id));
    qint64 minTime = 0;
    qint64 maxTime = 0;
    QVector<qint64> gaps; // every gap between neighbouring timed entries, for the percentile
    gaps.reserve(entries.size());
    bool anyTime = false;

    for (int i = 0; i < entries.size(); ++i) {
        const EntryFacts &entry = entries[i];
        if (!entry.loaded)
            continue;
        ++stats.loadedEntries;
        if (entry.messageType == RunFacts::kNullText)
            ++stats.withoutMessageType;
        else
            ++types[entry.messageType];
        if (entry.toolName == RunFacts::kNullText)
            ++stats.withoutTool;
        else
            ++tools[entry.toolName];
        if (typeIsError[entry.messageType])
            stats.errorPositions.append(i);
        if (!entry.hasTime()) {
            ++stats.withoutTime;
            continue;
        }
        if (!stats.hasDuration) {
            stats.hasDuration = true;
            stats.firstMsecs = entry.createdAtMsecs;
        }
        stats.lastMsecs = entry.createdAtMsecs;
        minTime = anyTime ? std::min(minTime, entry.createdAtMsecs) : entry.createdAtMsecs;
        maxTime = anyTime ? std::max(maxTime, entry.createdAtMsecs) : entry.createdAtMsecs;
        anyTime = true;

        if (i + 1 >= entries.size())
            continue;
        const EntryFacts &next = entries[i + 1];
        if (!next.loaded || !next.hasTime() || next.createdAtMsecs < entry.createdAtMsecs)
            continue;
        const qint64 gap = next.createdAtMsecs - entry.createdAtMsecs;
        if (entry.toolName != RunFacts::kNullText) {
            RunStatistics::ToolTime &time = toolTimes[entry.toolName];
            time.msecs += gap;
            ++time.timedEntries;
        }
        if (longestGaps > 0)
            keepLongest(stats.longestGaps, {i, entry.createdAtMsecs, gap}, longestGaps);
        gaps.append(gap);
    }
    if (!gaps.isEmpty()) {
        // Nearest rank: the smallest gap that at least 95 % of the gaps do not exceed.
        const qsizetype rank = std::max<qsizetype>(0, (gaps.size() * 95 + 99) / 100 - 1);
        std::nth_element(gaps.begin(), gaps.begin() + rank, gaps.end());
        stats.gapP95Msecs = gaps[rank];
    }

    stats.messageTypes = sortedCounts(types, facts.texts);
    stats.tools = sortedCounts(tools, facts.texts);
    for (int id = 0; id < toolTimes.size(); ++id) {
        if (toolTimes[id].timedEntries == 0)
            continue;
        toolTimes[id].tool = facts.texts.at(id);
        stats.timePerTool.append(toolTimes[id]);
    }
    std::sort(stats.timePerTool.begin(), stats.timePerTool.end(),
              [](const RunStatistics::ToolTime &a, const RunStatistics::ToolTime &b) {
                  return a.msecs != b.msecs ? a.msecs > b.msecs : a.tool < b.tool;
              });

    if (anyTime && maxBuckets > 0) {
        const qint64 minute = 60'000;
        stats.bucketStartMsecs = floorTo(minTime, minute);
        const qint64 minutes = (maxTime - stats.bucketStartMsecs) / minute + 1;
        const qint64 minutesPerBucket = (minutes + maxBuckets - 1) / maxBuckets;
        stats.bucketMsecs = minutesPerBucket * minute;
        stats.entriesPerBucket.fill(0, int((maxTime - stats.bucketStartMsecs) / stats.bucketMsecs + 1));
        for (const EntryFacts &entry : entries) {
            if (entry.loaded && entry.hasTime())
                ++stats.entriesPerBucket[int((entry.createdAtMsecs - stats.bucketStartMsecs) / stats.bucketMsecs)];
        }
    }
    return stats;
}

} // namespace StatisticsCalculator
