#include "model/logtablemodel.h"

#include "model/messagecategory.h"
#include "model/timestamps.h"

LogTableModel::LogTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_store.size();
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case GapColumn: return tr("Gap");
    case TypeColumn: return tr("Type");
    case ToolColumn: return tr("Tool");
    case SummaryColumn: return tr("Summary");
    default: return {};
    }
}

int LogTableModel::chronologicalIndex(int row) const
{
    return m_reversed ? m_numberedRows - 1 - row : row;
}

void LogTableModel::renumber(int rows)
{
    // Newest first, a row's number counts from the run's end, so a change in the number of rows
    // renumbers every row that stays: announced as a data change of the index column, before
    // rows are inserted or after they are removed, so that the rows that stay never change
    // during the insertion or removal itself (views and QAbstractItemModelTester rely on that).
    const int before = m_numberedRows;
    m_numberedRows = rows;
    const int staying = std::min(before, rows);
    if (m_reversed && before != rows && staying > 0)
        emit dataChanged(index(0, IndexColumn), index(staying - 1, IndexColumn), {Qt::DisplayRole, ChronologicalIndexRole});
}

qint64 LogTableModel::gapMsecs(int row) const
{
    // The entry before this one in time is the row above, or below in a reversed view.
    const int previous = m_reversed ? row + 1 : row - 1;
    if (previous < 0 || previous >= m_store.size() || !m_store.isLoaded(previous))
        return LogEntry::kNoTime;
    const LogEntry &entry = m_store.at(row);
    const LogEntry &before = m_store.at(previous);
    if (!entry.hasTime() || !before.hasTime())
        return LogEntry::kNoTime;
    return entry.createdAtMsecs - before.createdAtMsecs;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_store.size() || index.column() >= ColumnCount)
        return {};
    const int row = index.row();
    const bool loaded = m_store.isLoaded(row);
    switch (role) {
    case Qt::DisplayRole:
        return loaded ? displayData(row, index.column()) : placeholderData(row, index.column());
    case Qt::ToolTipRole:
        if (loaded && index.column() == TimeColumn)
            return m_store.at(row).createdAtText;
        if (loaded && index.column() == SummaryColumn)
            return m_store.at(row).summary;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn || index.column() == GapColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RowStateRole:
        return int(m_store.state(row));
    case ChronologicalIndexRole:
        return chronologicalIndex(row);
    default:
        break;
    }
    if (!loaded)
        return {};
    const LogEntry &entry = m_store.at(row);
    switch (role) {
    case RawJsonRole: return entry.rawJson;
    case MessageTypeRole: return entry.messageType;
    case MessageCategoryRole: return int(messageCategoryOf(entry.messageType));
    case ToolNameRole: return entry.toolName;
    case OtherRunRole: return entry.otherRun;
    case CreatedAtMsecsRole: return entry.hasTime() ? QVariant(entry.createdAtMsecs) : QVariant();
    case GapMsecsRole: {
        const qint64 gap = gapMsecs(row);
        return gap == LogEntry::kNoTime ? QVariant() : QVariant(gap);
    }
    default: return {};
    }
}

QVariant LogTableModel::displayData(int row, int column) const
{
    const LogEntry &entry = m_store.at(row);
    switch (column) {
    case IndexColumn: return chronologicalIndex(row) + 1;
    case TimeColumn:
        return entry.hasTime() ? Timestamps::formatLocal(entry.createdAtMsecs) : entry.createdAtText;
    case GapColumn: {
        const qint64 gap = gapMsecs(row);
        return gap == LogEntry::kNoTime ? QString() : Timestamps::formatGap(gap);
    }
    case TypeColumn: return entry.messageType;
    case ToolColumn: return entry.toolName;
    case SummaryColumn:
        if (entry.otherRun)
            return tr("⚠ entry of run %1: %2").arg(entry.agentRunId).arg(entry.summary);
        return entry.summary;
    default: return {};
    }
}

QVariant LogTableModel::placeholderData(int row, int column) const
{
    switch (column) {
    case IndexColumn: return chronologicalIndex(row) + 1;
    case SummaryColumn:
        switch (m_store.state(row)) {
        case LogStore::RowState::Failed: return tr("Could not load this page. Retry with F5.");
        case LogStore::RowState::Loading: return tr("Loading…");
        default: return tr("Not loaded yet");
        }
    default: return {};
    }
}

bool LogTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_moreAvailable;
}

void LogTableModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid() && m_moreAvailable)
        emit moreRequested();
}

void LogTableModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_numberedRows = 0;
    m_moreAvailable = false;
    endResetModel();
}

void LogTableModel::setReversed(bool reversed)
{
    if (m_reversed == reversed)
        return;
    beginResetModel();
    m_reversed = reversed;
    endResetModel();
}

void LogTableModel::resizeRows(int rows)
{
    const int current = m_store.size();
    if (rows > current) {
        renumber(rows);
        beginInsertRows({}, current, rows - 1);
        m_store.resize(rows);
        endInsertRows();
    } else if (rows < current) {
        beginRemoveRows({}, rows, current - 1);
        m_store.resize(rows);
        endRemoveRows();
        renumber(rows);
    }
}

void LogTableModel::setEntries(int firstRow, QList<LogEntry> &&entries)
{
    if (entries.isEmpty())
        return;
    const int lastRow = std::min(m_store.size() - 1, firstRow + int(entries.size()) - 1);
    m_store.setEntries(firstRow, std::move(entries));
    // The gap of the row after the block depends on the block's last entry.
    const int lastChanged = std::min(m_store.size() - 1, lastRow + 1);
    const int firstChanged = std::max(0, firstRow - 1);
    if (firstChanged <= lastChanged)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
}

void LogTableModel::markRows(int firstRow, int lastRow, LogStore::RowState state)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(m_store.size() - 1, lastRow);
    if (firstRow > lastRow)
        return;
    m_store.markUnloaded(firstRow, lastRow, state);
    emit dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
}

void LogTableModel::setMoreAvailable(bool more)
{
    m_moreAvailable = more;
}
