// SPDX-License-Identifier: MIT
// `runlog SOURCE --search QUERY` as a script runs it: the real binary on a file and on the demo,
// with the query language's keys, in tsv and json. Expected entries are worked out by hand
// from the entries written here.
#include "clienvironment.h"
#include "clirun.h"
#include "notes/fileidentity.h"
#include "store/runlibrary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Gaps: 2: 10s, 3: 60s, 4: 50s, 5: 30s. Failures: 2 (exit code 1) and 4 (ERROR).
const char kRunJsonl[] =
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"PLAN_EVALUATION","tool_name":null,"thought":"plan the login fix"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:10Z","message_type":"ACTION","tool_name":"bash","tool_input":{"command":"pytest"},"tool_output":{"exit_code":1}})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:01:10Z","message_type":"ACTION","tool_name":"grep","tool_input":{"pattern":"login"},"tool_output":"auth.py:3: def login"})" "\n"
    R"x({"agent_run_id":1,"created_at":"2025-01-01T00:02:00Z","message_type":"ERROR","observation":"Traceback (most recent call last)"})x" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:02:30Z","message_type":"FINAL_ANSWER","observation":"Fixed login"})" "\n";

} // namespace

class TestCliRunSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tsv();
    void keys_data();
    void keys();
    void badQueryIsAUsageError();
    void tooCostlyIsNotNoMatch();
    void bigRunsInOrder();
    void marksAndNotesOfTheLibrary_data();
    void marksAndNotesOfTheLibrary();
    void demo();

private:
    CliRun runCli(const QStringList &args);
    QList<int> entriesOf(const QByteArray &json);

    QTemporaryDir m_dir;
    QString m_file;
};

void TestCliRunSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kRunJsonl);
}

CliRun TestCliRunSearch::runCli(const QStringList &args)
{
    return runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir.path()));
}

QList<int> TestCliRunSearch::entriesOf(const QByteArray &json)
{
    QList<int> entries;
    for (const QJsonValue &hit : QJsonDocument::fromJson(json).array())
        entries << hit.toObject().value(QStringLiteral("entry")).toInt();
    return entries;
}

void TestCliRunSearch::tsv()
{
    const CliRun run = runCli({m_file, QStringLiteral("--search"), QStringLiteral("login")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QString path = QFileInfo(m_file).absoluteFilePath();
    // A .jsonl names no run: org and run are empty. Snippets: the line of the first match.
    const QByteArray expected = "org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\tfound_in\n"
                                "\t\t1\tPLAN_EVALUATION\t\tplan the login fix\t" + path.toUtf8() + "\tentry\n"
                                "\t\t3\tACTION\tgrep\tlogin\t" + path.toUtf8() + "\tentry\n"
                                "\t\t5\tFINAL_ANSWER\t\tFixed login\t" + path.toUtf8() + "\tentry\n";
    QCOMPARE(run.out, expected);
    QVERIFY2(run.err.contains("matches: 3 of 5 entries"), run.err.constData());
}

void TestCliRunSearch::keys_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("entries");
    QTest::addRow("or of keys") << QStringLiteral("type:error OR tool:grep") << QList<int>{3, 4};
    QTest::addRow("failure") << QStringLiteral("is:failure") << QList<int>{2, 4};
    QTest::addRow("gap") << QStringLiteral("gap:>30s") << QList<int>{3, 4};
    QTest::addRow("field") << QStringLiteral("field:observation login") << QList<int>{5};
    QTest::addRow("exclusion and range") << QStringLiteral("-login entry:2..") << QList<int>{2, 4};
    QTest::addRow("regex with flag") << QStringLiteral("/TRACEBACK/i") << QList<int>{4};
    QTest::addRow("phrase") << QStringLiteral("\"def login\"") << QList<int>{3};
    QTest::addRow("time") << QStringLiteral("time:00:01..00:02") << QList<int>{3, 4, 5}; // to 00:02:59
    QTest::addRow("nothing") << QStringLiteral("tool:python") << QList<int>{};
}

void TestCliRunSearch::keys()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, entries);
    QProcessEnvironment environment = cliEnvironment(m_dir.path());
    environment.insert(QStringLiteral("TZ"), QStringLiteral("UTC")); // time: reads local time
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY),
                                {m_file, QStringLiteral("--search"), query, QStringLiteral("--format"), QStringLiteral("json")},
                                environment);
    QVERIFY2(run.code() == 0, run.err.constData());
    QCOMPARE(entriesOf(run.out), entries);
}

void TestCliRunSearch::badQueryIsAUsageError()
{
    const CliRun run = runCli({m_file, QStringLiteral("--search"), QStringLiteral("login foo:bar")});
    QCOMPARE(run.code(), 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("unknown key `foo:` at character 7"), run.err.constData());
}

void TestCliRunSearch::tooCostlyIsNotNoMatch()
{
    // A line of "a" that does not end the text: "(a+)+$" backtracks without end on it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("costly.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"agent_run_id\":1,\"thought\":\"" + QByteArray(30000, 'a') + "!\"}\n");
    file.close();
    const CliRun run = runCli({path, QStringLiteral("--search"), QStringLiteral("/(a+)+$/")});
    QCOMPARE(run.code(), 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains("Pattern too costly"), run.err.constData());
}

