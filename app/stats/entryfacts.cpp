// SPDX-License-Identifier: MIT
#include "stats/entryfacts.h"

#include "model/logstore.h"

namespace EntryFactsOf {

EntryFacts entry(const LogEntry &entry)
{
    EntryFacts facts;
    facts.createdAtMsecs = entry.createdAtMsecs;
    facts.messageType = entry.messageType;
    facts.toolName = entry.toolName;
    facts.loaded = true;
    return facts;
}

QVector<EntryFacts> store(const LogStore &store, bool storeIsNewestFirst)
{
    const int rows = store.size();
    QVector<EntryFacts> facts(rows);
    for (int position = 0; position < rows; ++position) {
        const int row = storeIsNewestFirst ? rows - 1 - position : position;
        if (store.isLoaded(row))
            facts[position] = entry(store.at(row));
    }
    return facts;
}

} // namespace EntryFactsOf
