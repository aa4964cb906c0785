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

// Each loop covers the bins from its first entry's to its last entry's: on the index axis the
// bins of its two ends; on the time axis the earliest and latest bins of its timed, loaded
// entries (a loop's entries are few: the walk is O(entries) over all loops, which never overlap).
// Where two loops share a bin, the earlier keeps it.
void markLoops(Timeline &timeline, const QVector<EntryFacts> &entries, const QVector<QPair<int, int>> &spans)
{
    timeline.loops = spans;
    for (int k = 0; k < spans.size(); ++k) {
        const int first = std::max(0, spans[k].first);
        const int last = std::min(timeline.positions - 1, spans[k].second);
        if (first > last)
            continue;
        int from = -1, to = -1;
        if (timeline.axis == Timeline::Axis::Index) {
            from = timeline.binOfPosition(first);
            to = timeline.binOfPosition(last);
        } else {
            for (int position = first; position <= last; ++position) {
                const EntryFacts &entry = entries[position];
                if (!entry.loaded || !entry.hasTime())
                    continue;
                const int bin = timeline.binOfTime(entry.createdAtMsecs);
                if (bin < 0)
                    continue;
                from = from < 0 ? bin : std::min(from, bin);
                to = std::max(to, bin);
            }
        }
        for (int bin = std::max(0, from); from >= 0 && bin <= to; ++bin) {
            if (timeline.bins[bin].loop < 0)
                timeline.bins[bin].loop = k;
        }
    }
}

} // namespace

namespace TimelineBins {

Timeline compute(const RunFacts &facts, Timeline::Axis axis, int binCount,
                 const QVector<int> &matchPositions, const TimelineFilter &filter,
                 const QList<RunStatistics::Gap> &longestGaps, const TimelineInsightMarks &marks,
                 const TimelineAxisHint &axisHint)
{
    const QVector<EntryFacts> &entries = facts.entries;
    Timeline timeline;
    timeline.axis = axis;
    timeline.positions = int(entries.size());
    binCount = std::max(1, binCount);
    if (entries.isEmpty())
        return timeline;

    bool allLoaded = true;
    for (const EntryFacts &entry : entries) {
        allLoaded = allLoaded && entry.loaded;
        if (!entry.loaded || !entry.hasTime())
            continue;
        if (!timeline.hasTimes) {
            timeline.startMsecs = timeline.endMsecs = entry.createdAtMsecs;
            timeline.hasTimes = true;
        }
        timeline.startMsecs = std::min(timeline.startMsecs, entry.createdAtMsecs);
        timeline.endMsecs = std::max(timeline.endMsecs, entry.createdAtMsecs);
    }
    // A whole run is shown as it is: its span is known, the room kept for pages goes.
    if (timeline.hasTimes && axisHint.valid && axisHint.endMsecs >= axisHint.startMsecs && !allLoaded) {
        const bool outgrown = timeline.endMsecs > axisHint.endMsecs;
        timeline.startMsecs = std::min(timeline.startMsecs, axisHint.startMsecs);
        timeline.endMsecs = std::max(timeline.endMsecs, axisHint.endMsecs);
        if (outgrown && !entries.last().loaded)
            timeline.endMsecs += (timeline.endMsecs - timeline.startMsecs) / 2;
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

    // Failures are merged with the entries as they go by (both in position order): an entry that
    // is an ERROR and a failure marks its bin once. Sorted already, as the insights give them.
    QVector<int> failures = marks.failurePositions;
    if (!std::is_sorted(failures.cbegin(), failures.cend()))
        std::sort(failures.begin(), failures.end());
    const int *nextFailure = failures.constData();
    const int *const failuresEnd = failures.constData() + failures.size();

    QVector<int> notes = marks.notePositions;
    if (!std::is_sorted(notes.cbegin(), notes.cend()))
        std::sort(notes.begin(), notes.end());
    const int *nextNote = notes.constData();
    const int *const notesEnd = notes.constData() + notes.size();

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
        while (nextFailure != failuresEnd && *nextFailure < position)
            ++nextFailure;
        const bool failed = nextFailure != failuresEnd && *nextFailure == position;
        if (failed || MessageCategory(category) == MessageCategory::Error)
            target.error = true;
        if (matching[size_t(position)])
            target.match = true;
        while (nextNote != notesEnd && *nextNote < position)
            ++nextNote;
        if (nextNote != notesEnd && *nextNote == position)
            target.note = true;
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

    markLoops(timeline, entries, marks.loopSpans);
    return timeline;
}

} // namespace TimelineBins
