// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QModelIndex>
#include <QObject>

#include <functional>

class LogFilterProxyModel;
class LogTableView;
class QAction;
class QMenu;
class SearchController;

// The table's context menu, built in one place when it is asked for, from groups appended in
// order (separated): each feature adds its own group (copy, link, mark, filters; a note, ...)
// without touching the others'. The row clicked becomes the current one first, so actions on
// "the selected entry" act on it.
class TableContextMenu : public QObject
{
    Q_OBJECT
public:
    // Adds the group's actions for the clicked index (of the table's model) to the menu.
    using Group = std::function<void(QMenu *menu, const QModelIndex &index)>;

    TableContextMenu(LogTableView *table, LogFilterProxyModel *proxy, SearchController *search, QObject *parent = nullptr);

    void addGroup(const Group &group);
    // The groups that come with the table itself: Copy (the entry by `copyEntry`, the value of
    // the column clicked), and the filters (Show Only This Tool / This Type, Show Entries Around).
    void addCopyGroup(QAction *copyEntry);
    void addFilterGroup();

    // The menu for `index` (parented to the table, deleted when closed if shown by the table).
    QMenu *menuFor(const QModelIndex &index);

    static constexpr int kEntriesAround = 10;

private:
    void showMenu(const QPoint &pos);

    LogTableView *m_table;
    LogFilterProxyModel *m_proxy;
    SearchController *m_search;
    QList<Group> m_groups;
};
