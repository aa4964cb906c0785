// SPDX-License-Identifier: MIT
// Search across the library: for every kind of query (plain, any case or exact, whole word,
// regular expression, short, non-ASCII, characters whose case folds into ASCII, quotes), the
// results are exactly those of the in-run search engine run over every stored entry, newest runs
// first, entries in order; with snippets around the match, a limit, a threaded runner, and
// nothing left of a removed run.
#include "api/pageparser.h"
#include "demo/logsendpoint.h"
#include "foundentry.h"
#include "json/jsonwriter.h"
#include "samplerun.h"
#include "search/querylanguage.h"
#include "search/searchengine.h"
#include "search/searchsnippet.h"
#include "search/searchtext.h"
#include "store/librarydatabase.h"
#include "store/librarysearch.h"
#include "store/librarysearchscan.h"
#include "store/libraryrangescan.h"
#include "store/runlibrary.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
const QString kOrigin = QStringLiteral("https://api.example.test");

using Found = FoundEntry;

// Run `id`, created `day` days into 2025, with `count` entries that mix the words of the tests.
RunRecord wordyRun(qint64 id, int day, int count)
{
    static const char *const words[] = {"alpha", "Beta", "gamma", "delta", "Segfault", "error", "timeout", "café",
                                        "naïve", "\xF0\x9F\x8E\x89", "x", "ab", "a\\\"b", "\\u212Aelvin", "kelvin",
                                        "ſecret", "line\\nbreak", "TODO", "todo_list", "to do"};
    RunRecord run = makeRun(7, id, 0);
    run.setField(QStringLiteral("created_at"),
                 JsonWriter::string(QDate(2025, 1, 1).addDays(day).toString(Qt::ISODate) + QStringLiteral("T08:00:00Z")));
    quint32 seed = quint32(id * 7919);
    const auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7fff;
    };
    for (int n = 0; n < count; ++n) {
        QByteArray thought;
        const int length = 1 + int(next() % 6);
        for (int k = 0; k < length; ++k)
            thought += QByteArray(k ? " " : "") + words[next() % (sizeof(words) / sizeof(words[0]))];
        const bool tool = next() % 2 == 0;
        run.entries.append("{\"agent_run_id\":" + QByteArray::number(id) + ",\"created_at\":\"2025-01-01T00:00:00Z\","
                           "\"tool_name\":" + (tool ? QByteArray("\"bash\"") : QByteArray("null"))
                           + ",\"message_type\":\"" + (tool ? "ACTION" : "PLAN_EVALUATION") + "\",\"thought\":\"" + thought
                           + "\",\"observation\":null,\"tool_input\":" + (tool ? "{\"cmd\":\"grep -r " + QByteArray(words[next() % 8]) + "\"}" : QByteArray("null"))
                           + ",\"tool_output\":null}");
    }
    return run;
}

// Stores run `runId` of organization 7, created at `createdAt` (ISO 8601), its entries `logs`.
void storeRunOfLogs(RunLibrary &library, qint64 runId, const char *createdAt, const QList<QByteArray> &logs)
{
    QByteArray body = "{\"id\":" + QByteArray::number(runId) + ",\"organization_id\":7,\"status\":\"COMPLETE\","
                      "\"created_at\":\"" + createdAt + "\",\"web_url\":null,\"result\":null,\"metadata\":{},\"logs\":[";
    for (qsizetype k = 0; k < logs.size(); ++k)
        body += (k ? "," : "") + logs.at(k);
    body += "],\"total_logs\":" + QByteArray::number(logs.size()) + ",\"page\":1,\"size\":100,\"pages\":1}";
    const PageParseResult parsed = PageParser::parse(body);
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    library.store(PageCache::Key{kOrigin, RunRef{7, runId}}, parsed.page.run, 0, parsed.page.entries);
}

// Every hit of `query` across the library in `folder`, in order.
LibrarySearchSummary searchLibraryIn(const QString &folder, const SearchQuery &query, QList<Found> *found)
{
    LibraryDatabase database(folder);
    if (!database.open())
        return {};
    const std::atomic<bool> never{false};
    return LibrarySearchScan::run(database.connection(), query, 0, never, [found](const QList<LibrarySearchHit> &hits) {
        for (const LibrarySearchHit &hit : hits)
            found->append(Found{hit.runId, hit.position});
        return true;
    });
}
} // namespace

class TestLibrarySearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void resultsEqualABruteForceScan_data();
    void resultsEqualABruteForceScan();
    void indexIsUsedWhereItCanNarrow_data();
    void indexIsUsedWhereItCanNarrow();
    void snippetsShowTheMatch();
    void limitStopsEarly();
    void threadedSearchGivesTheSame();
    void secondThreadGivesTheSame_data();
    void secondThreadGivesTheSame();
    void secondThreadThroughTheIndexGivesTheSame_data();
    void secondThreadThroughTheIndexGivesTheSame();
    void removedRunsAreNotFound();
    void runKeysNarrowTheRuns();
    void invalidExpressionSaysWhy();
    void theSnippetDecidesOneWordWithoutLayout_data();
    void theSnippetDecidesOneWordWithoutLayout();
    void allWordsAreFoundInOneWalk_data();
    void allWordsAreFoundInOneWalk();
    void anIndexGivingMostEntriesIsLeft_data();
    void anIndexGivingMostEntriesIsLeft();
    void leavingTheIndexFindsNoRegexThatGivesUp();
    void leavingTheIndexFindsNoMoreThanTheIndex();

private:
    QList<Found> bruteForce(const SearchQuery &query) const;
    QList<LibrarySearchHit> scan(const SearchQuery &query, qint64 maxHits = 0, LibrarySearchSummary *summary = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<LibraryDatabase> m_database;
    QList<RunRecord> m_runs; // newest first
};

void TestLibrarySearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<RunLibrary>(m_dir->filePath(QStringLiteral("library")));
    // Twelve runs of different sizes, stored in an order unlike their creation; and the awkward
    // run (emoji, RTL, escapes, a big output) as the newest.
    const int days[] = {40, 3, 77, 12, 58, 21, 90, 7, 33, 64, 15, 49};
    for (int k = 0; k < 12; ++k)
        m_runs.append(wordyRun(100 + k, days[k], 50 + 37 * k));
    RunRecord awkward = makeAwkwardRun(7, 200, 200 * 1024);
    awkward.setField(QStringLiteral("created_at"), QByteArrayLiteral("\"2025-12-31 23:00:00.5\""));
    m_runs.append(awkward);
    for (const RunRecord &run : std::as_const(m_runs)) {
        for (qint64 skip = 0; skip < run.entries.size(); skip += 100) {
            const PageParseResult page = PageParser::parse(LogsEndpoint::pageBody(run, skip, 100, false));
            QVERIFY2(page.ok, qPrintable(page.error));
            m_library->store(PageCache::Key{kOrigin, RunRef{run.organizationId, run.id}}, page.page.run, skip,
                             page.page.entries);
        }
    }
    m_library->flush();
    std::sort(m_runs.begin(), m_runs.end(), [](const RunRecord &a, const RunRecord &b) {
        return a.field(QStringLiteral("created_at")) > b.field(QStringLiteral("created_at"));
    });
    m_database = std::make_unique<LibraryDatabase>(m_dir->filePath(QStringLiteral("library")));
    QVERIFY(m_database->open());
}

void TestLibrarySearch::cleanupTestCase()
{
    m_database.reset();
    m_library.reset();
}

QList<Found> TestLibrarySearch::bruteForce(const SearchQuery &query) const
{
    // The reference: every entry of every run, newest run first, through the in-run engine as the
    // window runs it (also over the entry as the Readable pane shows it, as Search All Runs does):
    // the query's words and phrases (the language's parser splits them) must each match.
    QList<SearchEngine> engines;
    if (query.regex) {
        engines.append(SearchEngine(query, EntryText::Mode::Readable));
    } else {
        const ParsedQuery parsed = QueryLanguage::parse(query.pattern, QueryLanguage::Scope::Library);
        for (const QueryTerm &term : parsed.groups.value(0)) {
            Q_ASSERT(term.kind == QueryTerm::Kind::Word || term.kind == QueryTerm::Kind::Phrase);
            engines.append(SearchEngine(SearchQuery{term.text, query.caseSensitive, query.wholeWord, false},
                                        EntryText::Mode::Readable));
        }
    }
    QList<Found> found;
    for (const RunRecord &run : m_runs) {
        for (qsizetype i = 0; i < run.entries.size(); ++i) {
            const SearchText text = SearchText::fromRawEntryJson(run.entries.at(i));
            if (std::all_of(engines.begin(), engines.end(), [&](const SearchEngine &e) { return e.matches(text); }))
                found.append(Found{run.id, i});
        }
    }
    return found;
}

QList<LibrarySearchHit> TestLibrarySearch::scan(const SearchQuery &query, qint64 maxHits, LibrarySearchSummary *summary)
{
    QList<LibrarySearchHit> hits;
    const std::atomic<bool> never{false};
    const LibrarySearchSummary result = LibrarySearchScan::run(m_database->connection(), query, maxHits, never,
                                                               [&hits](const QList<LibrarySearchHit> &found) {
                                                                   hits += found;
                                                                   return true;
                                                               });
    if (summary)
        *summary = result;
    return hits;
}

