// SPDX-License-Identifier: MIT
#include "compare/comparesearch.h"

#include "search/searchengine.h"
#include "search/searchtext.h"

namespace {

bool entryMatches(const QList<QByteArray> &entries, int entry, const SearchEngine &engine)
{
    if (entry <= 0 || entry > entries.size())
        return false;
    // The raw form shares the entry's bytes; the engine rules most entries out by a byte scan.
    return engine.matches(SearchText::fromRawEntryJson(entries.at(entry - 1)));
}

} // namespace

namespace CompareSearch {

Result search(const QVector<CompareStep> &steps, const QList<QByteArray> &left, const QList<QByteArray> &right,
              const SearchEngine &engine, const std::atomic<bool> *cancel)
{
    Result result;
    if (engine.isNull())
        return result;
    for (int i = 0; i < steps.size(); ++i) {
        if (cancel && (i & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            result.hits.clear();
            return result;
        }
        const CompareStep &step = steps.at(i);
        const bool inLeft = entryMatches(left, step.leftEntry, engine);
        const bool inRight = entryMatches(right, step.rightEntry, engine);
        if (inLeft || inRight) {
            result.hits.append(Hit{i, inLeft, inRight});
            result.matchingEntries += int(inLeft) + int(inRight);
        }
    }
    return result;
}

} // namespace CompareSearch
