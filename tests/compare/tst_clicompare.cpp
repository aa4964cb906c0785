// SPDX-License-Identifier: MIT
// `runlog --compare LEFT RIGHT` as a script runs it: the real binary, no display, on two files and
// on two runs fetched whole from the spec server in this process. The expected steps are worked
// out by hand from the entries written here (issue 24's definitions).
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {
// 1 the same call on both sides (members in another order, 1 written 1.0, other times);
// 2 the same edit with another output (changed); 3 only on the left (an ERROR); 3 only on the
// right (another tool); 4 the same call.
const char kLeftJsonl[] =
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"ls","timeout":1},"tool_output":"a.py"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:10Z","message_type":"ACTION","tool_name":"edit_file","tool_input":{"path":"a.py"},"tool_output":{"ok":true}})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:20Z","message_type":"ERROR","thought":"boom"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:01:00Z","message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"pytest"},"tool_output":"ok"})" "\n";
const char kRightJsonl[] =
    R"({"agent_run_id":2,"created_at":"2025-02-01T00:00:00Z","tool_input":{"timeout":1.0,"command":"ls"},"tool_output":"a.py","message_type":"ACTION","tool_name":"run_bash_command"})" "\n"
    R"({"agent_run_id":2,"created_at":"2025-02-01T00:00:10Z","message_type":"ACTION","tool_name":"edit_file","tool_input":{"path":"a.py"},"tool_output":{"ok":false}})" "\n"
    R"({"agent_run_id":2,"created_at":"2025-02-01T00:00:30Z","message_type":"ACTION","tool_name":"view_file","tool_input":{"path":"a.py"},"tool_output":"x"})" "\n"
    R"({"agent_run_id":2,"created_at":"2025-02-01T00:02:00Z","message_type":"ACTION","tool_name":"run_bash_command","tool_input":{"command":"pytest"},"tool_output":"ok"})" "\n";

const char kExpectedSteps[] = R"([
    {"op": "same", "left_entry": 1, "right_entry": 1},
    {"op": "changed", "left_entry": 2, "right_entry": 2},
    {"op": "only_left", "left_entry": 3, "right_entry": null},
    {"op": "only_right", "left_entry": null, "right_entry": 3},
    {"op": "same", "left_entry": 4, "right_entry": 4}])";
} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void filesAsJson();
    void filesAsTsv();
    void withoutFormatOpensTheWindow();
    void runsFromServerAreFetchedWhole();
    void failures_data();
    void failures();
    void usageErrors_data();
    void usageErrors();

private:
    CliRun runCli(const QStringList &args);
    QString writeFile(const char *name, const char *contents);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliCompare::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CliRun TestCliCompare::runCli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CODEGEN_API_TOKEN", "CODEGEN_ORG_ID",
                             "CODEGEN_API_BASE_URL"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("HOME"), m_dir->path()); // a library of its own
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    return runToEnd(QStringLiteral(RUNLOG_BINARY), args, env);
}

QString TestCliCompare::writeFile(const char *name, const char *contents)
{
    const QString path = m_dir->filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(contents);
    return path;
}

