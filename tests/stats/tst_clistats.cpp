// SPDX-License-Identifier: MIT
// `runlog SOURCE --stats` as a script runs it: the real binary, no display, on a file and on a
// run fetched from the spec server in this process. Expected numbers are worked out by hand
// from the entries written here.
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

// Six entries: both timestamp forms, one unparsable time, null and missing tools, ERROR in two
// casings.
const char kRunJsonl[] =
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"PLAN_EVALUATION","tool_name":null,"thought":"plan"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01 00:00:10.500000","message_type":"ACTION","tool_name":"bash"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:01:10.500Z","message_type":"ACTION","tool_name":"bash"})" "\n"
    R"({"agent_run_id":1,"created_at":"not a time","message_type":"error","tool_name":"read_file"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:02:00Z","message_type":"ERROR","tool_name":"read_file"})" "\n"
    R"({"agent_run_id":1,"created_at":"2025-01-01T00:02:30Z","message_type":"FINAL_ANSWER"})" "\n";
} // namespace

class TestCliStats : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void fileAsJson();
    void fileAsTsv();
    void runFromServerAsJson();
    void failures_data();
    void failures();
    void httpErrorIsOneLine();

private:
    CliResult runCli(const QStringList &args);
    QString writeRunFile();

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliStats::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CliResult TestCliStats::runCli(const QStringList &args)
{
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir->path())); // a library of its own
    return {run.code(), run.out, QString::fromUtf8(run.err)};
}

QString TestCliStats::writeRunFile()
{
    const QString path = m_dir->filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(kRunJsonl);
    return path;
}

