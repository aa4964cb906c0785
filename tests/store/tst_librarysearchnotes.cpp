// SPDX-License-Identifier: MIT
// Search across the library finds the user's notes too (issue 26): a note's text matches the
// query's words, phrases and regexes (its keys are checked on the note's entry), a hit from a note
// says so and shows the note; has:note holds for the entries with a note (a mark alone is none);
// the demo's notes are found under "demo"; a regular expression that gives up on an entry or a
// note is "too costly", never "no match". Two small hand-made runs; expected hits written by hand.
#include "api/pageparser.h"
#include "search/searchengine.h"
#include "store/librarydatabase.h"
#include "store/librarysearchscan.h"
#include "store/notesorigin.h"
#include "store/runlibrary.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
const QString kOrigin = QStringLiteral("https://api.example.test");
constexpr qint64 kOrg = 7;

// run, entry (from 1), and whether the match is in a note
using Hit = std::tuple<qint64, qint64, bool>;

QByteArray page(qint64 runId, const char *createdAt, const QList<QByteArray> &logs)
{
    QByteArray body = "{\"id\":" + QByteArray::number(runId) + ",\"organization_id\":7,\"status\":\"COMPLETE\","
                      "\"created_at\":\"" + createdAt + "\",\"web_url\":null,\"result\":null,\"metadata\":{},\"logs\":[";
    for (qsizetype k = 0; k < logs.size(); ++k)
        body += (k ? "," : "") + logs.at(k);
    body += "],\"total_logs\":" + QByteArray::number(logs.size()) + ",\"page\":1,\"size\":100,\"pages\":1}";
    return body;
}

StoredNote note(qint64 position, const QString &text, bool marked = false)
{
    StoredNote stored;
    stored.position = position;
    stored.entrySha256 = QByteArrayLiteral("00");
    stored.text = text;
    stored.marked = marked;
    stored.updatedMs = 1;
    return stored;
}
} // namespace

class TestLibrarySearchNotes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void hits_data();
    void hits();
    void noteHitShowsTheNote();
    void demoNotesAreFoundUnderDemo();
    void tooCostlyIsNotNoMatch();

private:
    QList<LibrarySearchHit> scan(const QString &pattern, LibrarySearchSummary *summary = nullptr);
    void store(qint64 runId, const char *createdAt, const QList<QByteArray> &logs, const QString &origin = kOrigin);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<LibraryDatabase> m_database;
};

void TestLibrarySearchNotes::store(qint64 runId, const char *createdAt, const QList<QByteArray> &logs,
                                   const QString &origin)
{
    const PageParseResult parsed = PageParser::parse(page(runId, createdAt, logs));
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    m_library->store(PageCache::Key{origin, RunRef{kOrg, runId}}, parsed.page.run, 0, parsed.page.entries);
}

void TestLibrarySearchNotes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<RunLibrary>(m_dir->filePath(QStringLiteral("library")));
    // Run 42 is the newer one: its hits come first.
    store(42, "2025-01-05T09:00:00Z",
          {R"({"agent_run_id":42,"message_type":"PLAN_EVALUATION","thought":"plan the login fix"})",
           R"({"agent_run_id":42,"message_type":"ACTION","tool_name":"bash","tool_input":{"command":"pytest"}})",
           R"({"agent_run_id":42,"message_type":"ERROR","observation":"Traceback: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"})"});
    store(41, "2025-01-02T09:00:00Z",
          {R"({"agent_run_id":41,"message_type":"PLAN_EVALUATION","thought":"read the docs"})",
           R"({"agent_run_id":41,"message_type":"ACTION","tool_name":"grep","tool_input":{"pattern":"login"}})"});
    m_library->saveNotes(NotesScope::forApi(kOrigin, kOrg, 42),
                         {note(1, QStringLiteral("flaky pytest here, see ticket ZEBRA-12")),
                          note(2, QString(), true)}); // a mark alone
    m_library->saveNotes(NotesScope::forApi(kOrigin, kOrg, 41), {note(0, QStringLiteral("login docs are stale"))});
    // A note on a run the library does not keep: nothing to open, so never a hit.
    m_library->saveNotes(NotesScope::forApi(kOrigin, kOrg, 99), {note(0, QStringLiteral("zebra elsewhere"))});
    m_library->flush();
    m_database = std::make_unique<LibraryDatabase>(m_dir->filePath(QStringLiteral("library")));
    QVERIFY(m_database->open());
}

