// SPDX-License-Identifier: MIT
#include "search/entryfolds.h"

#include <algorithm>

bool EntryFolds::setFolds(const QList<EntryFold> &folds)
{
    QList<EntryFold> sorted;
    for (const EntryFold &fold : folds) {
        if (fold.firstEntry >= 1 && fold.lastEntry > fold.firstEntry)
            sorted.append(fold);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const EntryFold &a, const EntryFold &b) { return a.firstEntry < b.firstEntry; });
    std::vector<Fold> next;
    next.reserve(size_t(sorted.size()));
    for (const EntryFold &fold : std::as_const(sorted)) {
        if (!next.empty() && fold.firstEntry <= next.back().fold.lastEntry)
            continue;
        const int before = indexOfEntry(fold.firstEntry);
        const bool wasOpen = before >= 0 && at(before).firstEntry == fold.firstEntry && isOpen(before);
        next.push_back({fold, wasOpen});
    }
    const bool changed = next.size() != m_folds.size()
        || !std::equal(next.begin(), next.end(), m_folds.begin(), [](const Fold &a, const Fold &b) {
               return a.open == b.open && a.fold.firstEntry == b.fold.firstEntry && a.fold.lastEntry == b.fold.lastEntry
                   && a.fold.label == b.fold.label;
           });
    m_folds.swap(next);
    return changed;
}

int EntryFolds::indexOfEntry(int entry) const
{
    // The last fold starting at or before the entry is the only one that can hold it.
    const auto after = std::upper_bound(m_folds.begin(), m_folds.end(), entry,
                                        [](int value, const Fold &fold) { return value < fold.fold.firstEntry; });
    if (after == m_folds.begin())
        return -1;
    const auto candidate = after - 1;
    return entry <= candidate->fold.lastEntry ? int(candidate - m_folds.begin()) : -1;
}

bool EntryFolds::setOpen(int index, bool open)
{
    if (index < 0 || index >= count() || m_folds[size_t(index)].open == open)
        return false;
    m_folds[size_t(index)].open = open;
    return true;
}
