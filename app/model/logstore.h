// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"

#include <QByteArray>
#include <QList>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

// The run's entries by position (chronological, or newest first for a reversed view). Rows whose
// page has not arrived yet are placeholders with a state, so a run of 100,000 entries can have all
// its rows from the first response on and fill them in any order.
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

    // An empty entry for a row that is not loaded.
    const LogEntry &at(int row) const;
    RowState state(int row) const { return m_states[size_t(row)]; }
    bool isLoaded(int row) const { return state(row) == RowState::Loaded; }
    int loadedCount() const { return m_loadedCount; }
    // Loaded rows whose entry is flagged LogEntry::otherRun.
    int otherRunCount() const { return m_otherRunCount; }

    // Places entries at firstRow, firstRow+1, ... (all inside size()).
    void setEntries(int firstRow, QList<LogEntry> &&entries);
    // Marks rows that are not loaded as loading or failed; loaded rows keep their data.
    void markUnloaded(int firstRow, int lastRow, RowState state);

    // Each loaded entry's bytes in row order (implicitly shared: cheap); for exporters and search.
    // Borrowed bytes (LogEntry::rawOwner) are valid only while their owner lives: whoever keeps
    // them past the entry (a worker, a snapshot) keeps rawOwners() with them.
    QList<QByteArray> rawEntries(int firstRow, int lastRow) const;
    // The owners of every borrowed entry placed since clear() (one per opened file): holding
    // them keeps every rawJson taken from this store valid, whatever happens to the store.
    const QList<std::shared_ptr<const void>> &rawOwners() const { return m_rawOwners; }

private:
    // Entries live in chunks allocated when their first row arrives, so a placeholder row costs
    // one state byte: a total_logs of millions (true or a server's lie) costs megabytes, not the
    // gigabytes a LogEntry per row would take.
    static constexpr int kChunkRows = 128;
    using Chunk = std::array<LogEntry, kChunkRows>;
    LogEntry &slot(int row);

    std::vector<std::unique_ptr<Chunk>> m_chunks;
    std::vector<RowState> m_states;
    int m_loadedCount = 0;
    int m_otherRunCount = 0;
    QList<std::shared_ptr<const void>> m_rawOwners;
};
