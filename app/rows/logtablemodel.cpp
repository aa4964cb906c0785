// SPDX-License-Identifier: MIT
#include "rows/logtablemodel.h"

#include "api/pageparser.h"
#include "run/entrydetail.h"
#include "run/messagecategory.h"
#include "run/timestamps.h"

#include <algorithm>

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
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    if (role == Qt::ToolTipRole) {
        // Narrow columns elide their titles; the tooltip says them in full.
        if (section == TimeColumn && m_timeStyle == TimeStyle::Local)
            return tr("Time (local time zone)");
        return headerData(section, orientation, Qt::DisplayRole);
    }
    switch (section) {
    case IndexColumn: return tr("#");
    case TimeColumn:
        switch (m_timeStyle) {
        case TimeStyle::Local: return tr("Time");
        case TimeStyle::Utc: return tr("Time (UTC)");
        case TimeStyle::SinceStart: return tr("Since Start");
        }
        return {};
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

void LogTableModel::setMarkedEntries(const QSet<int> &entries)
{
    if (entries == m_marked)
        return;
    m_marked = entries;
    if (m_store.size() > 0)
        emit dataChanged(index(0, 0), index(m_store.size() - 1, ColumnCount - 1)); // every role: the filter proxy re-evaluates "only marked"
    emit marksChanged();
}

bool LogTableModel::isMarked(int row) const
{
    return !m_marked.isEmpty() && row >= 0 && row < m_store.size() && m_marked.contains(chronologicalIndex(row));
}

void LogTableModel::setMarked(int row, bool marked)
{
    if (row < 0 || row >= m_store.size() || isMarked(row) == marked)
        return;
    if (marked)
        m_marked.insert(chronologicalIndex(row));
    else
        m_marked.remove(chronologicalIndex(row));
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); // every role: the filter proxy re-evaluates "only marked"
    emit marksChanged();
}

void LogTableModel::setNotes(const QHash<int, QString> &byPosition)
{
    if (byPosition == m_notes)
        return;
    m_notes = byPosition;
    if (m_store.size() > 0)
        emit dataChanged(index(0, 0), index(m_store.size() - 1, ColumnCount - 1)); // the filter re-evaluates "only noted"
    emit notesChanged();
}

bool LogTableModel::hasNote(int row) const
{
    return !m_notes.isEmpty() && row >= 0 && row < m_store.size() && m_notes.contains(chronologicalIndex(row));
}

QString LogTableModel::noteText(int row) const
{
    if (m_notes.isEmpty() || row < 0 || row >= m_store.size())
        return {};
    return m_notes.value(chronologicalIndex(row));
}

