#include "model/logstore.h"

#include <algorithm>

void LogStore::clear()
{
    m_entries.clear();
    m_states.clear();
    m_loadedCount = 0;
}

void LogStore::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row) {
        if (isLoaded(row))
            --m_loadedCount;
    }
    m_entries.resize(size_t(rows));
    m_states.resize(size_t(rows), RowState::NotLoaded);
}

void LogStore::setEntries(int firstRow, QList<LogEntry> &&entries)
{
    int row = firstRow;
    for (LogEntry &entry : entries) {
        if (row < 0 || row >= size())
            break;
        if (!isLoaded(row))
            ++m_loadedCount;
        m_entries[size_t(row)] = std::move(entry);
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
            raw.append(m_entries[size_t(row)].rawJson);
    }
    return raw;
}