void TestLibrarySearch::resultsEqualABruteForceScan_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");
    QTest::addRow("a common word") << QStringLiteral("gamma") << false << false << false;
    QTest::addRow("any case") << QStringLiteral("SEGFAULT") << false << false << false;
    QTest::addRow("exact case") << QStringLiteral("Segfault") << true << false << false;
    QTest::addRow("exact case, no such spelling") << QStringLiteral("SEGFAULT") << true << false << false;
    QTest::addRow("two words") << QStringLiteral("alpha Beta") << false << false << false;
    QTest::addRow("a phrase") << QStringLiteral("\"alpha Beta\"") << false << false << false;
    QTest::addRow("whole word") << QStringLiteral("todo") << false << true << false;
    QTest::addRow("part of words") << QStringLiteral("odo") << false << false << false;
    QTest::addRow("regular expression") << QStringLiteral("ga(m+)a\\s+d") << false << false << true;
    QTest::addRow("regular expression, exact case") << QStringLiteral("Seg[f]ault") << true << false << true;
    QTest::addRow("regular expression, alternatives") << QStringLiteral("(segfault|timeout) \\w") << false << false << true;
    QTest::addRow("regular expression, Kelvin sign folds into k") << QStringLiteral("kelvin") << false << false << true;
    QTest::addRow("regular expression, long s folds into s") << QStringLiteral("SECRET") << false << false << true;
    QTest::addRow("regular expression, a short literal") << QStringLiteral("ab\\b") << false << false << true;
    QTest::addRow("two characters") << QStringLiteral("ab") << false << false << false;
    QTest::addRow("one character") << QStringLiteral("x") << false << true << false;
    QTest::addRow("accented") << QStringLiteral("CAFÉ") << false << false << false;
    QTest::addRow("accented, ASCII around") << QStringLiteral("\"naïve \"") << false << false << false;
    QTest::addRow("emoji") << QStringLiteral("\U0001F389") << false << false << false;
    QTest::addRow("Kelvin sign folds into k") << QStringLiteral("kelvin") << false << false << false;
    QTest::addRow("long s folds into s") << QStringLiteral("secret") << false << false << false;
    QTest::addRow("a quote") << QStringLiteral("a\"b") << false << false << false;
    QTest::addRow("a line break") << QStringLiteral("\"line\nbreak\"") << false << false << false;
    QTest::addRow("a tool's input") << QStringLiteral("\"grep -r timeout\"") << false << false << false;
    QTest::addRow("a tool's input, words") << QStringLiteral("grep timeout") << false << false << false;
    QTest::addRow("a message type") << QStringLiteral("plan_evaluation") << false << false << false;
    QTest::addRow("a long pattern") << QStringLiteral("\"quotes, commas, tabs\"") << false << false << false;
    QTest::addRow("in the awkward run") << QStringLiteral("<script>") << false << false << false;
    QTest::addRow("right to left") << QStringLiteral("שלום") << false << false << false;
    QTest::addRow("nowhere") << QStringLiteral("\"zebra crossing\"") << false << false << false;
    QTest::addRow("not the run id") << QStringLiteral("agent_run_id") << false << false << false;
    // Matches across the pane's layout (a `cmd: grep -r …` line of tool_input), which the index's
    // text does not hold as such: it narrows by the pieces between the layout only.
    QTest::addRow("a phrase across the pane's layout") << QStringLiteral("\"cmd: grep\"") << false << false << false;
    QTest::addRow("a phrase across the pane's layout, and a word") << QStringLiteral("\"cmd: grep\" gamma") << false << false << false;
    QTest::addRow("a regular expression across the pane's layout") << QStringLiteral("cmd:\\s+grep -r") << false << false << true;
    QTest::addRow("a regular expression across the pane's layout, exact case") << QStringLiteral("md: gre") << true << false << true;
    QTest::addRow("a dash and a space of the value, after the layout") << QStringLiteral("\"cmd: grep -r\"") << false << false << false;
    QTest::addRow("a line break and indentation") << QStringLiteral("ma\\n\\s+b") << false << false << true;
}

void TestLibrarySearch::resultsEqualABruteForceScan()
{
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);
    const SearchQuery query{pattern, caseSensitive, wholeWord, regex};
    QList<Found> actual;
    for (const LibrarySearchHit &hit : scan(query)) {
        QCOMPARE(hit.origin, kOrigin);
        QCOMPARE(hit.orgId, qint64(7));
        actual.append(Found{hit.runId, hit.position});
    }
    const QList<Found> expected = bruteForce(query);
    QCOMPARE(actual, expected);
}

