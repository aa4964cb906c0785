// SPDX-License-Identifier: MIT
#include "compare/comparestepfilter.h"

#include "compare/compareentry.h"

namespace {

bool entryHas(const QList<QByteArray> &entries, int entry, const CompareStepFilter::Filter &filter)
{
    if (entry <= 0 || entry > entries.size())
        return false;
    const CompareEntry::Line line = CompareEntry::lineOf(entries.at(entry - 1));
    return (filter.facet == CompareStepFilter::Facet::Tool ? line.toolName : line.messageType) == filter.name;
}

} // namespace

namespace CompareStepFilter {

QVector<int> stepsWith(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                       const Filter &filter, const std::atomic<bool> *cancel)
{
    QVector<int> kept;
    const QVector<CompareStep> &steps = comparison.steps;
    for (int i = 0; i < steps.size(); ++i) {
        if (cancel && (i & 1023) == 0 && cancel->load(std::memory_order_relaxed))
            return {};
        const CompareStep &step = steps.at(i);
        if (entryHas(left, step.leftEntry, filter) || entryHas(right, step.rightEntry, filter))
            kept.append(i);
    }
    return kept;
}

} // namespace CompareStepFilter
