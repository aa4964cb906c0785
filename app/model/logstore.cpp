// SPDX-License-Identifier: MIT
#include "model/logstore.h"

#include <algorithm>

void LogStore::clear()
{
    m_chunks.clear();
    m_states.clear();
    m_loadedCount = 0;
    m_otherRunCount = 0;
    m_rawOwners.clear();
}

const LogEntry &LogStore::at(int row) const
{
    static const LogEntry empty;
    const size_t chunk = size_t(row) / kChunkRows;
    if (row < 0 || chunk >= m_chunks.size() || !m_chunks[chunk])
        return empty;
    return (*m_chunks[chunk])[size_t(row) % kChunkRows];
}

LogEntry &LogStore::slot(int row)
{
    std::unique_ptr<Chunk> &chunk = m_chunks[size_t(row) / kChunkRows];
    if (!chunk)
        chunk = std::make_unique<Chunk>();
    return (*chunk)[size_t(row) % kChunkRows];
}

void LogStore::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row) {
        if (isLoaded(row)) {
            LogEntry &entry = slot(row);
            --m_loadedCount;
            if (entry.otherRun)
                --m_otherRunCount;
            entry = LogEntry(); // the chunk may stay (rows kept before it), its data must not
        }
    }
    m_chunks.resize((size_t(rows) + kChunkRows - 1) / kChunkRows);
    m_states.resize(size_t(rows), RowState::NotLoaded);
}

void LogStore::insertFront(int rows)
{
    if (rows <= 0)
        return;
    const int before = size();
    std::vector<std::unique_ptr<Chunk>> chunks = std::exchange(m_chunks, {});
    std::vector<RowState> states = std::exchange(m_states, {});
    m_states.reserve(size_t(before) + size_t(rows));
    m_states.assign(size_t(rows), RowState::NotLoaded);
    m_states.insert(m_states.end(), states.cbegin(), states.cend());
    m_chunks.resize((size_t(before) + size_t(rows) + kChunkRows - 1) / kChunkRows);
    // Entries are moved, not copied (their bytes are shared): O(rows of the run) per growth.
    for (int row = 0; row < before; ++row) {
        if (states[size_t(row)] == RowState::Loaded)
            slot(row + rows) = std::move((*chunks[size_t(row) / kChunkRows])[size_t(row) % kChunkRows]);
    }
}

void LogStore::setEntries(int firstRow, QList<LogEntry> &&entries)
{
    int row = firstRow;
    for (LogEntry &entry : entries) {
        if (row < 0 || row >= size())
            break;
        LogEntry &target = slot(row);
        if (!isLoaded(row))
            ++m_loadedCount;
        else if (target.otherRun)
            --m_otherRunCount;
        if (entry.otherRun)
            ++m_otherRunCount;
        // Kept until clear() even if the row is replaced or dropped: bytes taken from the store
        // before stay valid for whoever holds rawOwners().
        if (entry.rawOwner && !m_rawOwners.contains(entry.rawOwner))
            m_rawOwners.append(entry.rawOwner);
        target = std::move(entry);
        m_states[size_t(row)] = RowState::Loaded;
        ++row;
    }
}

void LogStore::markUnloaded(int firstRow, int lastRow, RowState state)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(size() - 1, lastRow);
    for (int row = firstRow; row <= lastRow; ++row) {
        if (!isLoaded(row))
            m_states[size_t(row)] = state;
    }
}

QList<QByteArray> LogStore::rawEntries(int firstRow, int lastRow) const
{
    QList<QByteArray> raw;
    firstRow = std::max(0, firstRow);
    lastRow = std::min(size() - 1, lastRow);
    raw.reserve(std::max(0, lastRow - firstRow + 1));
    for (int row = firstRow; row <= lastRow; ++row) {
        if (isLoaded(row))
            raw.append(at(row).rawJson);
    }
    return raw;
}
