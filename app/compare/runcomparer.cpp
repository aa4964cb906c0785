// SPDX-License-Identifier: MIT
#include "compare/runcomparer.h"

#include "compare/alignment.h"
#include "compare/entrykeys.h"
#include "stats/entryfacts.h"
#include "stats/statisticscalculator.h"

#include <algorithm>

namespace {

bool isCancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

// A side's summary and its counts per tool and message type, as --stats computes them.
CompareSide sideOf(const QList<QByteArray> &entries, QMap<QString, CompareCount> &tools,
                   QMap<QString, CompareCount> &messageTypes, int CompareCount::*side)
{
    const RunStatistics stats = StatisticsCalculator::compute(EntryFactsOf::rawEntries(entries), 0);
    CompareSide summary;
    summary.entries = int(entries.size());
    summary.errors = int(stats.errorPositions.size());
    if (stats.hasDuration)
        summary.durationSeconds = double(stats.durationMsecs()) / 1000.0;
    for (const RunStatistics::Count &count : stats.tools)
        tools[count.value].*side = count.count;
    for (const RunStatistics::Count &count : stats.messageTypes)
        messageTypes[count.value].*side = count.count;
    return summary;
}

// The steps in order: between two matched pairs, the left's unmatched entries, then the right's.
void appendSteps(const QVector<int> &rightOfLeft, const EntryKeys &left, const EntryKeys &right,
                 RunComparison &comparison)
{
    const int leftSize = int(rightOfLeft.size());
    const int rightSize = int(right.match.size());
    int i = 0;
    int j = 0;
    while (i < leftSize || j < rightSize) {
        for (; i < leftSize && rightOfLeft[i] < 0; ++i) {
            comparison.steps.append({CompareStep::OnlyLeft, i + 1, 0});
            ++comparison.onlyLeft;
        }
        const int nextMatched = i < leftSize ? rightOfLeft[i] : rightSize;
        for (; j < nextMatched; ++j) {
            comparison.steps.append({CompareStep::OnlyRight, 0, j + 1});
            ++comparison.onlyRight;
        }
        if (i == leftSize)
            break;
        const bool same = left.content[i] == right.content[j];
        comparison.steps.append({same ? CompareStep::Same : CompareStep::Changed, i + 1, j + 1});
        ++(same ? comparison.same : comparison.changed);
        ++i;
        ++j;
    }
}

} // namespace

namespace RunComparer {

RunComparison compare(const QList<QByteArray> &left, const QList<QByteArray> &right,
                      const std::atomic<bool> *cancel, const std::function<void(int leadingSame)> &prefixKnown)
{
    RunComparison comparison;
    comparison.cancelled = true; // until the end
    const EntryKeys leftKeys = EntryKeysOf::entries(left, cancel);
    const EntryKeys rightKeys = EntryKeysOf::entries(right, cancel);
    if (leftKeys.cancelled || rightKeys.cancelled)
        return comparison;
    if (prefixKnown) {
        // Leading entries that match and are the same: the alignment keeps them as its first steps.
        const qsizetype shorter = std::min(leftKeys.match.size(), rightKeys.match.size());
        qsizetype same = 0;
        while (same < shorter && leftKeys.match[same] == rightKeys.match[same] && leftKeys.content[same] == rightKeys.content[same])
            ++same;
        prefixKnown(int(same));
    }
    const Alignment::Matches matches = Alignment::longestCommonSubsequence(leftKeys.match, rightKeys.match, cancel);
    if (matches.cancelled)
        return comparison;
    comparison.steps.reserve(left.size() + right.size()
                             - std::count_if(matches.rightOfLeft.cbegin(), matches.rightOfLeft.cend(),
                                             [](int j) { return j >= 0; }));
    appendSteps(matches.rightOfLeft, leftKeys, rightKeys, comparison);

    int leadingSame = 0;
    while (leadingSame < comparison.steps.size() && comparison.steps[leadingSame].op == CompareStep::Same)
        ++leadingSame;
    if (leadingSame < comparison.steps.size())
        comparison.firstDivergence = leadingSame + 1;

    if (isCancelled(cancel))
        return comparison;
    comparison.left = sideOf(left, comparison.tools, comparison.messageTypes, &CompareCount::left);
    if (isCancelled(cancel))
        return comparison;
    comparison.right = sideOf(right, comparison.tools, comparison.messageTypes, &CompareCount::right);
    comparison.cancelled = isCancelled(cancel);
    return comparison;
}

} // namespace RunComparer
