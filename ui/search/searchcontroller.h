// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"
#include "search/searchresult.h"

#include <QObject>
#include <QTimer>
#include <QVector>

class DetailPane;
class FacetCounts;
class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class MarkedScrollBar;
class QMenu;
class RunSession;
class SearchBar;
class SearchIndexer;
class SearchRunner;

// Search and filter for the window: keeps the search text of every loaded entry up to date (on
// workers), runs the bar's query off the UI thread, marks matching rows in the table and next to
// the scroll bar, moves between matches, highlights them in the detail pane, and drives the
// filter proxy (message types, tools, only matching).
class SearchController : public QObject
{
    Q_OBJECT
public:
    SearchController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table,
                     MarkedScrollBar *scrollBar, DetailPane *detail, SearchBar *bar,
                     RunSession *session, QObject *parent = nullptr);

    const SearchQuery &query() const { return m_query; }
    const SearchResult &result() const { return m_result; }
    bool isMatchingRow(int sourceRow) const;

    void nextMatch();
    void previousMatch();
    // Forget the query and its marks (the bar closed, or another run opened).
    void clear();
    // Fills the Filter menu from what the run contains, with counts.
    void populateFilterMenu(QMenu *menu);
    void clearFilters();
    void setAllowedMessageTypes(const QStringList &types);
    void setAllowedToolNames(const QStringList &tools);
    void updateCoverage();

signals:
    // Anything the header's "showing N of M" depends on changed.
    void filterStateChanged();
    void resultChanged();

private:
    void onQueryChanged(const SearchQuery &query);
    void start();
    void onFirstMatch(quint64 search, int row);
    void onProgress(quint64 search, const SearchResult &partial);
    void onFinished(quint64 search, const SearchResult &result);
    // The result with the entries whose note matches added.
    SearchResult withNoteMatches(SearchResult result) const;
    void updateMarks(const QVector<int> &sourceRows);
    // "3 of 128" while a match is selected, else how many entries match; the counts in full in
    // the tooltip.
    void showResult();
    void moveToMatch(bool forward);
    void selectSourceRow(int sourceRow);
    int currentSourceRow() const;

    LogTableModel *m_model;
    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
    MarkedScrollBar *m_scrollBar;
    DetailPane *m_detail;
    SearchBar *m_bar;
    RunSession *m_session;
    SearchIndexer *m_indexer;
    SearchRunner *m_runner;
    FacetCounts *m_facets;
    SearchQuery m_query;
    SearchResult m_result;
    QTimer m_rerun;                  // new pages arrived: search again, a little later
    bool m_userMovedSinceStart = false;
    bool m_awaitingFirstResult = false; // a new query runs: its count is not known yet
};
