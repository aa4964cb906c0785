// SPDX-License-Identifier: MIT
#pragma once

#include "stats/entryfacts.h"
#include "stats/runstatistics.h"

#include <QPair>
#include <QSet>
#include <QString>
#include <QVector>

// The timeline strip's content, downsampled to one bin per pixel column: what the widget paints
// is a few thousand bins, whatever the number of entries. Computed on a worker.
struct TimelineBin
{
    int entries = 0;          // loaded entries in the bin
    int firstPosition = -1;   // the earliest entry in the bin (for clicks); -1 when empty
    qint8 category = -1;      // MessageCategory most frequent in the bin, -1 when empty
    bool error = false;       // an ERROR-family entry or a failure (insights) is in the bin
    bool unloaded = false;    // entries not loaded yet fall (or, on the time axis, may fall) here
    bool match = false;       // a search match is in the bin
    bool filterHit = false;   // an entry the filter shows is in the bin
    bool longGap = false;     // one of the run's longest gaps starts in (index) or spans (time) the bin
    bool note = false;        // an entry with the user's note is in the bin
    int loop = -1;            // the loop (index into Timeline::loops) drawn over the bin; -1: none
};

struct Timeline
{
    enum class Axis { Time, Index };

    Axis axis = Axis::Time;
    int positions = 0;        // entries in the run, loaded or not
    qint64 startMsecs = 0;    // the time axis: the earliest and latest created_at
    qint64 endMsecs = 0;
    bool hasTimes = false;
    QVector<TimelineBin> bins;
    // The loops found by the insights, [first, last] positions (0-based, inclusive), as given
    // to compute(): the bins' `loop` index into it.
    QVector<QPair<int, int>> loops;

    // The bin of a position (index axis) or of a time (time axis); -1 when outside.
    int binOfPosition(int position) const;
    int binOfTime(qint64 msecs) const;
};

// What the table's filter lets through, as LogFilterProxyModel decides it: empty sets allow
// all; a null QString in a set stands for entries without that field; rows not loaded are
// hidden while any filter is on.
struct TimelineFilter
{
    QSet<QString> messageTypes;
    QSet<QString> toolNames;
    bool matchingOnly = false;
    bool isActive() const { return !messageTypes.isEmpty() || !toolNames.isEmpty() || matchingOnly; }
};

// What the insights found, on the timeline (issue 23): failures are drawn as errors, loops as a
// lane of their own. Chronological positions (entry number - 1), sorted; loops are [first, last]
// inclusive and do not overlap (insights report each stretch once).
struct TimelineInsightMarks
{
    QVector<int> failurePositions;
    QVector<QPair<int, int>> loopSpans;
    // The user's notes (not the insights', but ticked the same way): positions, sorted.
    QVector<int> notePositions;
};

// The time axis a view showed before (issue 27, stumble 12): while pages arrive, the axis keeps
// it and grows past it in steps, so the strip does not jump with every page.
struct TimelineAxisHint
{
    bool valid = false;
    qint64 startMsecs = 0;
    qint64 endMsecs = 0;
};

namespace TimelineBins {

// `matchPositions`: search matches, oldest-first positions, in any order. `longestGaps` from
// RunStatistics flags the bins of the run's longest gaps. `marks`: the insights' failures and
// loops (O(marks) more work, plus each loop's entries on the time axis). `axisHint`: the span
// shown before, which the time axis never shrinks from; when the loaded times outgrow it and the
// run's last entry is not loaded yet (more pages to come), the axis grows with room to spare
// (half the span again), so the next pages fall inside it. Once every entry is loaded the span is
// the run's own.
Timeline compute(const RunFacts &facts, Timeline::Axis axis, int binCount,
                 const QVector<int> &matchPositions, const TimelineFilter &filter,
                 const QList<RunStatistics::Gap> &longestGaps,
                 const TimelineInsightMarks &marks = {}, const TimelineAxisHint &axisHint = {});

} // namespace TimelineBins
