// SPDX-License-Identifier: MIT
#include "stats/entryfacts.h"

#include "api/pageparser.h"
#include "rows/logstore.h"

QString RunFacts::messageTypeOf(const EntryFacts &entry) const
{
    return messageTypes.textOf(entry.messageType);
}

QString RunFacts::toolNameOf(const EntryFacts &entry) const
{
    return toolNames.textOf(entry.toolName);
}

void RunFactsBuilder::clear()
{
    m_facts = RunFacts();
}

void RunFactsBuilder::resize(int positions)
{
    m_facts.entries.resize(std::max(0, positions));
}

EntryFacts RunFactsBuilder::factsOf(const LogEntry &entry)
{
    EntryFacts facts;
    facts.createdAtMsecs = entry.createdAtMsecs;
    facts.messageType = m_facts.messageTypes.idOf(entry.messageType);
    facts.toolName = m_facts.toolNames.idOf(entry.toolName);
    facts.loaded = true;
    return facts;
}

void RunFactsBuilder::set(int position, const LogEntry &entry)
{
    if (position >= 0 && position < size())
        m_facts.entries[position] = factsOf(entry);
}

void RunFactsBuilder::setUnloaded(int position)
{
    if (position >= 0 && position < size())
        m_facts.entries[position] = EntryFacts();
}

void RunFactsBuilder::append(const LogEntry &entry)
{
    m_facts.entries.append(factsOf(entry));
}

void RunFactsBuilder::rebuild(const LogStore &store, bool storeIsNewestFirst)
{
    clear();
    resize(store.size());
    update(store, storeIsNewestFirst, 0, store.size() - 1);
}

void RunFactsBuilder::update(const LogStore &store, bool storeIsNewestFirst, int firstRow, int lastRow)
{
    const int rows = store.size();
    if (rows != size())
        resize(rows);
    for (int row = std::max(0, firstRow); row <= lastRow && row < rows; ++row) {
        const int position = storeIsNewestFirst ? rows - 1 - row : row;
        if (store.isLoaded(row))
            set(position, store.at(row));
        else
            setUnloaded(position);
    }
}

namespace EntryFactsOf {

RunFacts store(const LogStore &store, bool storeIsNewestFirst)
{
    RunFactsBuilder builder;
    builder.rebuild(store, storeIsNewestFirst);
    return builder.facts();
}

RunFacts rawEntries(const QList<QByteArray> &entries)
{
    RunFactsBuilder builder;
    builder.resize(int(entries.size()));
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryParseResult parsed = PageParser::parseEntry(entries.at(i), i);
        if (parsed.ok)
            builder.set(int(i), parsed.entry);
        else
            builder.setUnloaded(int(i));
    }
    return builder.facts();
}

} // namespace EntryFactsOf
