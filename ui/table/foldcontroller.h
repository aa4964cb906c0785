// SPDX-License-Identifier: MIT
#pragma once

#include "search/entryfolds.h"

#include <QList>
#include <QObject>
#include <QVector>

struct InsightsLoop;
class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class QAction;

// View > Fold Repeats (issue 23): turns the loops that insights find into folds of the table,
// and opens or closes them by hand: a click on a head row's Summary cell, → on a closed head,
// ← on a head or a row inside an open fold (which selects the head). Also "Show only these
// entries". What a closed fold hides, and how navigation reaches it, is the proxy's business.
class FoldController : public QObject
{
    Q_OBJECT
public:
    FoldController(LogFilterProxyModel *proxy, LogTableView *table, QObject *parent = nullptr);

    // The loops of the open run (InsightsController calls this as the run grows); the labels
    // read each loop's first call from the model where it is loaded.
    void setLoops(const QList<InsightsLoop> &loops, const LogTableModel *model);
    // `run_bash_command `pytest -x` ×11, entries 40–62`
    static QString labelFor(const InsightsLoop &loop, const LogTableModel *model);
    static QList<EntryFold> foldsFor(const QList<InsightsLoop> &loops, const LogTableModel *model);

    // Entry numbers from 1; `description` names them ("loop at #40–62").
    void showOnlyEntries(const QVector<int> &entries, const QString &description);
    void setFoldingEnabled(bool on);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handleKey(int key);
    bool handleClick(const QPoint &position);
    void closeAndSelectHead(int sourceRow);

    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
};