void TestLibrarySearch::indexIsUsedWhereItCanNarrow_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<bool>("usesIndex");
    QTest::addRow("plain") << QStringLiteral("gamma") << false << true;
    QTest::addRow("ASCII around accents") << QStringLiteral("\"naïvely\"") << false << true;
    // A space after a value's character is the value's own ("ve " narrows).
    QTest::addRow("ASCII around accents, then a space") << QStringLiteral("\"naïve \"") << false << true;
    QTest::addRow("a phrase across the pane's layout") << QStringLiteral("\"cmd: grep\"") << false << true;
    // Only layout may be around "é": no piece of three ASCII characters.
    QTest::addRow("across the layout, no piece of three") << QStringLiteral("\"é: ab\"") << false << false;
    QTest::addRow("words") << QStringLiteral("alpha gamma") << false << true;
    QTest::addRow("keys alone") << QStringLiteral("type:action") << false << false;
    QTest::addRow("alternatives") << QStringLiteral("alpha OR gamma") << false << false;
    QTest::addRow("two characters") << QStringLiteral("ab") << false << false;
    QTest::addRow("no ASCII trigram") << QStringLiteral("ïé\U0001F389") << false << false;
    QTest::addRow("regular expression with a literal") << QStringLiteral("gam+a") << true << true;
    QTest::addRow("regular expression, alternatives") << QStringLiteral("(alpha|gamma) d") << true << true;
    QTest::addRow("regular expression, a short alternative") << QStringLiteral("(alpha|x)") << true << false;
    QTest::addRow("regular expression without a literal") << QStringLiteral("\\w{3}\\d") << true << false;
}

void TestLibrarySearch::indexIsUsedWhereItCanNarrow()
{
    QFETCH(QString, pattern);
    QFETCH(bool, regex);
    QFETCH(bool, usesIndex);
    SearchQuery query;
    query.pattern = pattern;
    query.regex = regex;
    LibrarySearchSummary summary;
    scan(query, 0, &summary);
    QCOMPARE(summary.usedIndex, usesIndex);
    qint64 entries = 0;
    for (const RunRecord &run : std::as_const(m_runs))
        entries += run.entries.size();
    QCOMPARE(summary.runsSearched, int(m_runs.size()));
    if (usesIndex)
        QVERIFY(summary.entriesChecked < entries);
    else
        QCOMPARE(summary.entriesChecked, entries);
}

void TestLibrarySearch::snippetsShowTheMatch()
{
    SearchQuery query;
    query.pattern = QStringLiteral("delta");
    const QList<LibrarySearchHit> hits = scan(query);
    QVERIFY(!hits.isEmpty());
    for (const LibrarySearchHit &hit : hits) {
        QCOMPARE(hit.snippet.mid(hit.matchStart, hit.matchLength).toLower(), QStringLiteral("delta"));
        QVERIFY(!hit.snippet.contains(QLatin1Char('\n')));
        QVERIFY(hit.messageType == QLatin1String("ACTION") || hit.messageType == QLatin1String("PLAN_EVALUATION"));
        QCOMPARE(hit.toolName.isNull(), hit.messageType == QLatin1String("PLAN_EVALUATION"));
    }
    // A match deep in a long output: cut around it, the cut marked.
    query.pattern = QStringLiteral("<script>");
    const QList<LibrarySearchHit> awkward = scan(query);
    QVERIFY(!awkward.isEmpty());
    QCOMPARE(awkward.first().runId, qint64(200));
    QCOMPARE(awkward.first().snippet.mid(awkward.first().matchStart, awkward.first().matchLength), QStringLiteral("<script>"));
    QVERIFY(awkward.first().snippet.size() < 200);
}

void TestLibrarySearch::limitStopsEarly()
{
    SearchQuery query;
    query.pattern = QStringLiteral("gamma");
    LibrarySearchSummary summary;
    const QList<LibrarySearchHit> hits = scan(query, 7, &summary);
    QCOMPARE(hits.size(), 7);
    QVERIFY(summary.truncated);
    const QList<Found> expected = bruteForce(query).mid(0, 7);
    for (int i = 0; i < 7; ++i)
        QCOMPARE((Found{hits.at(i).runId, hits.at(i).position}), expected.at(i));
}

