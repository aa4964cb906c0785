// SPDX-License-Identifier: MIT
#include "rows/logstore.h"

#include "run/entrydetail.h"

#include <algorithm>


void LogStore::clear()
{
    m_chunks.clear();
    m_states.clear();
    m_loadedCount = 0;
    m_otherRunCount = 0;
    m_owners.clear();
    m_ownerList.clear();
    m_strings.clear();
    m_typeCounts.clear();
    m_toolCounts.clear();
    m_commonRunId = 0;
    m_hasCommonRunId = false;
    m_runIdsApart.clear();
}

const LogStore::Row *LogStore::rowAt(int row) const
{
    const size_t chunk = size_t(row) / kChunkRows;
    if (row < 0 || row >= size() || m_states[size_t(row)] != RowState::Loaded || chunk >= m_chunks.size()
        || !m_chunks[chunk])
        return nullptr;
    return &(*m_chunks[chunk])[size_t(row) % kChunkRows];
}

LogStore::Row &LogStore::slot(int row)
{
    std::unique_ptr<Chunk> &chunk = m_chunks[size_t(row) / kChunkRows];
    if (!chunk)
        chunk = std::make_unique<Chunk>();
    return (*chunk)[size_t(row) % kChunkRows];
}

LogEntry LogStore::at(int row) const
{
    static_assert(sizeof(void *) != 8 || sizeof(Row) == 32, "a row of a million-entry run");
    LogEntry entry;
    const Row *r = rowAt(row);
    if (!r)
        return entry;
    entry.rawJson = QByteArray::fromRawData(r->data, qsizetype(r->size));
    entry.rawOwner = m_owners.at(r->owner);
    entry.agentRunId = (r->flags & RunIdApart) ? m_runIdsApart.value(r->data) : m_commonRunId;
    entry.createdAtMsecs = r->createdAtMsecs;
    entry.messageType = m_strings.at(qsizetype(r->messageType));
    entry.toolName = m_strings.at(qsizetype(r->toolName));
    entry.otherRun = r->flags & OtherRun;
    // The text is kept only as bytes; a time that was read is shown from its number, and the
    // text of one that could not be read (rare: a server's or a file's mistake) is read back.
    if (!entry.hasTime() && (r->flags & HasTimeText))
        entry.createdAtText = parseEntryDetail(entry.rawJson).createdAtText;
    return entry;
}

QByteArray LogStore::rawJsonAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? QByteArray::fromRawData(r->data, qsizetype(r->size)) : QByteArray();
}

std::shared_ptr<const void> LogStore::rawOwnerAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? m_owners.at(r->owner) : nullptr;
}

qint64 LogStore::createdAtMsecsAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? r->createdAtMsecs : LogEntry::kNoTime;
}

bool LogStore::isOtherRunAt(int row) const
{
    const Row *r = rowAt(row);
    return r && (r->flags & OtherRun);
}

const QString &LogStore::messageTypeAt(int row) const
{
    return m_strings.at(messageTypeIdAt(row));
}

const QString &LogStore::toolNameAt(int row) const
{
    return m_strings.at(toolNameIdAt(row));
}

StringInterner::Id LogStore::messageTypeIdAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? StringInterner::Id(r->messageType) : 0;
}

StringInterner::Id LogStore::toolNameIdAt(int row) const
{
    const Row *r = rowAt(row);
    return r ? StringInterner::Id(r->toolName) : 0;
}

namespace {
QList<QPair<QString, int>> countsOf(const QList<QString> &strings, const QList<int> &counts)
{
    QList<QPair<QString, int>> out;
    for (qsizetype id = 0; id < counts.size(); ++id) {
        if (counts.at(id) > 0)
            out.append({strings.at(id), counts.at(id)});
    }
    return out;
}
} // namespace

QList<QPair<QString, int>> LogStore::messageTypeCounts() const
{
    return countsOf(m_strings.texts(), m_typeCounts);
}

QList<QPair<QString, int>> LogStore::toolNameCounts() const
{
    return countsOf(m_strings.texts(), m_toolCounts);
}

void LogStore::release(Row &row)
{
    if (const std::shared_ptr<const void> gone = m_owners.release(row.owner))
        m_ownerList.removeOne(gone);
    if (row.flags & OtherRun)
        --m_otherRunCount;
    --m_typeCounts[qsizetype(row.messageType)];
    --m_toolCounts[qsizetype(row.toolName)];
    --m_loadedCount;
    row = Row();
}

