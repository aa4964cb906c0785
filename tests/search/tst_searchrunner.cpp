// SPDX-License-Identifier: MIT
// SearchRunner: results arrive on the UI thread, first match early, superseded searches never
// report, results agree with a single-threaded search over 10,000 entries. SearchIndexer keeps
// the corpus in step with a LogTableModel as pages arrive.

#include "rows/logtablemodel.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchindexer.h"
#include "search/searchrunner.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <functional>

namespace {

QByteArray entryJson(int index)
{
    // Every 7th entry mentions "needle" (twice when also a multiple of 3); every entry has a
    // per-index word so that single rows can be found.
    QByteArray thought = "step " + QByteArray::number(index) + " word" + QByteArray::number(index) + "x";
    if (index % 7 == 0)
        thought += " the needle\\nand";
    if (index % 21 == 0)
        thought += " Needle";
    return "{\"agent_run_id\": 1, \"message_type\": \"ACTION\", \"tool_name\": \"grep\", \"thought\": \"" + thought
        + "\", \"tool_output\": {\"output\": \"line\\nline\"}}";
}

SearchCorpus buildCorpus(int rows)
{
    SearchCorpus corpus;
    corpus.resize(rows);
    for (int row = 0; row < rows; ++row)
        corpus.setText(row, SearchText::fromEntryJson(entryJson(row)));
    return corpus;
}

SearchQuery plain(const QString &pattern)
{
    SearchQuery q;
    q.pattern = pattern;
    return q;
}

LogEntry logEntry(int index)
{
    LogEntry e;
    e.rawJson = entryJson(index);
    e.agentRunId = 1;
    e.messageType = QStringLiteral("ACTION");
    e.toolName = QStringLiteral("grep");
    return e;
}

} // namespace

class TestSearchRunner : public QObject
{
    Q_OBJECT
private slots:
    void resultsMatchSingleThreadedSearch();
    void firstMatchStartsAtStartRow();
    void supersededSearchNeverReports();
    void cancelDropsResults();
    void invalidAndEmptyQueriesFinish();
    void progressIsPartialAndSorted();
    void signalsComeOnTheUiThread();
    void bigRunIsSearchedByTwoThreads();
    void indexerFollowsTheModel();
};

void TestSearchRunner::resultsMatchSingleThreadedSearch()
{
    const SearchCorpus corpus = buildCorpus(10000);
    SearchRunner runner;
    QSignalSpy finished(&runner, &SearchRunner::finished);
    const quint64 id = runner.start(plain(QStringLiteral("needle")), corpus, 0);
    QVERIFY(runner.isRunning());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<quint64>(), id);
    const SearchResult result = finished.at(0).at(1).value<SearchResult>();
    const SearchResult reference = SearchEngine(plain(QStringLiteral("needle"))).search(corpus);
    QVERIFY(result.complete);
    QCOMPARE(result.matchingRows, reference.matchingRows);
    QCOMPARE(result.entryCount, (10000 + 6) / 7);
    QCOMPARE(result.matchCount, qint64((10000 + 6) / 7 + (10000 + 20) / 21));
    QCOMPARE(result.searchedRows, 10000);
    QVERIFY(!runner.isRunning());
    QCOMPARE(runner.lastResult().matchingRows, reference.matchingRows);
}

void TestSearchRunner::firstMatchStartsAtStartRow()
{
    const SearchCorpus corpus = buildCorpus(10000);
    SearchRunner runner;
    QSignalSpy first(&runner, &SearchRunner::firstMatch);
    QSignalSpy finished(&runner, &SearchRunner::finished);
    runner.start(plain(QStringLiteral("needle")), corpus, 5000);
    QVERIFY(finished.wait(10000));
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.at(0).at(1).toInt(), 5005); // the first multiple of 7 at or after 5000
    // Wraps to the top: a single match above the start row is still found first.
    runner.start(plain(QStringLiteral("word12x")), corpus, 9000);
    QVERIFY(finished.wait(10000));
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(1).at(1).toInt(), 12);
    QCOMPARE(finished.last().at(1).value<SearchResult>().matchingRows, QVector<int>{12});
    // Rows must stay ascending whatever the start row.
    runner.start(plain(QStringLiteral("needle")), corpus, 7777);
    QVERIFY(finished.wait(10000));
    const QVector<int> rows = finished.last().at(1).value<SearchResult>().matchingRows;
    QVERIFY(std::is_sorted(rows.begin(), rows.end()));
    QCOMPARE(rows.size(), (10000 + 6) / 7);
}