void TestLibrarySearch::threadedSearchGivesTheSame()
{
    LibrarySearch search(m_dir->filePath(QStringLiteral("library")));
    QSignalSpy hits(&search, &LibrarySearch::hitsFound);
    QSignalSpy finished(&search, &LibrarySearch::finished);
    SearchQuery query;
    query.pattern = QStringLiteral("timeout");
    // A first search, replaced at once: nothing of it arrives.
    SearchQuery other;
    other.pattern = QStringLiteral("alpha");
    search.start(other);
    search.start(query);
    QVERIFY(finished.wait(20000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QList<Found> actual;
    for (const QList<QVariant> &batch : std::as_const(hits)) {
        for (const LibrarySearchHit &hit : batch.first().value<QList<LibrarySearchHit>>())
            actual.append(Found{hit.runId, hit.position});
    }
    QCOMPARE(actual, bruteForce(query));
    const LibrarySearchSummary summary = finished.first().first().value<LibrarySearchSummary>();
    QCOMPARE(summary.hits, qint64(actual.size()));
    QVERIFY(summary.msToFirstHit >= 0);
    QVERIFY(!search.isRunning());
}

void TestLibrarySearch::secondThreadGivesTheSame_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<qint64>("maxHits");
    QTest::addRow("two characters") << QStringLiteral("ab") << false << qint64(0);
    QTest::addRow("one character, a limit") << QStringLiteral("x") << false << qint64(150);
    // Limits met early in a first half, at its end, and in a second half: the second thread
    // stops when the first half has them all, and the hits are the one thread's.
    QTest::addRow("one character, a limit met at once") << QStringLiteral("x") << false << qint64(2);
    QTest::addRow("one character, a limit past the first run") << QStringLiteral("x") << false << qint64(40);
    QTest::addRow("a regex, a limit") << QStringLiteral("\\w{3}\\d|ga(m+)a\\s") << true << qint64(25);
    QTest::addRow("OR, a limit") << QStringLiteral("ab OR x") << false << qint64(60);
    QTest::addRow("an exclusion, a limit") << QStringLiteral("x -gamma") << false << qint64(60);
    QTest::addRow("a key, a limit") << QStringLiteral("type:action x") << false << qint64(60);
    QTest::addRow("no literal") << QStringLiteral("\\w{3}\\d|ga(m+)a\\s") << true << qint64(0);
    QTest::addRow("Kelvin sign") << QStringLiteral("K") << false << qint64(0);
}

void TestLibrarySearch::secondThreadGivesTheSame()
{
    // Every run of 40 entries or more read by two threads: the same hits, in the same order.
    QFETCH(QString, pattern);
    QFETCH(bool, regex);
    QFETCH(qint64, maxHits);
    const SearchQuery query{pattern, false, false, regex};
    const QList<LibrarySearchHit> alone = scan(query, maxHits);
    LibrarySearchScan::setEntriesWorthASecondThread(40);
    const auto restore = qScopeGuard([] { LibrarySearchScan::setEntriesWorthASecondThread(4096); });
    LibrarySearchSummary summary;
    const QList<LibrarySearchHit> together = scan(query, maxHits, &summary);
    QVERIFY(!summary.usedIndex);
    QCOMPARE(summary.threads, 2);
    QCOMPARE(together.size(), alone.size());
    for (qsizetype k = 0; k < alone.size(); ++k) {
        QCOMPARE(Found({together.at(k).runId, together.at(k).position}), Found({alone.at(k).runId, alone.at(k).position}));
        QCOMPARE(together.at(k).snippet, alone.at(k).snippet);
    }
    if (maxHits == 0) {
        QList<Found> found;
        for (const LibrarySearchHit &hit : together)
            found.append(Found{hit.runId, hit.position});
        QCOMPARE(found, bruteForce(query));
    } else {
        QCOMPARE(together.size(), maxHits);
    }
}

void TestLibrarySearch::secondThreadThroughTheIndexGivesTheSame_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<qint64>("maxHits");
    // Exact case: in any case, runs holding K or ſ (every run here) are read whole, by one thread.
    QTest::addRow("a common word") << QStringLiteral("gamma") << true << qint64(0);
    QTest::addRow("two words") << QStringLiteral("grep bash") << true << qint64(0);
    QTest::addRow("a common word, a limit") << QStringLiteral("gamma") << true << qint64(150);
    QTest::addRow("a phrase") << QStringLiteral("\"grep -r\"") << true << qint64(0);
}

void TestLibrarySearch::secondThreadThroughTheIndexGivesTheSame()
{
    // A word the index finds in many entries: once the runs read gave many candidates, the next
    // runs of 40 entries or more are read by two threads, each asking the index for its half.
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(qint64, maxHits);
    const SearchQuery query{pattern, caseSensitive, false, false};
    const QList<LibrarySearchHit> alone = scan(query, maxHits);
    LibrarySearchScan::setEntriesWorthASecondThread(40);
    const auto restore = qScopeGuard([] { LibrarySearchScan::setEntriesWorthASecondThread(4096); });
    LibrarySearchSummary summary;
    const QList<LibrarySearchHit> together = scan(query, maxHits, &summary);
    QVERIFY(summary.usedIndex);
    QCOMPARE(summary.threads, 2);
    QCOMPARE(together.size(), alone.size());
    for (qsizetype k = 0; k < alone.size(); ++k) {
        QCOMPARE(Found({together.at(k).runId, together.at(k).position}), Found({alone.at(k).runId, alone.at(k).position}));
        QCOMPARE(together.at(k).snippet, alone.at(k).snippet);
        QCOMPARE(together.at(k).matchStart, alone.at(k).matchStart);
    }
    if (maxHits == 0) {
        QList<Found> found;
        for (const LibrarySearchHit &hit : together)
            found.append(Found{hit.runId, hit.position});
        QCOMPARE(found, bruteForce(query));
    } else {
        QCOMPARE(together.size(), maxHits);
    }
}

