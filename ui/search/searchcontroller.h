// SPDX-License-Identifier: MIT
#pragma once

#include "search/querylanguage.h"
#include "search/searchquery.h"
#include "search/searchresult.h"

#include <QObject>
#include <QTimer>
#include <QVector>

#include <functional>

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

    // Writes a query into the bar and shows only what it matches (empty: the search cleared):
    // how the Filter menu and the statistics teach the language.
    void writeQuery(const QString &query);
    // The statistics' bars: `type:X` (or `tool:X`) alone in the bar; a second click on the same
    // clears it. A null value is "no type" / "no tool" (-type:*).
    void showOnly(const QString &key, const QString &value);
    // The run's types or tools (`key`) that the bar's type: / tool: terms name (null: -key:*),
    // with the Filter menu's own choices: what the statistics show as chosen.
    QSet<QString> chosenValues(const QString &key) const;
    // Takes the type: and tool: terms out of the bar and lifts the filters (the statistics'
    // "show all").
    void clearChosenValues();

    // Notes (has:note): `provider` gives a thread-safe snapshot "does entry N (0-based, oldest
    // first) have a note", taken when a search starts. None: notes are not kept, has:note
    // matches nothing and is not offered. Call notesChanged() when they change.
    using NoteLookup = std::function<bool(int entry)>;
    void setNotesProvider(std::function<NoteLookup()> provider);
    void notesChanged();

signals:
    // Anything the header's "showing N of M" depends on changed.
    void filterStateChanged();
    // A query was written into the bar (writeQuery): the window shows the bar.
    void searchBarWanted();
    void resultChanged();

private:
    void onQueryChanged(const SearchQuery &query);
    ParsedQuery parse(const SearchQuery &query) const;
    void toggleFilterValue(const QString &key, const QString &value, bool on);
    void start();
    void onFirstMatch(quint64 search, int row);
    void onProgress(quint64 search, const SearchResult &partial);
    void onFinished(quint64 search, const SearchResult &result);
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
    ParsedQuery m_parsed;            // m_query in the language: what runs
    std::function<NoteLookup()> m_notes;
    SearchResult m_result;
    QTimer m_rerun;                  // new pages arrived: search again, a little later
    bool m_userMovedSinceStart = false;
    bool m_awaitingFirstResult = false; // a new query runs: its count is not known yet
};
