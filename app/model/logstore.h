#pragma once

#include "model/logentry.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <vector>

// The run's entries by position (chronological, or newest first for a reversed view). Rows whose
// page has not arrived yet are placeholders with a state, so a run of 100,000 entries can have all
// its rows from the first response on and fill them in any order.
class LogStore
{
public:
    enum class RowState : std::uint8_t { NotLoaded, Loading, Failed, Loaded };

    int size() const { return int(m_entries.size()); }
    void clear();
    // Grows with placeholders or drops trailing rows.
    void resize(int rows);

    const LogEntry &at(int row) const { return m_entries[size_t(row)]; }
    RowState state(int row) const { return m_states[size_t(row)]; }
    bool isLoaded(int row) const { return state(row) == RowState::Loaded; }
    int loadedCount() const { return m_loadedCount; }

    // Places entries at firstRow, firstRow+1, ... (all inside size()).
    void setEntries(int firstRow, QList<LogEntry> &&entries);
    // Marks rows that are not loaded as loading or failed; loaded rows keep their data.
    void markUnloaded(int firstRow, int lastRow, RowState state);

    // Each loaded entry's bytes in row order (implicitly shared: cheap); for exporters and search.
    QList<QByteArray> rawEntries(int firstRow, int lastRow) const;

private:
    std::vector<LogEntry> m_entries;
    std::vector<RowState> m_states;
    int m_loadedCount = 0;
};