void TestCliStats::fileAsJson()
{
    const CliResult result = runCli({writeRunFile(), QStringLiteral("--stats"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QJsonParseError error;
    const QJsonObject stats = QJsonDocument::fromJson(result.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

    QCOMPARE(stats.value(QStringLiteral("entries")).toInt(), 6);
    const QJsonObject types{{QStringLiteral("PLAN_EVALUATION"), 1}, {QStringLiteral("ACTION"), 2},
                            {QStringLiteral("error"), 1}, {QStringLiteral("ERROR"), 1}, {QStringLiteral("FINAL_ANSWER"), 1}};
    QCOMPARE(stats.value(QStringLiteral("message_types")).toObject(), types);
    const QJsonObject tools{{QStringLiteral("bash"), 2}, {QStringLiteral("read_file"), 2}};
    QCOMPARE(stats.value(QStringLiteral("tools")).toObject(), tools);
    QCOMPARE(stats.value(QStringLiteral("entries_without_tool")).toInt(), 2);
    QCOMPARE(stats.value(QStringLiteral("entries_without_message_type")).toInt(), 0);
    QCOMPARE(stats.value(QStringLiteral("errors")).toInt(), 2);
    QCOMPARE(stats.value(QStringLiteral("error_entries")).toArray(), (QJsonArray{4, 5}));
    QCOMPARE(stats.value(QStringLiteral("entries_without_time")).toInt(), 1);
    QCOMPARE(stats.value(QStringLiteral("duration_seconds")).toDouble(), 150.0);
    // bash: entry 2 -> 3 is 60 s, entry 3 -> 4 has no time; read_file: 4 has no time, 5 -> 6 is 30 s.
    const QJsonObject toolTime{{QStringLiteral("bash"), 60.0}, {QStringLiteral("read_file"), 30.0}};
    QCOMPARE(stats.value(QStringLiteral("time_per_tool_seconds")).toObject(), toolTime);
    const QJsonArray gaps = stats.value(QStringLiteral("longest_gaps")).toArray();
    QCOMPARE(gaps.size(), 3);
    QCOMPARE(gaps[0].toObject().value(QStringLiteral("after_entry")).toInt(), 2);
    QCOMPARE(gaps[0].toObject().value(QStringLiteral("seconds")).toDouble(), 60.0);
    QCOMPARE(gaps[0].toObject().value(QStringLiteral("from")).toString(), QStringLiteral("2025-01-01T00:00:10.500Z"));
    QCOMPARE(gaps[1].toObject().value(QStringLiteral("after_entry")).toInt(), 5);
    QCOMPARE(gaps[1].toObject().value(QStringLiteral("seconds")).toDouble(), 30.0);
    QCOMPARE(gaps[2].toObject().value(QStringLiteral("after_entry")).toInt(), 1);
    QCOMPARE(gaps[2].toObject().value(QStringLiteral("seconds")).toDouble(), 10.5);
    const QJsonObject rate = stats.value(QStringLiteral("entries_per_minute")).toObject();
    QCOMPARE(rate.value(QStringLiteral("start")).toString(), QStringLiteral("2025-01-01T00:00:00.000Z"));
    QCOMPARE(rate.value(QStringLiteral("bucket_seconds")).toDouble(), 60.0);
    QCOMPARE(rate.value(QStringLiteral("counts")).toArray(), (QJsonArray{2, 1, 2}));
}

void TestCliStats::fileAsTsv()
{
    // tsv is the default.
    const CliResult result = runCli({writeRunFile(), QStringLiteral("--stats")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QList<QByteArray> lines = result.out.split('\n');
    QVERIFY(lines.contains("entries\t\t6"));
    QVERIFY(lines.contains("message_type\tACTION\t2"));
    QVERIFY(lines.contains("tool\tbash\t2"));
    QVERIFY(lines.contains("errors\t\t2"));
    QVERIFY(lines.contains("duration_seconds\t\t150.000"));
    QVERIFY(lines.contains("time_per_tool_seconds\tbash\t60.000"));
    QVERIFY(lines.contains("gap_after_entry\t2\t60.000"));
    for (const QByteArray &line : lines) {
        if (!line.isEmpty())
            QCOMPARE(line.count('\t'), 2);
    }
}

void TestCliStats::runFromServerAsJson()
{
    // makeRun: entry N at 00:00:00 + N s; odd N are ACTION with tool bash, even N PLAN_EVALUATION
    // without a tool.
    m_server->addRun(makeRun(kOrg, kRun, 250));
    const CliResult result = runCli({QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--run"),
                                     QString::number(kRun), QStringLiteral("--base-url"), m_server->baseUrl().toString(),
                                     QStringLiteral("--rate-limit"), QStringLiteral("1000/60"), QStringLiteral("--stats"),
                                     QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject stats = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(stats.value(QStringLiteral("entries")).toInt(), 250);
    QCOMPARE(stats.value(QStringLiteral("message_types")).toObject(),
             (QJsonObject{{QStringLiteral("ACTION"), 125}, {QStringLiteral("PLAN_EVALUATION"), 125}}));
    QCOMPARE(stats.value(QStringLiteral("tools")).toObject(), (QJsonObject{{QStringLiteral("bash"), 125}}));
    QCOMPARE(stats.value(QStringLiteral("errors")).toInt(), 0);
    QCOMPARE(stats.value(QStringLiteral("duration_seconds")).toDouble(), 249.0);
    // Odd entries 1..247 each have a next entry one second later; 249 is the last.
    QCOMPARE(stats.value(QStringLiteral("time_per_tool_seconds")).toObject(), (QJsonObject{{QStringLiteral("bash"), 124.0}}));
    const QJsonArray gaps = stats.value(QStringLiteral("longest_gaps")).toArray();
    QCOMPARE(gaps.size(), 10);
    for (int i = 0; i < 10; ++i) // all 1 s: the earliest first
        QCOMPARE(gaps[i].toObject().value(QStringLiteral("after_entry")).toInt(), i + 1);
    QCOMPARE(stats.value(QStringLiteral("entries_per_minute")).toObject().value(QStringLiteral("counts")).toArray(),
             (QJsonArray{60, 60, 60, 60, 10}));
    QVERIFY(!result.err.contains(QLatin1String("error")));
}

void TestCliStats::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addRow("unknown format") << QStringList{QStringLiteral("@FILE"), QStringLiteral("--stats"), QStringLiteral("--format"), QStringLiteral("csv")} << 2;
    QTest::addRow("with --export") << QStringList{QStringLiteral("@FILE"), QStringLiteral("--stats"), QStringLiteral("--export"), QStringLiteral("x.json")} << 2;
    QTest::addRow("no source") << QStringList{QStringLiteral("--stats")} << 2;
    QTest::addRow("missing file") << QStringList{QStringLiteral("/nonexistent/run.jsonl"), QStringLiteral("--stats")} << 1;
}

void TestCliStats::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const QString file = writeRunFile();
    args.replaceInStrings(QStringLiteral("@FILE"), file);
    const CliResult result = runCli(args);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.startsWith(QLatin1String("runlog: ")), qPrintable(result.err));
}

void TestCliStats::httpErrorIsOneLine()
{
    m_server->addRun(makeRun(kOrg, kRun, 5)); // the organization exists; run 999 does not
    const CliResult result = runCli({QStringLiteral("--org"), QString::number(kOrg), QStringLiteral("--run"),
                                     QStringLiteral("999"), QStringLiteral("--base-url"), m_server->baseUrl().toString(),
                                     QStringLiteral("--stats")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    const QStringList lines = result.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(!lines.isEmpty() && lines.last().startsWith(QLatin1String("runlog: error: ")), qPrintable(result.err));
    QVERIFY2(lines.last().contains(QLatin1String("404")), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
