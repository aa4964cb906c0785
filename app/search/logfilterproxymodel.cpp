// SPDX-License-Identifier: MIT
#include "search/logfilterproxymodel.h"

#include "rows/logtablemodel.h"

#include <algorithm>

namespace {
QSet<QString> normalized(const QSet<QString> &values)
{
    // Null and empty both mean "none": one key for both, so lookups need no special case.
    QSet<QString> out;
    for (const QString &value : values)
        out.insert(value.isEmpty() ? QString() : value);
    return out;
}
} // namespace

LogFilterProxyModel::LogFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
}

void LogFilterProxyModel::setSourceModel(QAbstractItemModel *source)
{
    m_logModel = qobject_cast<LogTableModel *>(source);
    QSortFilterProxyModel::setSourceModel(source);
}

void LogFilterProxyModel::refilter()
{
    emit filterAboutToChange();
    invalidateRowsFilter();
    emit filterChanged();
}

void LogFilterProxyModel::setAllowedMessageTypes(const QSet<QString> &types)
{
    const QSet<QString> next = normalized(types);
    if (next == m_types)
        return;
    m_types = next;
    refilter();
}

void LogFilterProxyModel::setAllowedToolNames(const QSet<QString> &tools)
{
    const QSet<QString> next = normalized(tools);
    if (next == m_tools)
        return;
    m_tools = next;
    refilter();
}

void LogFilterProxyModel::setMatchingOnly(bool on)
{
    if (on == m_matchingOnly)
        return;
    m_matchingOnly = on;
    refilter();
}

void LogFilterProxyModel::setMarkedOnly(bool on)
{
    if (on == m_markedOnly)
        return;
    m_markedOnly = on;
    refilter();
}

void LogFilterProxyModel::setMatchingRows(const QVector<int> &sourceRows)
{
    std::vector<bool> next;
    for (int row : sourceRows) {
        if (row < 0)
            continue;
        if (size_t(row) >= next.size())
            next.resize(size_t(row) + 1, false);
        next[size_t(row)] = true;
    }
    if (next == m_matching)
        return;
    m_matching.swap(next);
    // Rows matching or not only matters while the filter uses them: refiltering 100,000 rows on
    // every keystroke's result would be wasted otherwise.
    if (m_matchingOnly)
        refilter();
}

bool LogFilterProxyModel::isMatchingRow(int sourceRow) const
{
    return sourceRow >= 0 && size_t(sourceRow) < m_matching.size() && m_matching[size_t(sourceRow)];
}

void LogFilterProxyModel::clearFilters()
{
    if (!isFiltering())
        return;
    m_types.clear();
    m_tools.clear();
    m_matchingOnly = false;
    m_markedOnly = false;
    refilter();
}

bool LogFilterProxyModel::isFiltering() const
{
    return !m_types.isEmpty() || !m_tools.isEmpty() || m_matchingOnly || m_markedOnly;
}

int LogFilterProxyModel::sourceRowCount() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

QVector<int> LogFilterProxyModel::shownSourceRowsOldestFirst() const
{
    QVector<int> rows;
    rows.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        rows.append(mapToSource(index(row, 0)).row());
    std::sort(rows.begin(), rows.end());
    const auto *logModel = qobject_cast<const LogTableModel *>(sourceModel());
    if (logModel && logModel->isReversed())
        std::reverse(rows.begin(), rows.end()); // a reversed model holds the newest first
    return rows;
}

bool LogFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (!isFiltering())
        return true;
    if (m_matchingOnly && !isMatchingRow(sourceRow))
        return false;
    if (m_markedOnly) {
        // A marked entry shows even before its page is loaded: the mark is the user's, not the data's.
        const bool marked = m_logModel ? m_logModel->isMarked(sourceRow)
                                       : sourceModel()->index(sourceRow, 0, sourceParent).data(LogTableModel::MarkedRole).toBool();
        if (!marked)
            return false;
        if (m_types.isEmpty() && m_tools.isEmpty())
            return true;
    }
    if (m_logModel) {
        const LogStore &store = m_logModel->store();
        if (sourceRow >= store.size() || !store.isLoaded(sourceRow))
            return false;
        const QString &type = store.messageTypeAt(sourceRow);
        const QString &tool = store.toolNameAt(sourceRow);
        return (m_types.isEmpty() || m_types.contains(type.isEmpty() ? QString() : type))
            && (m_tools.isEmpty() || m_tools.contains(tool.isEmpty() ? QString() : tool));
    }
    // Any other source: the same through its roles.
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(LogTableModel::RowStateRole).toInt() != int(LogStore::RowState::Loaded))
        return false;
    const QString type = index.data(LogTableModel::MessageTypeRole).toString();
    const QString tool = index.data(LogTableModel::ToolNameRole).toString();
    return (m_types.isEmpty() || m_types.contains(type.isEmpty() ? QString() : type))
        && (m_tools.isEmpty() || m_tools.contains(tool.isEmpty() ? QString() : tool));
}
