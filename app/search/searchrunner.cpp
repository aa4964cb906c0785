// SPDX-License-Identifier: MIT
#include "search/searchrunner.h"

#include "search/queryevaluator.h"
#include "search/searchengine.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <functional>
#include <thread>

namespace {
// Rows between looks at the progress clock: a few hundred rows are well under a millisecond of
// plain search.
constexpr int kCheckEvery = 256;
// From this much text on, a search uses a second thread (the machine's other core): below it a
// whole search takes a few milliseconds, less than starting a thread is worth.
constexpr qint64 kTwoThreadsBytes = 8 * 1024 * 1024;

// One thread's part of a search: what it found so far, read by the other thread.
struct Share
{
    QMutex mutex;
    QVector<int> rows; // in the order searched: ascending, then once from the top again
    qsizetype wrapsAt = -1; // the index in `rows` where the order came back to the top
    qint64 matchCount = 0;
    std::atomic<int> searchedRows{0};
    int firstRow = -1;
    bool tooCostly = false;
    bool finished = false;
};
} // namespace

SearchRunner::SearchRunner(QObject *parent)
    : QObject(parent)
    , m_live(std::make_shared<std::atomic<quint64>>(0))
{
    // One search at a time (a big run's search starts a second thread of its own). A superseded
    // search ends within a row, so the next one waits for it only briefly.
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
        const auto post = [this, search](const SearchResult &result, int firstRow) {
            QMetaObject::invokeMethod(
                this, [this, search, result, firstRow] { deliver(search, result, firstRow); }, Qt::QueuedConnection);
        };
        // Rows in the order searched: from startRow down, then from the top. A big run is cut
        // in two halves of that order, one per core; the first half's thread (this one) reports
        // the first match and the progress.
        const bool twoThreads = rows >= 2 && corpus.byteCount() >= kTwoThreadsBytes && QThread::idealThreadCount() > 1;
        const int half = twoThreads ? rows / 2 : rows;
        std::atomic<bool> stop{false};
        Share mine;
        Share other;
        bool firstSent = false; // this thread's
        const auto scan = [&](int kBegin, int kEnd, Share &share, const std::function<void()> &atCheck) {
            int searched = 0;
            for (int k = kBegin; k < kEnd; ++k) {
                // Every row: one row of a costly regular expression may take tens of
                // milliseconds, and the next keystroke must not wait for hundreds of them.
                if (stop.load(std::memory_order_relaxed) || live->load(std::memory_order_relaxed) != search)
                    return;
                if (atCheck && k % kCheckEvery == 0)
                    atCheck();
                const int row = first + k < rows ? first + k : first + k - rows;
                const SearchText &text = corpus.at(row);
                if (!text.isIndexed())
                    continue;
                const qint64 count = evaluator->countMatches(row, text);
                share.searchedRows.store(++searched, std::memory_order_relaxed);
                if (count == 0)
                    continue;
                const QMutexLocker lock(&share.mutex);
                if (count == SearchEngine::kTooCostly) {
                    // Counts that leave this row out would be wrong: the search stops, says why.
                    share.tooCostly = true;
                    stop.store(true);
                    return;
                }
                share.matchCount += count;
                if (share.wrapsAt < 0 && !share.rows.isEmpty() && row < share.rows.last())
                    share.wrapsAt = share.rows.size();
                share.rows.append(row);
                if (share.firstRow < 0) {
                    share.firstRow = row;
                    // This half's first match is the first of all: shown at once.
                    if (&share == &mine && !firstSent) {
                        firstSent = true;
                        post({}, row);
                    }
                }
            }
        };
        // Both shares' rows so far, ascending, with their counts. Each share's rows are at most two
        // ascending runs of rows (before and after the order came back to the top), and no two
        // runs overlap: the runs put in order of their first rows are the rows in order. Sorting
        // them all instead, at every report, made the bar on both cores slower than one thread
        // where most entries match (700,000 rows sorted some 20 times a second).
        const auto merged = [&] {
            SearchResult result;
            QVector<QVector<int>> runs;
            for (Share *share : {&mine, &other}) {
                const QMutexLocker lock(&share->mutex);
                const qsizetype wrap = share->wrapsAt < 0 ? share->rows.size() : share->wrapsAt;
                if (wrap > 0)
                    runs.append(share->rows.mid(0, wrap));
                if (wrap < share->rows.size())
                    runs.append(share->rows.mid(wrap));
                result.matchCount += share->matchCount;
                result.searchedRows += share->searchedRows.load(std::memory_order_relaxed);
            }
            std::sort(runs.begin(), runs.end(), [](const QVector<int> &a, const QVector<int> &b) { return a.first() < b.first(); });
            qsizetype total = 0;
            for (const QVector<int> &run : std::as_const(runs))
                total += run.size();
            result.matchingRows.reserve(total);
            for (const QVector<int> &run : std::as_const(runs))
                result.matchingRows += run;
            result.entryCount = int(result.matchingRows.size());
            return result;
        };

        std::thread otherThread;
        if (twoThreads) {
            otherThread = std::thread([&] {
                scan(half, rows, other, {});
                const QMutexLocker lock(&other.mutex);
                other.finished = true;
            });
        }
        QElapsedTimer clock;
        clock.start();
        const auto report = [&](Share &share) {
            {
                const QMutexLocker lock(&share.mutex);
                if (!firstSent && share.firstRow >= 0) {
                    firstSent = true;
                    post({}, share.firstRow);
                }
            }
            if (clock.elapsed() >= progressMsecs) {
                post(merged(), -1);
                clock.restart();
            }
        };
        scan(0, half, mine, [&] { report(mine); });
        if (otherThread.joinable()) {
            // This half is done; the other's first match is the first in the order searched
            // when this half had none, reported as soon as it is found.
            while (!stop.load() && live->load() == search) {
                report(other);
                {
                    const QMutexLocker lock(&other.mutex);
                    if (other.finished)
                        break;
                }
                QThread::msleep(1);
            }
            otherThread.join();
            report(other);
        }
        if (live->load() != search)
            return;
        SearchResult result;
        if (mine.tooCostly || other.tooCostly) {
            result.error = SearchEngine::tooCostlyText();
        } else {
            result = merged();
        }
        result.complete = true;
        post(result, -1);
    });
    return search;
}
