// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"
#include "run/stringinterner.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtGlobal>

class LogStore;

// The few facts of one entry that the overview needs, in 16 bytes: its time and its message
// type and tool as small ids into RunFacts::texts. A window keeps them up to date as pages
// arrive (RunFactsBuilder), so handing a million of them to a worker is one copy of 16 MB, not
// a million string copies on the UI thread.
struct EntryFacts
{
    qint64 createdAtMsecs = LogEntry::kNoTime;
    StringInterner::Id messageType = 0; // index into RunFacts::texts; 0: null (or not loaded)
    qint32 toolName : 31;               // index into RunFacts::texts; 0: null
    quint32 loaded : 1;                 // a bit beside the tool: 16 bytes, not 24, per entry of a big run

    EntryFacts() : toolName(0), loaded(0) {}
    bool hasTime() const { return createdAtMsecs != LogEntry::kNoTime; }
};
static_assert(sizeof(EntryFacts) == 16, "a million entries' facts are copied to a worker");

// A run's entries as facts, oldest first, with the distinct texts their ids stand for: message
// types and tools in one list, as LogStore keeps them, id 0 null ("" is a text of its own).
struct RunFacts
{
    QVector<EntryFacts> entries;
    QStringList texts{QString()};

    static constexpr StringInterner::Id kNullText = 0;
    // A null QString for a null type or tool.
    const QString &messageTypeOf(const EntryFacts &entry) const { return texts.at(entry.messageType); }
    const QString &toolNameOf(const EntryFacts &entry) const { return texts.at(entry.toolName); }
};

// Builds RunFacts and keeps them up to date row by row, from one source: a LogStore (the facts
// then take the store's own ids and share its texts: one record of them, not a copy interned
// again) or entries appended one by one (a file read for `runlog --stats`, tests), whose texts
// the builder interns itself.
class RunFactsBuilder
{
public:
    const RunFacts &facts() const { return m_facts; }
    int size() const { return int(m_facts.entries.size()); }

    void clear();
    void resize(int positions);
    void setUnloaded(int position);
    void append(const LogEntry &entry);
    // Every row of the store, oldest first (a store kept newest first is read backwards).
    void rebuild(const LogStore &store, bool storeIsNewestFirst);
    // Row `row` of the store at its chronological position.
    void update(const LogStore &store, bool storeIsNewestFirst, int firstRow, int lastRow);

private:
    StringInterner::Id appendedTextId(const QString &text);

    RunFacts m_facts;
    // The texts of appended entries; the store keeps those of its rows.
    StringInterner m_appendedTexts{StringInterner::NullText::IdZero};
};

namespace EntryFactsOf {
RunFacts store(const LogStore &store, bool storeIsNewestFirst);
// Entries as their exact bytes, oldest first (a whole run's snapshot), each read as an entry of
// a page is (PageParser::parseEntry): the same facts as the store's rows of the same entries.
RunFacts rawEntries(const QList<QByteArray> &entries);
}