// A run big enough to be searched by two threads: the hits still come oldest first, and a
// pattern too costly in the second half still stops the search.
void TestCliRunSearch::bigRunsInOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const int entries = 10000;
    for (int k = 0; k < entries; ++k) {
        // Entries 8, 1008, ... 9008 (from 1) hold the word; entry 9500 a line of "a".
        const QByteArray thought = k % 1000 == 7 ? "a needle here" : k == 9499 ? QByteArray(30000, 'a') + '!' : "hay";
        file.write("{\"agent_run_id\":1,\"message_type\":\"ACTION\",\"tool_name\":\"bash\",\"thought\":\"" + thought + "\"}\n");
    }
    file.close();
    const CliRun run = runCli({path, QStringLiteral("--search"), QStringLiteral("needle"), QStringLiteral("--format"),
                               QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    QCOMPARE(entriesOf(run.out), (QList<int>{8, 1008, 2008, 3008, 4008, 5008, 6008, 7008, 8008, 9008}));
    const QJsonObject last = QJsonDocument::fromJson(run.out).array().last().toObject();
    QCOMPARE(last.value(QStringLiteral("tool_name")).toString(), QStringLiteral("bash"));
    QCOMPARE(last.value(QStringLiteral("snippet")).toString(), QStringLiteral("a needle here"));
    QVERIFY2(run.err.contains("matches: 10 of 10,000 entries"), run.err.constData());

    const CliRun costly = runCli({path, QStringLiteral("--search"), QStringLiteral("/(a+)+$/")});
    QCOMPARE(costly.code(), 1);
    QVERIFY(costly.out.isEmpty());
    QVERIFY2(costly.err.contains("Pattern too costly"), costly.err.constData());
}

void TestCliRunSearch::marksAndNotesOfTheLibrary_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("entries");
    QTest::addRow("marked") << QStringLiteral("is:marked") << QList<int>{2, 4};
    QTest::addRow("noted") << QStringLiteral("has:note") << QList<int>{5};
    QTest::addRow("either") << QStringLiteral("is:marked OR has:note") << QList<int>{2, 4, 5};
    QTest::addRow("not marked") << QStringLiteral("-is:marked type:action") << QList<int>{3};
    // The note's text is one more field of its entry, as in the window and the library.
    QTest::addRow("a word of the note") << QStringLiteral("landed") << QList<int>{5};
    QTest::addRow("words of the note and the entry") << QStringLiteral("landed login") << QList<int>{5};
    QTest::addRow("a word in neither") << QStringLiteral("landed pytest") << QList<int>{};
    QTest::addRow("excluded by the note") << QStringLiteral("login -landed") << QList<int>{1, 3};
    QTest::addRow("note with a key") << QStringLiteral("landed type:final") << QList<int>{5};
    QTest::addRow("note with another key") << QStringLiteral("landed type:error") << QList<int>{};
    QTest::addRow("field: is not the note") << QStringLiteral("field:observation landed") << QList<int>{};
}

void TestCliRunSearch::marksAndNotesOfTheLibrary()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, entries);
    // What the window keeps for the file, by its identity: marks on entries 2 and 4 (kept before
    // notes had hashes: placed by position), a note on entry 5.
    QTemporaryDir home;
    QVERIFY(home.isValid());
    {
        RunLibrary library(home.filePath(QStringLiteral("data/runlog")));
        QVERIFY(library.isAvailable());
        StoredNote second, fourth, fifth;
        second.position = 1;
        second.marked = true;
        fourth.position = 3;
        fourth.marked = true;
        fifth.position = 4;
        fifth.text = QStringLiteral("the fix landed here");
        library.saveNotes(FileIdentity::scopeOf(m_file), {second, fourth, fifth});
        library.flush();
    }
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY),
                                {m_file, QStringLiteral("--search"), query, QStringLiteral("--format"), QStringLiteral("json")},
                                cliEnvironment(home.path()));
    QVERIFY2(run.code() == 0, run.err.constData());
    QCOMPARE(entriesOf(run.out), entries);
}

void TestCliRunSearch::demo()
{
    // The demo's run through its own server: every hit a tool call of a tool named bash…
    const CliRun run = runCli({QStringLiteral("--demo"), QStringLiteral("--search"), QStringLiteral("tool:bash"),
                               QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code() == 0, run.err.constData());
    const QJsonArray hits = QJsonDocument::fromJson(run.out).array();
    QVERIFY(!hits.isEmpty());
    // …and named by where it came from, the demo's loopback server (as the library names the
    // demo's runs), not the default https://api.codegen.com.
    const QRegularExpressionMatch fetchedFrom
        = QRegularExpression(QStringLiteral("from (http://127\\.0\\.0\\.1:\\d+)\n")).match(QString::fromUtf8(run.err));
    QVERIFY2(fetchedFrom.hasMatch(), run.err.constData());
    int previous = 0;
    for (const QJsonValue &hit : hits) {
        QCOMPARE(hit.toObject().value(QStringLiteral("origin")).toString(), fetchedFrom.captured(1));
        QVERIFY(hit.toObject().value(QStringLiteral("tool_name")).toString().startsWith(QLatin1String("bash"), Qt::CaseInsensitive));
        const int entry = hit.toObject().value(QStringLiteral("entry")).toInt();
        QVERIFY(entry > previous); // oldest first
        previous = entry;
    }
}

QTEST_GUILESS_MAIN(TestCliRunSearch)
#include "tst_clirunsearch.moc"