void TestLibrarySearch::removedRunsAreNotFound()
{
    SearchQuery query;
    query.pattern = QStringLiteral("Segfault");
    const QList<Found> before = bruteForce(query);
    QVERIFY(!before.isEmpty());
    const qint64 removed = before.first().runId;
    m_library->removeRun(PageCache::Key{kOrigin, RunRef{7, removed}});
    m_library->flush();
    QList<Found> after;
    for (const LibrarySearchHit &hit : scan(query))
        after.append(Found{hit.runId, hit.position});
    QList<Found> expected;
    for (const Found &found : before) {
        if (found.runId != removed)
            expected.append(found);
    }
    QCOMPARE(after, expected);
    m_runs.removeIf([removed](const RunRecord &run) { return run.id == removed; });
}

void TestLibrarySearch::runKeysNarrowTheRuns()
{
    // The same hits as the words alone, in the runs named (the others not even read).
    SearchQuery words;
    words.pattern = QStringLiteral("gamma");
    QList<Found> expected;
    for (const Found &found : bruteForce(words)) {
        if (found.runId == 103 || found.runId == 105)
            expected.append(found);
    }
    QVERIFY(!expected.isEmpty());
    SearchQuery keyed;
    keyed.pattern = QStringLiteral("run:103,105 org:7 gamma");
    LibrarySearchSummary summary;
    QList<Found> actual;
    for (const LibrarySearchHit &hit : scan(keyed, 0, &summary))
        actual.append(Found{hit.runId, hit.position});
    QCOMPARE(actual, expected);
    QCOMPARE(summary.runsSearched, 2);

    // Entry keys read each entry's own facts.
    keyed.pattern = QStringLiteral("run:103 entry:..5 -type:plan");
    for (const LibrarySearchHit &hit : scan(keyed)) {
        QCOMPARE(hit.runId, qint64(103));
        QVERIFY(hit.position < 5);
        QVERIFY(!hit.messageType.startsWith(QStringLiteral("PLAN"), Qt::CaseInsensitive));
    }
    keyed.pattern = QStringLiteral("status:nosuchstatus gamma");
    QVERIFY(scan(keyed, 0, &summary).isEmpty());
    QCOMPARE(summary.runsSearched, 0);
    // One run's keys are a mistake here, said with its place.
    keyed.pattern = QStringLiteral("gamma is:failure");
    QVERIFY(scan(keyed, 0, &summary).isEmpty());
    QCOMPARE(summary.error, QStringLiteral("`is:` works within one run (the search bar, `runlog SOURCE --search`), at character 7"));
}

void TestLibrarySearch::invalidExpressionSaysWhy()
{
    SearchQuery query;
    query.pattern = QStringLiteral("(unclosed");
    query.regex = true;
    LibrarySearchSummary summary;
    QVERIFY(scan(query, 0, &summary).isEmpty());
    QVERIFY(summary.error.contains(QStringLiteral("parenthesis")));
}

void TestLibrarySearch::allWordsAreFoundInOneWalk_data()
{
    // Where one walk of a hit's entry finds all its words and makes its snippet
    // (allWordsDecideMatch): two words or more, each ASCII without the pane's layout, and nothing
    // else.
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<int>("words");
    QTest::addRow("two words") << QStringLiteral("parser returns") << false << 2;
    QTest::addRow("three words") << QStringLiteral("a b c") << false << 3;
    QTest::addRow("a word and a phrase without layout") << QStringLiteral("parser \"returns\"") << false << 2;
    QTest::addRow("one word") << QStringLiteral("parser") << false << 0;
    QTest::addRow("a phrase with a space") << QStringLiteral("parser \"it returns\"") << false << 0;
    QTest::addRow("a word with a colon") << QStringLiteral("parser \"exit:1\"") << false << 0;
    QTest::addRow("either word") << QStringLiteral("parser OR returns") << false << 0;
    QTest::addRow("an excluded word") << QStringLiteral("parser -returns") << false << 0;
    QTest::addRow("a word and a key") << QStringLiteral("parser returns type:error") << false << 0;
    QTest::addRow("a regular expression") << QStringLiteral("parser /returns/") << false << 0;
    QTest::addRow("not ASCII") << QStringLiteral("parser café") << false << 0;
    QTest::addRow("a quote") << QStringLiteral("parser a\"b") << false << 0;
    QTest::addRow("whole words") << QStringLiteral("parser returns") << true << 0;
}

