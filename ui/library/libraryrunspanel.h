// SPDX-License-Identifier: MIT
#pragma once

#include "store/libraryrun.h"

#include <QSet>
#include <QWidget>

class LibraryRunsModel;
class PlainLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

// Every run the library holds: sortable, filtered as you type, opened with Enter (or a double
// click), removed with Delete. Works with no network.
class LibraryRunsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LibraryRunsPanel(LibraryRunsModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    void setSizeLimit(qint64 bytes);
    QList<LibraryRun> selectedRuns() const;

signals:
    void openRequested(const LibraryRun &run);
    // Compare: two selected runs of one API, the older on the left.
    void compareRequested(const LibraryRun &left, const LibraryRun &right);
    void removeRequested(const QList<LibraryRun> &runs);
    void clearRequested();
    void preferencesRequested();

private:
    void openCurrent();
    void compareSelected();
    void updateSummary();
    void updateButtons();

    LibraryRunsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    PlainLabel *m_summary;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_remove;
    QPushButton *m_clear;
    qint64 m_sizeLimit = 0;
    QSet<qint64> m_selectedKeys;   // across a refresh of the list
    qint64 m_currentKey = 0;
};