void TestCliCompare::filesAsJson()
{
    const QString left = writeFile("left.jsonl", kLeftJsonl);
    const QString right = writeFile("right.jsonl", kRightJsonl);
    const CliRun result = runCli({QStringLiteral("--compare"), left, right, QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.code() == 0, result.err.constData());
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(root.value(QStringLiteral("left")).toObject(),
             (QJsonObject{{QStringLiteral("source"), left}, {QStringLiteral("entries"), 4}, {QStringLiteral("errors"), 1},
                          {QStringLiteral("duration_seconds"), 60}}));
    QCOMPARE(root.value(QStringLiteral("right")).toObject(),
             (QJsonObject{{QStringLiteral("source"), right}, {QStringLiteral("entries"), 4}, {QStringLiteral("errors"), 0},
                          {QStringLiteral("duration_seconds"), 120}}));
    QCOMPARE(root.value(QStringLiteral("first_divergence")).toObject(),
             QJsonDocument::fromJson(R"({"left_entry": 2, "right_entry": 2})").object());
    QCOMPARE(root.value(QStringLiteral("counts")).toObject(),
             QJsonDocument::fromJson(R"({"same": 2, "changed": 1, "only_left": 1, "only_right": 1})").object());
    QCOMPARE(root.value(QStringLiteral("steps")).toArray(), QJsonDocument::fromJson(kExpectedSteps).array());
    QCOMPARE(root.value(QStringLiteral("tools")).toObject(), QJsonDocument::fromJson(R"({
        "edit_file": {"left": 1, "right": 1}, "run_bash_command": {"left": 2, "right": 2},
        "view_file": {"left": 0, "right": 1}})").object());
    QCOMPARE(root.value(QStringLiteral("message_types")).toObject(), QJsonDocument::fromJson(R"({
        "ACTION": {"left": 3, "right": 4}, "ERROR": {"left": 1, "right": 0}})").object());
    QCOMPARE(root.keys().size(), 7);
}

void TestCliCompare::filesAsTsv()
{
    // --format tsv prints (without --format the comparison opens a window); the file as the user
    // wrote it is the source.
    writeFile("left.jsonl", kLeftJsonl);
    writeFile("right.jsonl", kRightJsonl);
    const QString left = m_dir->filePath(QStringLiteral("left.jsonl"));
    const QString right = m_dir->filePath(QStringLiteral("right.jsonl"));
    const CliRun result = runCli({left, QStringLiteral("--compare"), right, QStringLiteral("--format"), QStringLiteral("tsv")});
    QVERIFY2(result.code() == 0, result.err.constData());
    const QByteArray expected = "side\tleft\t4\t1\t60.000\t" + left.toUtf8() + "\n"
        "side\tright\t4\t0\t120.000\t" + right.toUtf8() + "\n"
        "first_divergence\t2\t2\n"
        "count\tsame\t2\n"
        "count\tchanged\t1\n"
        "count\tonly_left\t1\n"
        "count\tonly_right\t1\n"
        "tool\t1\t1\tedit_file\n"
        "tool\t2\t2\trun_bash_command\n"
        "tool\t0\t1\tview_file\n"
        "message_type\t3\t4\tACTION\n"
        "message_type\t1\t0\tERROR\n"
        "changed\t2\t2\n"
        "only_left\t3\t\n"
        "only_right\t\t3\n";
    QCOMPARE(result.out, expected);
}

// Without --format the comparison is shown, not printed: on the offscreen platform the program
// keeps running (its window open) and writes nothing on stdout.
void TestCliCompare::withoutFormatOpensTheWindow()
{
    const QString left = writeFile("left.jsonl", kLeftJsonl);
    const QString right = writeFile("right.jsonl", kRightJsonl);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), m_dir->path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    QProcess runlog;
    runlog.setProcessEnvironment(env);
    runlog.start(QStringLiteral(RUNLOG_BINARY), {QStringLiteral("--compare"), left, right});
    QVERIFY(runlog.waitForStarted());
    QVERIFY2(!runlog.waitForFinished(2000), runlog.readAllStandardError().constData());
    QCOMPARE(runlog.state(), QProcess::Running);
    QVERIFY(runlog.readAllStandardOutput().isEmpty());
    runlog.kill();
    runlog.waitForFinished();
}