void TestLibrarySearchNotes::cleanupTestCase()
{
    m_database.reset();
    m_library.reset();
}

QList<LibrarySearchHit> TestLibrarySearchNotes::scan(const QString &pattern, LibrarySearchSummary *summary)
{
    SearchQuery query;
    query.pattern = pattern;
    QList<LibrarySearchHit> hits;
    const std::atomic<bool> never{false};
    const LibrarySearchSummary result = LibrarySearchScan::run(m_database->connection(), query, 0, never,
                                                               [&hits](const QList<LibrarySearchHit> &found) {
                                                                   hits += found;
                                                                   return true;
                                                               });
    if (summary)
        *summary = result;
    return hits;
}

void TestLibrarySearchNotes::hits_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<Hit>>("expected");
    QTest::addRow("a word only a note holds") << QStringLiteral("zebra") << QList<Hit>{{42, 2, true}};
    QTest::addRow("entries and notes, in order")
        << QStringLiteral("login") << QList<Hit>{{42, 1, false}, {41, 1, true}, {41, 2, false}};
    QTest::addRow("every word in the note") << QStringLiteral("ticket flaky") << QList<Hit>{{42, 2, true}};
    // The note is one more field of its entry (issue 25): a match it takes part in is its hit.
    QTest::addRow("words split between note and entry") << QStringLiteral("ticket bash") << QList<Hit>{{42, 2, true}};
    QTest::addRow("an excluded word in the note excludes the entry") << QStringLiteral("docs -stale") << QList<Hit>{};
    QTest::addRow("entry and note each hold it") << QStringLiteral("docs") << QList<Hit>{{41, 1, false}, {41, 1, true}};
    QTest::addRow("phrase") << QStringLiteral("\"docs are stale\"") << QList<Hit>{{41, 1, true}};
    QTest::addRow("regex") << QStringLiteral("/ZEBRA-[0-9]+/") << QList<Hit>{{42, 2, true}};
    QTest::addRow("has:note, a mark alone is none") << QStringLiteral("has:note") << QList<Hit>{{42, 2, false}, {41, 1, false}};
    QTest::addRow("has:note with a key") << QStringLiteral("has:note type:action") << QList<Hit>{{42, 2, false}};
    QTest::addRow("without a note") << QStringLiteral("-has:note type:error") << QList<Hit>{{42, 3, false}};
    QTest::addRow("note's entry keys hold") << QStringLiteral("stale type:plan") << QList<Hit>{{41, 1, true}};
    QTest::addRow("note's entry keys fail") << QStringLiteral("stale tool:grep") << QList<Hit>{};
    QTest::addRow("run key") << QStringLiteral("ticket run:42") << QList<Hit>{{42, 2, true}};
    QTest::addRow("run key rules the note out") << QStringLiteral("ticket run:41") << QList<Hit>{};
    QTest::addRow("keys alone find no note") << QStringLiteral("type:error OR zebra")
                                             << QList<Hit>{{42, 2, true}, {42, 3, false}};
    QTest::addRow("field: looks in the entry only") << QStringLiteral("field:thought login") << QList<Hit>{{42, 1, false}};
    QTest::addRow("excluded in the note") << QStringLiteral("login -stale") << QList<Hit>{{42, 1, false}, {41, 2, false}};
}

