// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QVector>
#include <QtGlobal>

// A run's statistics over its loaded entries. Positions are 0-based, oldest first.
//
// Definitions (the same for the window and `runlog --stats`):
// - a null message_type or tool_name is not a value: such entries are counted apart
//   (withoutMessageType, withoutTool); "" is a value like any other;
// - an error is an entry whose message_type is "ERROR" in any casing;
// - the time of an entry is the time from it to the next entry, when both have a parsable
//   created_at and the next one is not earlier; a tool's time is the sum over its entries
//   (the best proxy a log without durations gives);
// - a gap is that time between two neighbouring entries; the longest ones are kept;
// - the duration is the created_at of the last entry that has one minus that of the first.
struct RunStatistics
{
    struct Count
    {
        QString value;
        int count = 0;
    };
    struct ToolTime
    {
        QString tool;
        qint64 msecs = 0;
        int timedEntries = 0; // entries of the tool whose time could be measured
    };
    struct Gap
    {
        int afterPosition = 0; // the gap runs from this entry to the next one
        qint64 startMsecs = 0;
        qint64 msecs = 0;
    };

    int entries = 0;       // rows, loaded or not
    int loadedEntries = 0;
    int withoutTime = 0;   // loaded entries whose created_at is null or not a time

    QList<Count> messageTypes; // most frequent first, then by value
    int withoutMessageType = 0;
    QList<Count> tools;        // likewise
    int withoutTool = 0;
    QList<ToolTime> timePerTool; // longest first, then by name

    QVector<int> errorPositions;

    bool hasDuration = false;
    qint64 firstMsecs = 0; // the first and last created_at (by position) that parse
    qint64 lastMsecs = 0;
    qint64 durationMsecs() const { return hasDuration ? lastMsecs - firstMsecs : 0; }

    QList<Gap> longestGaps; // longest first, then earliest
    // The 95th percentile of the gaps between neighbouring timed entries (0 without two).
    qint64 gapP95Msecs = 0;
    // The longest gaps that stand out from the run's rhythm: over the 95th percentile and over a
    // minute. A run whose gaps are all alike (a minute each, say) has none; the timeline shades
    // only these.
    QList<Gap> standoutGaps() const
    {
        QList<Gap> standout;
        for (const Gap &gap : longestGaps) {
            if (gap.msecs > gapP95Msecs && gap.msecs > 60'000)
                standout.append(gap);
        }
        return standout;
    }

    // Entries per bucket from bucketStartMsecs on (minute-aligned, UTC); a bucket is one minute,
    // or a whole number of minutes when the run is too long for one bar per minute.
    qint64 bucketStartMsecs = 0;
    qint64 bucketMsecs = 60'000;
    QVector<int> entriesPerBucket;
};
