// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class DetailPane;
class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class SearchController;

// The current entry of a window: which run row is selected, showing it in the detail pane (also
// once a row that was still loading arrives), copying it, and moving to an entry (first, last, a
// number, a row another view asks for). Rows here are the run's rows (source rows), whatever the
// filter shows.
class CurrentEntryController : public QObject
{
    Q_OBJECT
public:
    CurrentEntryController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table, DetailPane *detail,
                   SearchController *search, QObject *parent = nullptr);

    int currentRow() const { return m_currentRow; }
    // A new run (or none): nothing selected, nothing waiting.
    void clear();
    // Selects and centres a run row if the filter shows it (opening a fold that holds it).
    void selectSourceRow(int sourceRow);
    void selectEdgeRow(bool last);
    // Asks for an entry number (1 = oldest) and goes there (goToEntryNumber).
    void goToEntry(QWidget *dialogParent);
    // Goes to an entry, opening the fold that holds it, clearing a filter that hides it.
    void goToEntryNumber(int number, bool focusTable = true);
    void copyCurrentEntry();

signals:
    void message(const QString &text, int timeoutMsecs);

private:
    void showRow(int row);
    void refreshIfLoaded(int firstRow, int lastRow);

    LogTableModel *m_model;
    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
    DetailPane *m_detail;
    SearchController *m_search;
    int m_currentRow = -1;
    bool m_waitingForRow = false;
};
