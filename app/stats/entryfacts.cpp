// SPDX-License-Identifier: MIT
#include "stats/entryfacts.h"

#include "api/pageparser.h"
#include "rows/logstore.h"

void RunFactsBuilder::clear()
{
    m_facts = RunFacts();
    m_appendedTexts.clear();
}

void RunFactsBuilder::resize(int positions)
{
    m_facts.entries.resize(std::max(0, positions));
}

void RunFactsBuilder::setUnloaded(int position)
{
    if (position >= 0 && position < size())
        m_facts.entries[position] = EntryFacts();
}

void RunFactsBuilder::append(const LogEntry &entry)
{
    EntryFacts facts;
    facts.createdAtMsecs = entry.createdAtMsecs;
    facts.messageType = appendedTextId(entry.messageType);
    facts.toolName = appendedTextId(entry.toolName);
    facts.loaded = true;
    m_facts.entries.append(facts);
}

StringInterner::Id RunFactsBuilder::appendedTextId(const QString &text)
{
    const StringInterner::Id id = m_appendedTexts.idOf(text);
    // Appended to the facts' list too rather than the list shared: an interner sharing its list
    // with the facts would copy it for every new text.
    if (id == m_facts.texts.size())
        m_facts.texts.append(text);
    return id;
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
    // The store's ids stay what they are until it is cleared (a model reset: rebuild()), so the
    // facts set before keep theirs.
    m_facts.texts = store.texts();
    for (int row = std::max(0, firstRow); row <= lastRow && row < rows; ++row) {
        const int position = storeIsNewestFirst ? rows - 1 - row : row;
        if (!store.isLoaded(row)) {
            setUnloaded(position);
            continue;
        }
        EntryFacts &facts = m_facts.entries[position];
        facts.createdAtMsecs = store.createdAtMsecsAt(row);
        facts.messageType = store.messageTypeIdAt(row);
        facts.toolName = store.toolNameIdAt(row);
        facts.loaded = true;
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
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryParseResult parsed = PageParser::parseEntry(entries.at(i), i);
        if (parsed.ok)
            builder.append(parsed.entry);
        else
            builder.resize(builder.size() + 1); // a position with no facts, as an entry not loaded
    }
    return builder.facts();
}

} // namespace EntryFactsOf