void TestLibrarySearch::allWordsAreFoundInOneWalk()
{
    QFETCH(QString, query);
    QFETCH(bool, wholeWord);
    QFETCH(int, words);
    const ParsedQuery parsed = QueryLanguage::parse(query, QueryLanguage::Scope::Library);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    const QueryEvaluator::Options options{false, wholeWord, EntryText::Mode::Readable, true};
    const std::optional<AllWordsFinder> finder = allWordsDecideMatch(parsed, options);
    QCOMPARE(finder ? int(finder->wordCount()) : 0, words);
    QVERIFY(!(finder && snippetDecidesMatch(parsed, options)));
}

void TestLibrarySearch::anIndexGivingMostEntriesIsLeft_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<qint64>("secondThreadFrom"); // entries of a run worth a second thread; 0: one thread
    // "grep" and "bash" are in every tool call's entry, half of each run.
    QTest::addRow("two common words") << QStringLiteral("grep bash") << true << qint64(0);
    QTest::addRow("two common words, any case") << QStringLiteral("GREP bash") << false << qint64(0);
    QTest::addRow("two common words, two threads") << QStringLiteral("grep bash") << true << qint64(40);
    QTest::addRow("two common words, any case, two threads") << QStringLiteral("GREP bash") << false << qint64(40);
    QTest::addRow("one common word, two threads") << QStringLiteral("grep") << true << qint64(40);
    // The first run's first 3 entries read alone to learn how many the index gives, then its rest
    // split between the threads.
    QTest::addRow("two common words, the first run's first entries alone") << QStringLiteral("grep bash") << true << qint64(3);
}

void TestLibrarySearch::anIndexGivingMostEntriesIsLeft()
{
    // Once the index has given a quarter of the entries read or more, the next runs are read whole
    // (the first run's first entries alone, where two threads read it): the same hits as every
    // entry matched, each with the snippet of the words' first match as the highlight's regular
    // expression finds it.
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(qint64, secondThreadFrom);
    const bool twoThreads = secondThreadFrom > 0;
    if (twoThreads)
        LibrarySearchScan::setEntriesWorthASecondThread(secondThreadFrom);
    const auto restore = qScopeGuard([] { LibrarySearchScan::setEntriesWorthASecondThread(4096); });
    const SearchQuery query{pattern, caseSensitive, false, false};
    LibrarySearchSummary summary;
    const QList<LibrarySearchHit> hits = scan(query, 0, &summary);
    QVERIFY(summary.usedIndex);
    QCOMPARE(summary.threads, twoThreads ? 2 : 1);
    QList<Found> found;
    for (const LibrarySearchHit &hit : hits)
        found.append(Found{hit.runId, hit.position});
    QCOMPARE(found, bruteForce(query));
    // The runs after the first ones were read whole: far more entries than the index gives
    // (about half of them).
    qint64 entries = 0;
    for (const RunRecord &run : m_runs)
        entries += run.entries.size();
    QVERIFY2(summary.entriesChecked * 4 >= entries * 3,
             qPrintable(QStringLiteral("%1 of %2 entries read").arg(summary.entriesChecked).arg(entries)));
    // The snippets: the words as one regular expression of alternatives, in any case or not.
    QStringList parts;
    for (const QString &word : pattern.split(u' '))
        parts.append((caseSensitive ? QStringLiteral("(?:") : QStringLiteral("(?i:")) + word + u')');
    const SearchEngine highlight(SearchQuery{parts.join(u'|'), true, false, true});
    for (const LibrarySearchHit &hit : hits) {
        const auto run = std::find_if(m_runs.begin(), m_runs.end(), [&](const RunRecord &r) { return r.id == hit.runId; });
        QVERIFY(run != m_runs.end());
        const SearchSnippet expected = SearchSnippet::of(SearchText::fromRawEntryJson(run->entries.at(hit.position)), highlight);
        QCOMPARE(hit.snippet, expected.text);
        QCOMPARE(hit.matchStart, expected.matchStart);
        QCOMPARE(hit.matchLength, expected.matchLength);
    }
    // Limits met in the first entries read alone, in the first runs and after them: the first hits.
    for (const qint64 limit : {qint64(1), qint64(2), qint64(30), qint64(700)}) {
        QList<Found> first;
        for (const LibrarySearchHit &hit : scan(query, limit))
            first.append(Found{hit.runId, hit.position});
        QCOMPARE(first, found.mid(0, limit));
    }
}