QVector<int> LogTableModel::notedRows() const
{
    QVector<int> rows;
    for (auto it = m_notes.cbegin(); it != m_notes.cend(); ++it) {
        const int row = rowOfPosition(it.key());
        if (row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

int LogTableModel::rowOfPosition(int position) const
{
    const int row = m_reversed ? m_numberedRows - 1 - position : position;
    return row >= 0 && row < m_store.size() ? row : -1;
}

QVector<int> LogTableModel::markedRows() const
{
    QVector<int> rows;
    for (int entry : m_marked) {
        const int row = m_reversed ? m_numberedRows - 1 - entry : entry;
        if (row >= 0 && row < m_store.size())
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
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
        if (!loaded)
            return {};
        switch (index.column()) {
        case TimeColumn: return createdAtTextOf(m_store.at(row));
        case TypeColumn: return m_store.at(row).messageType; // the pill elides a long type
        case ToolColumn: return m_store.at(row).toolName;
        case SummaryColumn: return summaryOf(row);
        case IndexColumn: return noteText(row); // the user's note, when there is one
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == IndexColumn || index.column() == GapColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RowStateRole:
        return int(m_store.state(row));
    case ChronologicalIndexRole:
        return chronologicalIndex(row);
    case MarkedRole:
        return isMarked(row);
    case NoteRole:
        return hasNote(row) ? QVariant(noteText(row)) : QVariant();
    default:
        break;
    }
    if (!loaded)
        return {};
    const LogEntry &entry = m_store.at(row);
    switch (role) {
    // Borrowed bytes are copied (one entry, when asked): a QVariant may outlive the file.
    case RawJsonRole: return entry.rawOwner ? QByteArray(entry.rawJson.constData(), entry.rawJson.size()) : entry.rawJson;
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

QString LogTableModel::createdAtTextOf(const LogEntry &entry)
{
    if (!entry.createdAtText.isNull() || !entry.rawOwner || !entry.hasTime())
        return entry.createdAtText;
    return parseEntryDetail(entry.rawJson).createdAtText; // one entry, when a tooltip asks
}

QString LogTableModel::summaryOf(int row) const
{
    if (const QString *known = m_summaries.object(row))
        return *known;
    // Made from the entry's bytes when its row is shown (a few dozen at a time), so that a run of
    // a million entries keeps no summary text; kept for the rows shown lately.
    const PageParser::SummaryLine line = PageParser::summaryLineOf(m_store.rawJsonAt(row));
    // A subagent's step says so: a converted log lists them after the main conversation.
    const QString summary = line.sidechain ? tr("Subagent · %1").arg(line.text) : line.text;
    m_summaries.insert(row, new QString(summary));
    return summary;
}

QVariant LogTableModel::displayData(int row, int column) const
{
    const LogEntry &entry = m_store.at(row);
    switch (column) {
    case IndexColumn: return chronologicalIndex(row) + 1;
    case TimeColumn:
        if (!entry.hasTime())
            return entry.createdAtText;
        switch (m_timeStyle) {
        case TimeStyle::Local: return Timestamps::formatRowTime(entry.createdAtMsecs, Timestamps::Clock::Local, m_spansDays);
        case TimeStyle::Utc: return Timestamps::formatRowTime(entry.createdAtMsecs, Timestamps::Clock::Utc, m_spansDays);
        case TimeStyle::SinceStart: return Timestamps::formatSinceStart(entry.createdAtMsecs, m_firstMsecs);
        }
        return {};
    case GapColumn: {
        const qint64 gap = gapMsecs(row);
        return gap == LogEntry::kNoTime ? QString() : Timestamps::formatGap(gap);
    }
    case TypeColumn: return entry.messageType;
    case ToolColumn: return entry.toolName;
    case SummaryColumn:
        if (entry.otherRun)
            return tr("⚠ entry of run %1: %2").arg(entry.agentRunId).arg(summaryOf(row));
        return summaryOf(row);
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

void LogTableModel::setTimeStyle(TimeStyle style)
{
    if (m_timeStyle == style)
        return;
    m_timeStyle = style;
    const qint64 first = m_firstMsecs;
    m_firstMsecs = LogEntry::kNoTime; // recompute the day span for this clock
    setTimeSpan(first, m_lastMsecs);
    emit headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
    if (m_store.size() > 0)
        emit dataChanged(index(0, TimeColumn), index(m_store.size() - 1, TimeColumn), {Qt::DisplayRole});
}

void LogTableModel::setTimeSpan(qint64 firstMsecs, qint64 lastMsecs)
{
    const bool spansDays = Timestamps::onDifferentDays(firstMsecs, lastMsecs,
                                                       m_timeStyle == TimeStyle::Utc ? Timestamps::Clock::Utc
                                                                                     : Timestamps::Clock::Local);
    const bool changed = firstMsecs != m_firstMsecs || spansDays != m_spansDays;
    m_firstMsecs = firstMsecs;
    m_lastMsecs = lastMsecs;
    m_spansDays = spansDays;
    if (changed && m_store.size() > 0)
        emit dataChanged(index(0, TimeColumn), index(m_store.size() - 1, TimeColumn), {Qt::DisplayRole});
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
    m_summaries.clear();
    m_store.clear();
    m_numberedRows = 0;
    m_moreAvailable = false;
    m_firstMsecs = m_lastMsecs = LogEntry::kNoTime;
    m_spansDays = false;
    endResetModel();
}

void LogTableModel::announceRowsRefiltered(int firstRow, int lastRow)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(rowCount() - 1, lastRow);
    if (firstRow <= lastRow)
        emit dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
}

void LogTableModel::setReversed(bool reversed)
{
    if (m_reversed == reversed)
        return;
    beginResetModel();
    m_summaries.clear();
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
        m_summaries.clear();
        m_store.resize(rows);
        endRemoveRows();
        renumber(rows);
    }
}

void LogTableModel::insertRowsAtTop(int rows)
{
    if (rows <= 0)
        return;
    beginInsertRows({}, 0, rows - 1);
    m_summaries.clear(); // by row: every row moved
    m_store.insertFront(rows);
    // Rows that stay keep their numbers: each moved down by as many as were put on top.
    m_numberedRows += rows;
    endInsertRows();
}

void LogTableModel::setEntries(int firstRow, const QList<LogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    const int lastRow = std::min(m_store.size() - 1, firstRow + int(entries.size()) - 1);
    m_summaries.clear(); // rows may hold other entries now
    m_store.setEntries(firstRow, entries);
    // The gap of the row after the block depends on the block's last entry.
    const int lastChanged = std::min(m_store.size() - 1, lastRow + 1);
    const int firstChanged = std::max(0, firstRow - 1);
    if (firstChanged <= lastChanged)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    emit entriesSet(firstRow, lastRow);
}

void LogTableModel::setRowsState(int firstRow, int lastRow, LogStore::RowState state)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(m_store.size() - 1, lastRow);
    if (firstRow > lastRow)
        return;
    m_store.setUnloadedRowsState(firstRow, lastRow, state);
    emit dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
}

void LogTableModel::setMoreAvailable(bool more)
{
    m_moreAvailable = more;
}