// Runs of the server's (samplerun.h): entry N has the same type, tool, input and thought in every
// run, so run 43's 240 entries are run 42's first 240: 240 same steps, then 10 only_left. Left
// named by its ID (of --org), right by its web URL; then the same again from the library alone.
void TestCliCompare::runsFromServerAreFetchedWhole()
{
    m_server->addRun(makeRun(7, 42, 250));
    m_server->addRun(makeRun(7, 43, 240));
    const QStringList args{QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--org"),
                           QStringLiteral("7"), QStringLiteral("--compare"), QStringLiteral("42"),
                           QStringLiteral("https://codegen.com/agent/trace/43"), QStringLiteral("--format"), QStringLiteral("json")};
    const CliRun result = runCli(args);
    QVERIFY2(result.code() == 0, result.err.constData());
    const QJsonObject root = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(root.value(QStringLiteral("left")).toObject(),
             (QJsonObject{{QStringLiteral("source"), QStringLiteral("42")}, {QStringLiteral("entries"), 250},
                          {QStringLiteral("errors"), 0}, {QStringLiteral("duration_seconds"), 249}}));
    QCOMPARE(root.value(QStringLiteral("right")).toObject(),
             (QJsonObject{{QStringLiteral("source"), QStringLiteral("https://codegen.com/agent/trace/43")},
                          {QStringLiteral("entries"), 240}, {QStringLiteral("errors"), 0}, {QStringLiteral("duration_seconds"), 239}}));
    QCOMPARE(root.value(QStringLiteral("first_divergence")).toObject(),
             QJsonDocument::fromJson(R"({"left_entry": 241, "right_entry": 241})").object());
    QCOMPARE(root.value(QStringLiteral("counts")).toObject(),
             QJsonDocument::fromJson(R"({"same": 240, "changed": 0, "only_left": 10, "only_right": 0})").object());
    const QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
    QCOMPARE(steps.size(), 250);
    QCOMPARE(steps.at(239).toObject(), QJsonDocument::fromJson(R"({"op": "same", "left_entry": 240, "right_entry": 240})").object());
    QCOMPARE(steps.at(240).toObject(), QJsonDocument::fromJson(R"({"op": "only_left", "left_entry": 241, "right_entry": null})").object());
    QCOMPARE(root.value(QStringLiteral("tools")).toObject(), QJsonDocument::fromJson(R"({"bash": {"left": 125, "right": 120}})").object());
    const int requests = int(m_server->requestLog().size());
    QCOMPARE(requests, 3 + 3); // each run whole, in pages of 100

    // Both runs are in the library now: --offline compares them without a request.
    const CliRun offline = runCli(QStringList(args) << QStringLiteral("--offline"));
    QVERIFY2(offline.code() == 0, offline.err.constData());
    QCOMPARE(offline.out, result.out);
    QCOMPARE(int(m_server->requestLog().size()), requests);
}

void TestCliCompare::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("a missing file") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("DIR/missing.jsonl"),
                                                   QStringLiteral("--format"), QStringLiteral("tsv")};
    QTest::addRow("an unknown run") << QStringList{QStringLiteral("--base-url"), QStringLiteral("SERVER"), QStringLiteral("--org"),
                                                   QStringLiteral("7"), QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("999"),
                                                   QStringLiteral("--format"), QStringLiteral("tsv")};
}

void TestCliCompare::failures()
{
    QFETCH(QStringList, args);
    args.replaceInStrings(QStringLiteral("LEFT"), writeFile("left.jsonl", kLeftJsonl));
    args.replaceInStrings(QStringLiteral("DIR"), m_dir->path());
    args.replaceInStrings(QStringLiteral("SERVER"), m_server->baseUrl().toString());
    const CliRun result = runCli(args);
    QCOMPARE(result.code(), 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains("runlog: error: "), result.err.constData());
}

void TestCliCompare::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("one run") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT")};
    QTest::addRow("three runs") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("RIGHT"), QStringLiteral("LEFT")};
    QTest::addRow("with --export") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("RIGHT"),
                                                  QStringLiteral("--export"), QStringLiteral("out.json")};
    QTest::addRow("with --stats") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("RIGHT"), QStringLiteral("--stats")};
    QTest::addRow("with --run") << QStringList{QStringLiteral("--org"), QStringLiteral("7"), QStringLiteral("--run"), QStringLiteral("42"),
                                               QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("RIGHT")};
    QTest::addRow("unknown format") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("RIGHT"),
                                                   QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::addRow("a run of no organization") << QStringList{QStringLiteral("--compare"), QStringLiteral("LEFT"), QStringLiteral("42")};
}

void TestCliCompare::usageErrors()
{
    QFETCH(QStringList, args);
    args.replaceInStrings(QStringLiteral("LEFT"), writeFile("left.jsonl", kLeftJsonl));
    args.replaceInStrings(QStringLiteral("RIGHT"), writeFile("right.jsonl", kRightJsonl));
    const CliRun result = runCli(args);
    QCOMPARE(result.code(), 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.startsWith("runlog: "), result.err.constData());
    QCOMPARE(m_server->requestLog().size(), 0);
}

QTEST_MAIN(TestCliCompare)
#include "tst_clicompare.moc"
