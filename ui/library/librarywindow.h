// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class LibraryRunsPanel;
class LibrarySearchPanel;
class QTabWidget;

// The Library window: the stored runs and the search across them, one tab each.
class LibraryWindow : public QWidget
{
    Q_OBJECT
public:
    LibraryWindow(LibraryRunsPanel *runs, LibrarySearchPanel *search, QWidget *parent = nullptr);

    void showRuns();
    void showSearch();
    LibraryRunsPanel *runsPanel() const { return m_runs; }
    LibrarySearchPanel *searchPanel() const { return m_search; }

private:
    LibraryRunsPanel *m_runs;
    LibrarySearchPanel *m_search;
    QTabWidget *m_tabs;
};