void TestSearchRunner::supersededSearchNeverReports()
{
    const SearchCorpus corpus = buildCorpus(10000);
    SearchRunner runner;
    QSignalSpy finished(&runner, &SearchRunner::finished);
    QSignalSpy first(&runner, &SearchRunner::firstMatch);
    QSignalSpy progress(&runner, &SearchRunner::progress);
    // As typing does: each keystroke supersedes the last search before it could report.
    quint64 last = 0;
    for (const char *typed : {"n", "ne", "nee", "need", "needl", "needle"})
        last = runner.start(plain(QString::fromLatin1(typed)), corpus, 0);
    QVERIFY(finished.wait(10000));
    QTest::qWait(50); // anything stale still queued would arrive now
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).value<quint64>(), last);
    for (const auto &args : first)
        QCOMPARE(args.at(0).value<quint64>(), last);
    for (const auto &args : progress)
        QCOMPARE(args.at(0).value<quint64>(), last);
    QCOMPARE(finished.at(0).at(1).value<SearchResult>().entryCount, (10000 + 6) / 7);
}

void TestSearchRunner::cancelDropsResults()
{
    const SearchCorpus corpus = buildCorpus(10000);
    SearchRunner runner;
    QSignalSpy finished(&runner, &SearchRunner::finished);
    runner.start(plain(QStringLiteral("line")), corpus, 0);
    runner.cancel();
    QVERIFY(!runner.isRunning());
    QVERIFY(!finished.wait(300));
    // And the runner can be destroyed while a search runs.
    auto *other = new SearchRunner;
    other->start(plain(QStringLiteral("line")), corpus, 0);
    delete other;
}

void TestSearchRunner::invalidAndEmptyQueriesFinish()
{
    const SearchCorpus corpus = buildCorpus(100);
    SearchRunner runner;
    QSignalSpy finished(&runner, &SearchRunner::finished);
    SearchQuery bad = plain(QStringLiteral("(unclosed"));
    bad.regex = true;
    runner.start(bad, corpus, 0);
    QCOMPARE(finished.size(), 0); // queued: the caller has connected before anything arrives
    QVERIFY(finished.wait(1000));
    SearchResult result = finished.at(0).at(1).value<SearchResult>();
    QVERIFY(result.complete);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(result.entryCount, 0);

    runner.start(plain(QString()), corpus, 0);
    QVERIFY(finished.wait(1000));
    result = finished.at(1).at(1).value<SearchResult>();
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.entryCount, 0);

    runner.start(plain(QStringLiteral("x")), SearchCorpus(), 0);
    QVERIFY(finished.wait(1000));
    QCOMPARE(finished.at(2).at(1).value<SearchResult>().entryCount, 0);
}

void TestSearchRunner::progressIsPartialAndSorted()
{
    const SearchCorpus corpus = buildCorpus(10000);
    SearchRunner runner;
    runner.setProgressInterval(0); // a partial result at every check
    QSignalSpy progress(&runner, &SearchRunner::progress);
    QSignalSpy finished(&runner, &SearchRunner::finished);
    SearchQuery q = plain(QStringLiteral("ne+dl."));
    q.regex = true; // slower, so that there is something to report on the way
    runner.start(q, corpus, 3000);
    QVERIFY(finished.wait(20000));
    QVERIFY(progress.size() > 0);
    int lastSearched = -1;
    for (const auto &args : progress) {
        const SearchResult partial = args.at(1).value<SearchResult>();
        QVERIFY(!partial.complete);
        QVERIFY(std::is_sorted(partial.matchingRows.begin(), partial.matchingRows.end()));
        QCOMPARE(partial.entryCount, int(partial.matchingRows.size()));
        QVERIFY(partial.searchedRows >= lastSearched);
        lastSearched = partial.searchedRows;
    }
    QCOMPARE(finished.at(0).at(1).value<SearchResult>().entryCount, (10000 + 6) / 7);
}

void TestSearchRunner::bigRunIsSearchedByTwoThreads()
{
    // 70,000 raw entries, about 12 MB of JSON: over the size from which the runner cuts the
    // rows in two halves, one per thread. Results, first match and counts as with one.
    SearchCorpus corpus;
    corpus.resize(70000);
    for (int row = 0; row < 70000; ++row)
        corpus.setText(row, SearchText::fromRawEntryJson(entryJson(row)));
    QVERIFY(corpus.byteCount() > 10 * 1000 * 1000);
    SearchRunner runner;
    runner.setProgressInterval(0); // a partial result at every check
    QSignalSpy first(&runner, &SearchRunner::firstMatch);
    QSignalSpy progress(&runner, &SearchRunner::progress);
    QSignalSpy finished(&runner, &SearchRunner::finished);
    runner.start(plain(QStringLiteral("needle")), corpus, 40000);
    QVERIFY(finished.wait(60000));
    // Each half's rows wrap from the end to the top at some point: the partial results put the
    // halves' runs together in order all the same, each row once.
    for (const auto &args : std::as_const(progress)) {
        const SearchResult partial = args.at(1).value<SearchResult>();
        QVERIFY(std::adjacent_find(partial.matchingRows.begin(), partial.matchingRows.end(), std::greater_equal<int>())
                == partial.matchingRows.end());
        QCOMPARE(partial.entryCount, int(partial.matchingRows.size()));
    }
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.at(0).at(1).toInt(), 40005);
    const SearchResult result = finished.at(0).at(1).value<SearchResult>();
    QVERIFY(result.complete);
    QCOMPARE(result.entryCount, 10000);
    QCOMPARE(result.matchCount, qint64(10000 + (70000 + 20) / 21));
    QCOMPARE(result.searchedRows, 70000);
    QCOMPARE(result.matchingRows.first(), 0);
    QCOMPARE(result.matchingRows.last(), 69993);
    QVERIFY(std::is_sorted(result.matchingRows.begin(), result.matchingRows.end()));

    // Found only by the second half (rows 35,000 on, from the top): still reported first.
    runner.start(plain(QStringLiteral("word50000x")), corpus, 0);
    QVERIFY(finished.wait(60000));
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(1).at(1).toInt(), 50000);
    QCOMPARE(finished.at(1).at(1).value<SearchResult>().matchingRows, QVector<int>{50000});
}

