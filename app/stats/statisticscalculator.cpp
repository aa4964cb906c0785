// SPDX-License-Identifier: MIT
#include "stats/statisticscalculator.h"

#include <QHash>

#include <algorithm>

namespace {

// Counts by value, interning each distinct string once: a million entries have a few dozen
// distinct types and tools, so the hash is hit with the string's cached hash, not re-counted.
QList<RunStatistics::Count> sortedCounts(const QHash<QString, int> &counts)
{
    QList<RunStatistics::Count> list;
    list.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        list.append({it.key(), it.value()});
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

RunStatistics compute(const QVector<EntryFacts> &entries, int longestGaps, int maxBuckets)
{
    RunStatistics stats;
    stats.entries = int(entries.size());
    QHash<QString, int> types;
    QHash<QString, int> tools;
    QHash<QString, RunStatistics::ToolTime> toolTimes;
    qint64 minTime = 0;
    qint64 maxTime = 0;
    bool anyTime = false;

    for (int i = 0; i < entries.size(); ++i) {
        const EntryFacts &entry = entries[i];
        if (!entry.loaded)
            continue;
        ++stats.loadedEntries;
        if (entry.messageType.isNull())
            ++stats.withoutMessageType;
        else
            ++types[entry.messageType];
        if (entry.toolName.isNull())
            ++stats.withoutTool;
        else
            ++tools[entry.toolName];
        if (isError(entry.messageType))
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
        if (!entry.toolName.isNull()) {
            RunStatistics::ToolTime &time = toolTimes[entry.toolName];
            time.msecs += gap;
            ++time.timedEntries;
        }
        if (longestGaps > 0)
            keepLongest(stats.longestGaps, {i, entry.createdAtMsecs, gap}, longestGaps);
    }

    stats.messageTypes = sortedCounts(types);
    stats.tools = sortedCounts(tools);
    for (auto it = toolTimes.begin(); it != toolTimes.end(); ++it) {
        it->tool = it.key();
        stats.timePerTool.append(*it);
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
