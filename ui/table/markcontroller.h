// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QVector>

class LogFilterProxyModel;
class QAction;
class LogTableModel;
class LogTableView;

// The user's marks, as in lnav: m marks or unmarks the current entry, F2 / Shift+F2 go to the
// next / previous mark, Filter > Only Marked shows just them. Marks show in the table's margin
// and beside the scroll bar; the session keeps them per run across restarts.
class MarkController : public QObject
{
    Q_OBJECT

public:
    MarkController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table, QObject *parent = nullptr);

    // Toggle Mark, Next Mark, Previous Mark, Only Marked Entries (checkable).
    void connectActions(QAction *toggle, QAction *next, QAction *previous, QAction *onlyMarked);

    void toggleCurrent();
    // False when there is no mark in that direction.
    bool goToNext();
    bool goToPrevious();
    void setOnlyMarked(bool on);
    int count() const;
    // The marked entries' source rows, oldest first (for an export).
    QVector<int> chronologicalRows() const;

signals:
    void message(const QString &text, int timeoutMs);

private:
    bool goTo(bool forward);
    void updateScrollBar();

    LogTableModel *m_model;
    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
};