void TestLibrarySearchNotes::hits()
{
    QFETCH(QString, query);
    QFETCH(QList<Hit>, expected);
    LibrarySearchSummary summary;
    const QList<LibrarySearchHit> found = scan(query, &summary);
    QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
    QList<Hit> got;
    for (const LibrarySearchHit &hit : found)
        got.append({hit.runId, hit.position + 1, hit.fromNote});
    QCOMPARE(got, expected);
    QCOMPARE(summary.hits, qint64(expected.size()));
}

void TestLibrarySearchNotes::noteHitShowsTheNote()
{
    const QList<LibrarySearchHit> found = scan(QStringLiteral("zebra"));
    QCOMPARE(found.size(), 1);
    const LibrarySearchHit &hit = found.first();
    QVERIFY(hit.fromNote);
    QCOMPARE(hit.snippet, QStringLiteral("flaky pytest here, see ticket ZEBRA-12"));
    QCOMPARE(hit.matchStart, 30);
    QCOMPARE(hit.matchLength, 5);
    // The entry the note is on, as its own hit would show it.
    QCOMPARE(hit.messageType, QStringLiteral("ACTION"));
    QCOMPARE(hit.toolName, QStringLiteral("bash"));
    QCOMPARE(hit.origin, kOrigin);
    QCOMPARE(hit.orgId, kOrg);
}

void TestLibrarySearchNotes::demoNotesAreFoundUnderDemo()
{
    // The demo keeps its notes under "demo" whatever port its pages came from: once the port is
    // the demo's (NotesOrigin::registerDemo, as the demo service does when it listens), a note
    // kept under "demo" is found on the run stored from that port.
    const QString demoPort = QStringLiteral("http://127.0.0.1:40123");
    store(43, "2025-01-01T09:00:00Z", {R"({"agent_run_id":43,"message_type":"USER_MESSAGE","thought":"hello"})"},
          demoPort);
    m_library->saveNotes(NotesScope::forApi(NotesOrigin::kDemo, kOrg, 43), {note(0, QStringLiteral("demo quokka"))});
    m_library->flush();
    QCOMPARE(scan(QStringLiteral("quokka")).size(), 0);
    NotesOrigin::registerDemo(demoPort);
    const QList<LibrarySearchHit> found = scan(QStringLiteral("quokka"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().runId, qint64(43));
    QCOMPARE(found.first().position, qint64(0));
    QVERIFY(found.first().fromNote);
    m_library->saveNotes(NotesScope::forApi(NotesOrigin::kDemo, kOrg, 43), {});
    m_library->flush();
}

void TestLibrarySearchNotes::tooCostlyIsNotNoMatch()
{
    // "(a+)+$" over a long line of "a" that does not end the text backtracks without end: the
    // search stops and says so, in the entry (run 42's ERROR) and in a note alike.
    LibrarySearchSummary summary;
    scan(QStringLiteral("/(a+)+$/"), &summary);
    QVERIFY(summary.tooCostly);
    QCOMPARE(summary.error, SearchEngine::tooCostlyText());
    // A word of two letters (no index narrows by it) that the entry lacks, after the regular
    // expression: the entry is not ruled out by its bytes (the evaluator reaches the expression
    // first), and the search still stops.
    scan(QStringLiteral("a /(a+)+$/ qz"), &summary);
    QVERIFY(summary.tooCostly);
    QCOMPARE(summary.error, SearchEngine::tooCostlyText());

    m_library->saveNotes(NotesScope::forApi(kOrigin, kOrg, 41),
                         {note(0, QStringLiteral("login docs are stale")), note(1, QString(40, u'b') + u'!')});
    m_library->flush();
    scan(QStringLiteral("/(b+)+$/"), &summary);
    QVERIFY(summary.tooCostly);
    QCOMPARE(summary.error, SearchEngine::tooCostlyText());
    m_library->saveNotes(NotesScope::forApi(kOrigin, kOrg, 41), {note(0, QStringLiteral("login docs are stale"))});
    m_library->flush();
}

QTEST_GUILESS_MAIN(TestLibrarySearchNotes)
#include "tst_librarysearchnotes.moc"
