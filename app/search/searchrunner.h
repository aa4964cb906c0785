// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchcorpus.h"
#include "search/searchquery.h"
#include "search/searchresult.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QueryEvaluator;

// Runs searches off the UI thread, one at a time. Lives on (and is used from) the UI thread;
// every signal is emitted there. Starting a search supersedes the one running: the old one stops
// at its next check (every few hundred rows) and none of its signals is emitted after start()
// returned. Debouncing keystrokes is the caller's (a single-shot QTimer of ~150 ms).
//
// Rows are searched from `startRow` to the end, then from the top: the match nearest below the
// current row is the one the user wants first, and comes first. A big run (8 MB of text and
// more) is searched by two threads, each half of that order; the first match is still the first
// in that order. A regular expression that PCRE2 gives up on (SearchEngine::kTooCostly) ends the
// search with SearchResult::error saying so.
class SearchRunner : public QObject
{
    Q_OBJECT
public:
    explicit SearchRunner(QObject *parent = nullptr);
    ~SearchRunner() override; // stops the running search and waits for its thread

    // Starts searching a snapshot of `corpus` (copying is O(1)). Returns the search's id, the
    // one the signals carry. An empty or invalid query finishes at once (queued), with
    // SearchResult::error saying why for an invalid regular expression.
    quint64 start(const SearchQuery &query, const SearchCorpus &corpus, int startRow = 0);
    // The same for a query of the language, ready to run (its facts taken with the corpus).
    // An empty one finishes at once with no rows.
    quint64 start(std::shared_ptr<QueryEvaluator> query, const SearchCorpus &corpus, int startRow = 0);
    // Drops the running search: none of its signals comes after this.
    void cancel();

    bool isRunning() const { return m_running; }
    quint64 currentSearch() const { return m_current; }
    // The last finished search's result (what the proxy's "matching only" should use).
    const SearchResult &lastResult() const { return m_lastResult; }

    // How often partial results come while a search runs (default 60 ms).
    void setProgressInterval(int msecs) { m_progressMsecs = msecs; }

signals:
    // The first matching row found (at or after startRow, else the first from the top): select
    // it and highlight it without waiting for the whole search.
    void firstMatch(quint64 search, int row);
    // Rows found so far (ascending, complete == false); for marking rows as they are found.
    void progress(quint64 search, const SearchResult &partial);
    void finished(quint64 search, const SearchResult &result);

private:
    void deliver(quint64 search, const SearchResult &result, int firstRow);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<quint64>> m_live;   // the id of the search whose signals count
    quint64 m_current = 0;
    bool m_running = false;
    int m_progressMsecs = 60;
    SearchResult m_lastResult;
};