void TestLibrarySearch::leavingTheIndexFindsNoRegexThatGivesUp()
{
    // Through the index, an entry without the query's word is never read: a regular expression
    // before the word (evaluation order) that would give up on it does not stop the search. Once
    // the index gives most entries and the next runs are read whole, it must not either.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("library"));
    {
        RunLibrary library(folder);
        QList<QByteArray> newer, older;
        for (int k = 0; k < 20; ++k)
            newer.append(R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"bash","tool_input":{"cmd":"grep -r x"}})");
        older = newer;
        older.insert(3, R"({"agent_run_id":1,"message_type":"ERROR","observation":"Traceback: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"})");
        storeRunOfLogs(library, 2, "2025-03-01T09:00:00Z", newer);
        storeRunOfLogs(library, 1, "2025-02-01T09:00:00Z", older);
        library.flush();
    }
    // The regular expression first: it is matched before the word (the evaluator's order).
    QList<Found> found;
    const LibrarySearchSummary summary
        = searchLibraryIn(folder, SearchQuery{QStringLiteral("/(a+)+$/ grep"), false, false, false}, &found);
    const qint64 hits = found.size();
    QVERIFY(summary.usedIndex);
    QVERIFY2(!summary.tooCostly, qPrintable(summary.error));
    QCOMPARE(summary.runsSearched, 2);
    QVERIFY(summary.error.isEmpty());
    QCOMPARE(hits, qint64(0));
}

void TestLibrarySearch::leavingTheIndexFindsNoMoreThanTheIndex()
{
    // A phrase that the pane's layout may hold ("cmd: grep": a key, ": ", its value): the index
    // narrows by its pieces between the layout ("cmd", "grep"), which a key and a value hold, so
    // it gives the older run's entries too (it gave only those whose text held "cmd: grep" as
    // written), and the runs read whole once the index gives most entries find the same.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("library"));
    {
        RunLibrary library(folder);
        QList<QByteArray> newer, older;
        for (int k = 0; k < 20; ++k) {
            newer.append(R"({"agent_run_id":2,"message_type":"PLAN_EVALUATION","thought":"ran cmd: grep here"})");
            older.append(R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"bash","tool_input":{"cmd":"grep -r x"}})");
        }
        storeRunOfLogs(library, 2, "2025-03-01T09:00:00Z", newer);
        storeRunOfLogs(library, 1, "2025-02-01T09:00:00Z", older);
        library.flush();
    }
    QList<Found> found;
    const LibrarySearchSummary summary
        = searchLibraryIn(folder, SearchQuery{QStringLiteral("\"cmd: grep\""), false, false, false}, &found);
    QVERIFY(summary.usedIndex);
    QVERIFY(summary.error.isEmpty());
    // Every entry of both runs: in the newer one's thought, across the older one's layout.
    QCOMPARE(found.size(), 40);
    QCOMPARE(std::count_if(found.begin(), found.end(), [](const Found &f) { return f.runId == 2; }), 20);
}

void TestLibrarySearch::theSnippetDecidesOneWordWithoutLayout_data()
{
    // Where one walk of a hit's entry both matches it and makes its snippet (snippetDecidesMatch):
    // one word or phrase of ASCII text without the pane's layout, and nothing else.
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("decides");
    QTest::addRow("one letter") << QStringLiteral("q") << false << true;
    QTest::addRow("a word") << QStringLiteral("segfault") << false << true;
    QTest::addRow("a phrase without layout") << QStringLiteral("\"segfault\"") << false << true;
    QTest::addRow("a phrase with a space") << QStringLiteral("\"alpha beta\"") << false << false;
    QTest::addRow("a word with a colon") << QStringLiteral("\"exit:1\"") << false << false;
    QTest::addRow("a word with a dash") << QStringLiteral("\"grep-r\"") << false << false;
    QTest::addRow("two words") << QStringLiteral("alpha beta") << false << false;
    QTest::addRow("either word") << QStringLiteral("alpha OR beta") << false << false;
    QTest::addRow("an excluded word") << QStringLiteral("-alpha") << false << false;
    QTest::addRow("a word and a key") << QStringLiteral("alpha type:error") << false << false;
    QTest::addRow("a key alone") << QStringLiteral("type:error") << false << false;
    QTest::addRow("a regular expression") << QStringLiteral("/alpha/") << false << false;
    QTest::addRow("not ASCII") << QStringLiteral("café") << false << false;
    QTest::addRow("whole words") << QStringLiteral("alpha") << true << false;
}

void TestLibrarySearch::theSnippetDecidesOneWordWithoutLayout()
{
    QFETCH(QString, query);
    QFETCH(bool, wholeWord);
    QFETCH(bool, decides);
    const ParsedQuery parsed = QueryLanguage::parse(query, QueryLanguage::Scope::Library);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    const QueryEvaluator::Options options{false, wholeWord, EntryText::Mode::Readable, true};
    QCOMPARE(snippetDecidesMatch(parsed, options), decides);
}

QTEST_MAIN(TestLibrarySearch)
#include "tst_librarysearch.moc"
