// SPDX-License-Identifier: MIT
#pragma once

#include "rows/ownertable.h"
#include "run/logentry.h"
#include "run/stringinterner.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

// The run's entries by position (chronological, or newest first for a reversed view). Rows whose
// page has not arrived yet are placeholders with a state, so a run of 100,000 entries can have all
// its rows from the first response on and fill them in any order.
//
// Memory is what a big run costs, so a loaded row is an index, not a LogEntry: where its bytes
// are (a pointer into what owns them: a mapped file, a page body, a batch of owned entries) and
// the few facts the table shows, 32 bytes in all. Message types and tools are stored once each
// (small ids). at() builds the LogEntry when asked; it shares everything and copies nothing.
class LogStore
{
public:
    enum class RowState : std::uint8_t { NotLoaded, Loading, Failed, Loaded };

    int size() const { return int(m_states.size()); }
    void clear();
    // Grows with placeholders or drops trailing rows.
    void resize(int rows);
    // Puts `rows` placeholders before the first row; every row moves down by that many (the
    // newest-first view of a run that grew).
    void insertFront(int rows);

    // The entry of a row: its rawJson shares the stored bytes and its rawOwner keeps them alive,
    // so a copy is safe to keep anywhere. An empty entry for a row that is not loaded.
    LogEntry at(int row) const;
    // The row's bytes alone (valid while the store, or a holder of rawOwners(), lives).
    QByteArray rawJsonAt(int row) const;
    // What the row's bytes live in (null for a row that is not loaded).
    std::shared_ptr<const void> rawOwnerAt(int row) const;
    // The row's time (LogEntry::kNoTime when it has none or is not loaded).
    qint64 createdAtMsecsAt(int row) const;
    bool isOtherRunAt(int row) const;
    // How many loaded rows have each message type, and each tool (null when the server sent
    // null, "" apart from it), in no order; kept as rows are set and dropped, so the filter's
    // choices cost nothing per row.
    QList<QPair<QString, int>> messageTypeCounts() const;
    QList<QPair<QString, int>> toolNameCounts() const;
    // The row's message type and tool (null when the server sent null, or not loaded).
    const QString &messageTypeAt(int row) const;
    const QString &toolNameAt(int row) const;
    // The same as ids into texts(): what a copy of the rows' facts keeps (the overview's), so
    // the texts are kept once, here. Id 0 is null (and a row not loaded); an id stands for its
    // text until clear().
    StringInterner::Id messageTypeIdAt(int row) const;
    StringInterner::Id toolNameIdAt(int row) const;
    const QStringList &texts() const { return m_strings.texts(); }
    RowState state(int row) const { return m_states[size_t(row)]; }
    bool isLoaded(int row) const { return state(row) == RowState::Loaded; }
    int loadedCount() const { return m_loadedCount; }
    // Loaded rows whose entry is flagged LogEntry::otherRun.
    int otherRunCount() const { return m_otherRunCount; }

    // Places entries at firstRow, firstRow+1, ... (all inside size()).
    void setEntries(int firstRow, const QList<LogEntry> &entries);
    // Sets the load state (not loaded, loading, failed) of the rows that are not loaded; loaded
    // rows keep their data. (A "mark" is the user's bookmark, never this.)
    void setUnloadedRowsState(int firstRow, int lastRow, RowState state);

    // Each loaded entry's bytes in row order (implicitly shared: cheap); for exporters and search.
    // Valid only while the store keeps them: whoever keeps them past the store's next change (a
    // worker, a snapshot) keeps rawOwners() with them.
    QList<QByteArray> rawEntries(int firstRow, int lastRow) const;
    // Every row's bytes in row order, an empty view for a row not loaded (16 bytes a row, no
    // copy): what a worker reads while the rows go on changing, holding rawOwners() with them.
    std::vector<QByteArrayView> rawViews() const;
    // What the bytes of every loaded row live in: holding them keeps every rawJson taken from
    // this store valid, whatever happens to the store afterwards. An owner no row uses any more
    // (a page fetched again, a run closed) is let go, so a followed run does not accumulate them.
    const QList<std::shared_ptr<const void>> &rawOwners() const { return m_ownerList; }

private:
    struct Row
    {
        const char *data = nullptr;
        qint64 createdAtMsecs = LogEntry::kNoTime;
        // An entry is at most 128 MB (the largest page body; a file's entry limit): 28 bits.
        quint32 size : 28;
        quint32 flags : 4;       // RowFlag
        quint32 owner = 0;       // OwnerTable::Id in m_owners
        quint32 messageType = 0; // index into m_strings; 0: null
        quint32 toolName = 0;
        Row() : size(0), flags(0) {}
    };
    enum RowFlag : quint8 {
        OtherRun = 0x1,
        HasTimeText = 0x2,
        RunIdApart = 0x4, // agent_run_id is not m_commonRunId: see m_runIdsApart
    };

    // Entries live in chunks allocated when their first row arrives, so a placeholder row costs
    // one state byte: a total_logs of millions (true or a server's lie) costs megabytes, not the
    // gigabytes a row each would take.
    static constexpr int kChunkRows = 256;
    using Chunk = std::array<Row, kChunkRows>;
    const Row *rowAt(int row) const;
    Row &slot(int row);
    void release(Row &row);
    OwnerTable::Id holdOwner(const std::shared_ptr<const void> &owner);
    quint32 stringId(const QString &value);

    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::vector<RowState> m_states;
    int m_loadedCount = 0;
    int m_otherRunCount = 0;
    OwnerTable m_owners;
    // The owners of m_owners again, in the order they came: what rawOwners() hands out whole.
    QList<std::shared_ptr<const void>> m_ownerList;
    // Every entry of a run says which run it is of: the run id of the first entry is kept once,
    // any other (an entry of another run) by the entry's bytes (the id is a function of them).
    qint64 m_commonRunId = 0;
    bool m_hasCommonRunId = false;
    QHash<const char *, qint64> m_runIdsApart;
    // Message types and tool names, each once; id 0 is null (the server sent null), "" has its own.
    StringInterner m_strings{StringInterner::NullText::IdZero};
    QList<int> m_typeCounts;   // by string id
    QList<int> m_toolCounts;
};