void LogStore::resize(int rows)
{
    rows = std::max(0, rows);
    for (int row = rows; row < size(); ++row) {
        if (isLoaded(row))
            release(slot(row));
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
    for (int row = 0; row < before; ++row) {
        if (states[size_t(row)] == RowState::Loaded)
            slot(row + rows) = (*chunks[size_t(row) / kChunkRows])[size_t(row) % kChunkRows];
    }
}

OwnerTable::Id LogStore::holdOwner(const std::shared_ptr<const void> &owner)
{
    const OwnerTable::Id id = m_owners.hold(owner);
    if (m_owners.rowsOf(id) == 1) // first seen
        m_ownerList.append(owner);
    return id;
}

quint32 LogStore::stringId(const QString &value)
{
    return quint32(m_strings.idOf(value));
}

void LogStore::setEntries(int firstRow, const QList<LogEntry> &entries)
{
    // Entries that own their bytes (not slices of a file or a page body) are kept together, as
    // one owner for the batch: the bytes are not copied, only their QByteArrays kept.
    std::shared_ptr<QList<QByteArray>> owned;
    for (const LogEntry &entry : entries) {
        if (!entry.rawOwner) {
            owned = std::make_shared<QList<QByteArray>>();
            owned->reserve(entries.size());
            break;
        }
    }
    int row = firstRow;
    for (const LogEntry &entry : entries) {
        if (row < 0 || row >= size())
            break;
        Row &target = slot(row);
        if (isLoaded(row))
            release(target);
        OwnerTable::Id ownerId;
        if (entry.rawOwner) {
            ownerId = holdOwner(entry.rawOwner);
        } else {
            owned->append(entry.rawJson);
            ownerId = holdOwner(owned);
        }
        target.data = entry.rawOwner ? entry.rawJson.constData() : owned->constLast().constData();
        Q_ASSERT(entry.rawJson.size() < (qsizetype(1) << 28));
        target.size = quint32(entry.rawJson.size());
        target.owner = ownerId;
        target.createdAtMsecs = entry.createdAtMsecs;
        if (!m_hasCommonRunId) {
            m_commonRunId = entry.agentRunId;
            m_hasCommonRunId = true;
        }
        const bool runIdApart = entry.agentRunId != m_commonRunId;
        if (runIdApart)
            m_runIdsApart.insert(target.data, entry.agentRunId);
        target.messageType = stringId(entry.messageType);
        target.toolName = stringId(entry.toolName);
        if (m_typeCounts.size() < m_strings.size()) {
            m_typeCounts.resize(m_strings.size());
            m_toolCounts.resize(m_strings.size());
        }
        ++m_typeCounts[qsizetype(target.messageType)];
        ++m_toolCounts[qsizetype(target.toolName)];
        target.flags = (entry.otherRun ? OtherRun : 0) | (!entry.createdAtText.isNull() || entry.hasTime() ? HasTimeText : 0)
            | (runIdApart ? RunIdApart : 0);
        if (entry.otherRun)
            ++m_otherRunCount;
        ++m_loadedCount;
        m_states[size_t(row)] = RowState::Loaded;
        ++row;
    }
}

void LogStore::setUnloadedRowsState(int firstRow, int lastRow, RowState state)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(size() - 1, lastRow);
    for (int row = firstRow; row <= lastRow; ++row) {
        if (!isLoaded(row))
            m_states[size_t(row)] = state;
    }
}

std::vector<QByteArrayView> LogStore::rawViews() const
{
    std::vector<QByteArrayView> views(static_cast<size_t>(size()));
    for (int row = 0; row < size(); ++row) {
        if (isLoaded(row)) {
            const Row *entry = rowAt(row);
            views[size_t(row)] = QByteArrayView(entry->data, qsizetype(entry->size));
        }
    }
    return views;
}

QList<QByteArray> LogStore::rawEntries(int firstRow, int lastRow) const
{
    QList<QByteArray> raw;
    firstRow = std::max(0, firstRow);
    lastRow = std::min(size() - 1, lastRow);
    raw.reserve(std::max(0, lastRow - firstRow + 1));
    for (int row = firstRow; row <= lastRow; ++row) {
        if (isLoaded(row))
            raw.append(rawJsonAt(row));
    }
    return raw;
}