void TestSearchRunner::signalsComeOnTheUiThread()
{
    const SearchCorpus corpus = buildCorpus(2000);
    SearchRunner runner;
    QThread *seen = nullptr;
    connect(&runner, &SearchRunner::firstMatch, this, [&seen] { seen = QThread::currentThread(); });
    QSignalSpy finished(&runner, &SearchRunner::finished);
    runner.start(plain(QStringLiteral("needle")), corpus, 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(seen, QThread::currentThread());
}

void TestSearchRunner::indexerFollowsTheModel()
{
    LogTableModel model;
    SearchIndexer indexer;
    indexer.setModel(&model);
    QSignalSpy changed(&indexer, &SearchIndexer::corpusChanged);

    // Counted mode: all rows at once as placeholders, pages arriving in any order.
    model.resizeRows(300);
    QCOMPARE(indexer.corpus().size(), 300);
    QCOMPARE(indexer.corpus().indexedCount(), 0);
    const auto page = [](int first, int count) {
        QList<LogEntry> entries;
        for (int k = 0; k < count; ++k)
            entries.append(logEntry(first + k));
        return entries;
    };
    model.setEntries(200, page(200, 100));
    model.setEntries(0, page(0, 100));
    QVERIFY(indexer.isIndexing());
    QTRY_VERIFY(!indexer.isIndexing());
    QCOMPARE(indexer.corpus().indexedCount(), 200);
    QVERIFY(!indexer.corpus().hasText(150));
    QVERIFY(indexer.corpus().hasText(250));
    QVERIFY(changed.size() > 0);

    const SearchEngine word(plain(QStringLiteral("word250x")));
    QCOMPARE(word.search(indexer.corpus()).matchingRows, QVector<int>{250});

    // A row replaced by other bytes is indexed again.
    QList<LogEntry> replacement{logEntry(999)};
    model.setEntries(250, std::move(replacement));
    indexer.waitForIdle();
    QCOMPARE(word.search(indexer.corpus()).entryCount, 0);
    QCOMPARE(SearchEngine(plain(QStringLiteral("word999x"))).search(indexer.corpus()).matchingRows, QVector<int>{250});

    // Appending mode, then trailing rows dropped.
    model.resizeRows(400);
    model.setEntries(300, page(300, 100));
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().indexedCount(), 300);
    model.resizeRows(350);
    QCOMPARE(indexer.corpus().size(), 350);
    QCOMPARE(indexer.corpus().indexedCount(), 250);

    // A reset re-keys every row. Turning the view round keeps each row's entry (rows are the
    // store's), so each text stays at its row; then the run is loaded again newest first, as the
    // loader does (clear, resize, the newest page at the top): every row's text is the entry now
    // at that row, and nothing of the old rows is left.
    const auto rowsOf = [&indexer](const char *text) {
        return SearchEngine(plain(QString::fromLatin1(text))).search(indexer.corpus()).matchingRows;
    };
    model.setReversed(true);
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().size(), 350);
    QCOMPARE(indexer.corpus().indexedCount(), 250);
    QCOMPARE(rowsOf("word999x"), QVector<int>{250});
    QCOMPARE(rowsOf("word5x"), QVector<int>{5});
    model.clear();
    model.resizeRows(350);
    QList<LogEntry> newestFirst;
    for (int k = 0; k < 100; ++k)
        newestFirst.append(logEntry(349 - k));
    model.setEntries(0, std::move(newestFirst));
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().size(), 350);
    QCOMPARE(indexer.corpus().indexedCount(), 100);
    QCOMPARE(rowsOf("word349x"), QVector<int>{0});
    QCOMPARE(rowsOf("word300x"), QVector<int>{49});
    QCOMPARE(rowsOf("word250x"), QVector<int>{99});
    QCOMPARE(rowsOf("word5x"), QVector<int>{});
    QCOMPARE(rowsOf("word999x"), QVector<int>{});
    QVERIFY(!indexer.corpus().hasText(100));
    model.clear();
    QCOMPARE(indexer.corpus().size(), 0);
    QCOMPARE(indexer.corpus().indexedCount(), 0);
}

QTEST_GUILESS_MAIN(TestSearchRunner)
#include "tst_searchrunner.moc"
