// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>
#include <QVector>

#include <vector>

class LogTableModel;

// The log as filtered: by message type, by tool name, and to the entries matching the search.
// The table, the detail pane and "export what is shown" all work through it; rows keep the
// source order (no sorting). "Showing 120 of 4,210" is rowCount() of sourceRowCount().
//
// An empty allowed set means "all". A null QString in a set stands for entries without a type /
// without a tool. A row not loaded yet has neither a type nor text, so it is hidden while any
// filter is on and shown when none is (then the view scrolls over placeholders as always).
// Rows filled in later are filtered as they arrive (dynamic filtering on dataChanged).
class LogFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    void setAllowedMessageTypes(const QSet<QString> &types);
    QSet<QString> allowedMessageTypes() const { return m_types; }
    void setAllowedToolNames(const QSet<QString> &tools);
    QSet<QString> allowedToolNames() const { return m_tools; }

    // Only entries matching the search. The rows come from SearchResult::matchingRows.
    void setMatchingOnly(bool on);
    bool isMatchingOnly() const { return m_matchingOnly; }
    void setMatchingRows(const QVector<int> &sourceRows);
    bool isMatchingRow(int sourceRow) const;

    // Only the entries the user marked (LogTableModel::MarkedRole).
    void setMarkedOnly(bool on);

    void clearFilters();
    bool isFiltering() const;
    int sourceRowCount() const;
    // The run rows the filter shows, oldest first whatever the view's order (as exports write).
    QVector<int> shownSourceRowsOldestFirst() const;

signals:
    // The filter settings are about to change: what is selected and where it is on screen can be
    // noted, to be restored after filterChanged.
    void filterAboutToChange();
    // The filter settings changed (not emitted for rows arriving): refresh "showing N of M".
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    QPointer<LogTableModel> m_logModel; // fast path: read the store, not QVariants
    QSet<QString> m_types;
    QSet<QString> m_tools;
    bool m_matchingOnly = false;
    bool m_markedOnly = false;
    std::vector<bool> m_matching;
};
