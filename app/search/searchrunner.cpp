// SPDX-License-Identifier: MIT
#include "search/searchrunner.h"

#include "search/queryevaluator.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>

namespace {
// Rows between checks for a superseded search and for the progress clock: a few hundred
// rows are well under a millisecond of plain search.
constexpr int kCheckEvery = 256;
} // namespace

SearchRunner::SearchRunner(QObject *parent)
    : QObject(parent)
    , m_live(std::make_shared<std::atomic<quint64>>(0))
{
    // One search thread: with two cores, the other stays with the UI. A superseded search ends
    // within a check interval, so the next one waits for it only briefly.
    m_pool.setMaxThreadCount(1);
    qRegisterMetaType<SearchResult>();
}

SearchRunner::~SearchRunner()
{
    m_live->store(0);
    m_pool.clear();
    m_pool.waitForDone();
}

void SearchRunner::cancel()
{
    m_live->store(0);
    m_pool.clear();
    m_running = false;
}

void SearchRunner::deliver(quint64 search, const SearchResult &result, int firstRow)
{
    // Runs on the UI thread: a superseded search's results are dropped here, after the queue.
    if (m_live->load() != search)
        return;
    if (firstRow >= 0) {
        emit firstMatch(search, firstRow);
        return;
    }
    if (!result.complete) {
        emit progress(search, result);
        return;
    }
    m_running = false;
    m_lastResult = result;
    emit finished(search, result);
}

quint64 SearchRunner::start(const SearchQuery &query, const SearchCorpus &corpus, int startRow)
{
    if (query.isEmpty() || !query.isValid()) {
        const quint64 search = ++m_current;
        m_live->store(search);
        m_pool.clear(); // a superseded search not started yet never runs
        m_running = true;
        SearchResult empty;
        empty.complete = true;
        empty.error = query.errorText();
        QMetaObject::invokeMethod(this, [this, search, empty] { deliver(search, empty, -1); }, Qt::QueuedConnection);
        return search;
    }
    return start(QueryEvaluator::forSearchQuery(query), corpus, startRow);
}

quint64 SearchRunner::start(std::shared_ptr<QueryEvaluator> evaluator, const SearchCorpus &corpus, int startRow)
{
    const quint64 search = ++m_current;
    m_live->store(search);
    m_pool.clear(); // a superseded search not started yet never runs
    m_running = true;

    if (!evaluator || evaluator->isEmpty()) {
        SearchResult empty;
        empty.complete = true;
        QMetaObject::invokeMethod(this, [this, search, empty] { deliver(search, empty, -1); }, Qt::QueuedConnection);
        return search;
    }

    const std::shared_ptr<std::atomic<quint64>> live = m_live;
    const int progressMsecs = m_progressMsecs;
    m_pool.start([this, live, search, evaluator, corpus, startRow, progressMsecs] {
        // is:failure and is:loop: the run's insights first (one pass, not cancelled midway).
        evaluator->prepare(corpus);
        if (live->load() != search)
            return;
        const int rows = corpus.size();
        const int first = rows == 0 ? 0 : std::clamp(startRow, 0, rows - 1);
        QVector<int> before; // rows above startRow, found after the wrap
        QVector<int> after;  // rows from startRow down
        SearchResult partial;
        bool firstSent = false;
        QElapsedTimer clock;
        clock.start();
        const auto post = [this, search](const SearchResult &result, int firstRow) {
            QMetaObject::invokeMethod(
                this, [this, search, result, firstRow] { deliver(search, result, firstRow); }, Qt::QueuedConnection);
        };
        const auto rowsSoFar = [&] { return before + after; };

        for (int k = 0; k < rows; ++k) {
            if (k % kCheckEvery == 0) {
                if (live->load(std::memory_order_relaxed) != search)
                    return;
                if (clock.elapsed() >= progressMsecs) {
                    partial.matchingRows = rowsSoFar();
                    partial.entryCount = int(partial.matchingRows.size());
                    post(partial, -1);
                    clock.restart();
                }
            }
            const int row = first + k < rows ? first + k : first + k - rows;
            const SearchText &text = corpus.at(row);
            if (!text.isIndexed())
                continue;
            ++partial.searchedRows;
            const qint64 count = evaluator->countMatches(row, text);
            if (count == 0)
                continue;
            partial.matchCount += count;
            (row >= first ? after : before).append(row);
            if (!firstSent) {
                firstSent = true;
                post({}, row);
            }
        }
        SearchResult result = partial;
        result.matchingRows = rowsSoFar();
        result.entryCount = int(result.matchingRows.size());
        result.complete = true;
        post(result, -1);
    });
    return search;
}
