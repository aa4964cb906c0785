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
// type and tool as small ids into RunFacts' lists. A window keeps them up to date as pages
// arrive (RunFactsBuilder), so handing a million of them to a worker is one copy of 16 MB, not
// a million string copies on the UI thread.
struct EntryFacts
{
    qint64 createdAtMsecs = LogEntry::kNoTime;
    qint32 messageType = -1; // index into RunFacts::messageTypes; -1: null (or not loaded)
    qint32 toolName : 31;    // index into RunFacts::toolNames; -1: null
    quint32 loaded : 1;      // a bit beside the tool: 16 bytes, not 24, per entry of a big run

    EntryFacts() : toolName(-1), loaded(0) {}
    bool hasTime() const { return createdAtMsecs != LogEntry::kNoTime; }
};
static_assert(sizeof(EntryFacts) == 16, "a million entries' facts are copied to a worker");

// A run's entries as facts, oldest first, with the distinct values their ids stand for.
struct RunFacts
{
    QVector<EntryFacts> entries;
    StringInterner messageTypes; // never null (null is id -1); "" is a value
    StringInterner toolNames;

    // A null QString for id -1.
    QString messageTypeOf(const EntryFacts &entry) const;
    QString toolNameOf(const EntryFacts &entry) const;
};

// Builds RunFacts and keeps them up to date row by row. A null type or tool is kept apart from
// "" (StringInterner).
class RunFactsBuilder
{
public:
    const RunFacts &facts() const { return m_facts; }
    int size() const { return int(m_facts.entries.size()); }

    void clear();
    void resize(int positions);
    void set(int position, const LogEntry &entry);
    void setUnloaded(int position);
    void append(const LogEntry &entry);
    // Every row of the store, oldest first (a store kept newest first is read backwards).
    void rebuild(const LogStore &store, bool storeIsNewestFirst);
    // Row `row` of the store at its chronological position.
    void update(const LogStore &store, bool storeIsNewestFirst, int firstRow, int lastRow);

private:
    EntryFacts factsOf(const LogEntry &entry);

    RunFacts m_facts;
};

namespace EntryFactsOf {
RunFacts store(const LogStore &store, bool storeIsNewestFirst);
// Entries as their exact bytes, oldest first (a whole run's snapshot), each read as an entry of
// a page is (PageParser::parseEntry): the same facts as the store's rows of the same entries.
RunFacts rawEntries(const QList<QByteArray> &entries);
}
