// SPDX-License-Identifier: MIT
// `runlog SOURCE --insights` as a script runs it: the real binary, no display, on a file and on a
// run fetched whole from the spec server in this process. The expected findings are worked out by
// hand from the entries written here (issue 23's definitions).
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {
// 1 no tool; 2, 3, 5 the same failing command (a loop of period 1 with entry 4, no tool, inside
// it, and one repeated failure); 6 writes and 7 reads src/app.py; 8 an ERROR without a tool (a
// failure of its own); 9 a command that succeeded (exit code 0: no failure).
const char kRunJsonl[] =
    R"({"agent_run_id":1,"message_type":"USER_MESSAGE","tool_name":null,"observation":"fix it"})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"pytest -x"},"observation":"Error: 3 tests failed, exit code 1"})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"pytest -x"},"observation":"Error: 12 tests failed, exit code 1"})" "\n"
    R"({"agent_run_id":1,"message_type":"PLAN_EVALUATION","thought":"try again"})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"pytest -x"},"observation":"Error: 3 tests failed, exit code 1"})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"edit_file","tool_input":{"path":"src/app.py","content":"x = 1"},"tool_output":{"ok":true}})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"read_file","tool_input":{"file_path":"src/app.py"},"observation":"x = 1"})" "\n"
    R"({"agent_run_id":1,"message_type":"ERROR","thought":"Out of memory"})" "\n"
    R"({"agent_run_id":1,"message_type":"ACTION","tool_name":"bash","tool_input":{"cmd":"ls"},"tool_output":{"exit_code":0}})" "\n";

const char kExpectedJson[] = R"({
  "entries": 9,
  "loops": [ {"period": 1, "repeats": 3, "first_entry": 2, "last_entry": 5,
              "tools": ["run_bash_command"], "entries": [2, 3, 5]} ],
  "repeated_failures": [ {"signature": "Error: N tests failed, exit code N", "count": 3, "entries": [2, 3, 5]} ],
  "first_failure": {"entry": 2, "message_type": "ACTION", "tool_name": "run_bash_command",
                    "signature": "Error: N tests failed, exit code N"},
  "commands": [
    {"entry": 2, "tool": "run_bash_command", "command": "pytest -x", "exit_code": 1, "failed": true},
    {"entry": 3, "tool": "run_bash_command", "command": "pytest -x", "exit_code": 1, "failed": true},
    {"entry": 5, "tool": "run_bash_command", "command": "pytest -x", "exit_code": 1, "failed": true},
    {"entry": 9, "tool": "bash", "command": "ls", "exit_code": 0, "failed": false} ],
  "files": [ {"path": "src/app.py", "reads": 1, "writes": 1, "entries": [6, 7]} ]
})";
} // namespace

class TestCliInsights : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void fileAsJson();
    void fileAsTsv();
    void runFromServerIsFetchedWhole();
    void usageErrors_data();
    void usageErrors();

private:
    CliRun runCli(const QStringList &args);
    QString writeRunFile();

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliInsights::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CliRun TestCliInsights::runCli(const QStringList &args)
{
    return runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir->path())); // a library of its own
}

QString TestCliInsights::writeRunFile()
{
    const QString path = m_dir->filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(kRunJsonl);
    return path;
}

void TestCliInsights::fileAsJson()
{
    const CliRun result = runCli({writeRunFile(), QStringLiteral("--insights"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.code() == 0, result.err.constData());
    QJsonParseError error;
    const QJsonObject insights = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject expected = QJsonDocument::fromJson(kExpectedJson).object();
    QVERIFY(!expected.isEmpty());
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QVERIFY2(insights.value(it.key()) == it.value(),
                 qPrintable(it.key() + QStringLiteral(": ") + QString::fromUtf8(QJsonDocument(insights).toJson())));
    QCOMPARE(insights.keys(), expected.keys());
}

void TestCliInsights::fileAsTsv()
{
    // tsv is the default.
    const CliRun result = runCli({writeRunFile(), QStringLiteral("--insights")});
    QVERIFY2(result.code() == 0, result.err.constData());
    const QList<QByteArray> lines = result.out.split('\n');
    QVERIFY(lines.contains("entries\t\t9"));
    QVERIFY(lines.contains("loop\t2\t5\t1\t3\t2,3,5\trun_bash_command"));
    QVERIFY(lines.contains("repeated_failure\t3\t2,3,5\tError: N tests failed, exit code N"));
    QVERIFY(lines.contains("first_failure\t2\tACTION\trun_bash_command\tError: N tests failed, exit code N"));
    QVERIFY(lines.contains("command\t9\t0\tfalse\tbash\tls"));
    QVERIFY(lines.contains("file\t1\t1\t6,7\tsrc/app.py"));
}

// A run of the server's, fetched whole (three pages) before the insights are made. Its entries
// (samplerun.h) alternate: n even has no tool, n odd calls bash with a null tool_input. So the
// bash calls, entries 2, 4, ..., 250, are one call key 125 times in a row: one loop of period 1,
// the entries without a tool inside it; nothing failed.
void TestCliInsights::runFromServerIsFetchedWhole()
{
    m_server->addRun(makeRun(7, 42, 250));
    const CliRun result = runCli({QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--org"),
                                  QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("42"),
                                  QStringLiteral("--insights"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.code() == 0, result.err.constData());
    const QJsonObject insights = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(insights.value(QStringLiteral("entries")).toInt(), 250);
    QJsonArray bashCalls;
    for (int entry = 2; entry <= 250; entry += 2)
        bashCalls.append(entry);
    const QJsonObject loop{{QStringLiteral("period"), 1}, {QStringLiteral("repeats"), 125},
                           {QStringLiteral("first_entry"), 2}, {QStringLiteral("last_entry"), 250},
                           {QStringLiteral("tools"), QJsonArray{QStringLiteral("bash")}},
                           {QStringLiteral("entries"), bashCalls}};
    QCOMPARE(insights.value(QStringLiteral("loops")).toArray(), QJsonArray{loop});
    QCOMPARE(insights.value(QStringLiteral("repeated_failures")).toArray(), QJsonArray());
    QVERIFY(insights.value(QStringLiteral("first_failure")).isNull());
    QCOMPARE(m_server->requestLog().size(), 3);
}

void TestCliInsights::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("pointsToHelp"); // a command line that cannot be read, as --stats says it
    QTest::addRow("no run") << QStringList{QStringLiteral("--insights")} << true;
    QTest::addRow("unknown format") << QStringList{QStringLiteral("FILE"), QStringLiteral("--insights"), QStringLiteral("--format"), QStringLiteral("xml")} << false;
    QTest::addRow("with --stats") << QStringList{QStringLiteral("FILE"), QStringLiteral("--insights"), QStringLiteral("--stats")} << true;
}

void TestCliInsights::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(bool, pointsToHelp);
    args.replaceInStrings(QStringLiteral("FILE"), writeRunFile());
    const CliRun result = runCli(args);
    QCOMPARE(result.code(), 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.startsWith("runlog: "), result.err.constData());
    QCOMPARE(result.err.count('\n'), pointsToHelp ? 2 : 1);
    if (pointsToHelp)
        QVERIFY2(result.err.endsWith("Try 'runlog --help' for more information.\n"), result.err.constData());
}

QTEST_GUILESS_MAIN(TestCliInsights)
#include "tst_cliinsights.moc"
