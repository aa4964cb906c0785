// SPDX-License-Identifier: MIT
// The real `runlog` binary with --export, without any display, against the spec server in this
// process: whole runs fetched through the paced loader, every format, files converted, and the
// exit code and single stderr line of every failure. The token never shows anywhere.
#include "exporttesthelpers.h"

#include "runfile/runfilereader.h"
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;
const QByteArray kSecret = QByteArrayLiteral("sk-test-SECRET-6d1f0c9e");

struct CliResult
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

TestLogServer::Interceptor totalRewriter(TestLogServer *server, const QByteArray &replacement)
{
    return [server, replacement](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = server->endpoint().handle(request);
        if (response.status == 200) {
            static const QRegularExpression total(QStringLiteral("\"total_logs\":\\s*(null|\\d+)"));
            QString body = QString::fromUtf8(response.body);
            body.replace(total, QStringLiteral("\"total_logs\":") + QString::fromUtf8(replacement));
            response.body = body.toUtf8();
        }
        return response;
    };
}
} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void bigRunAsJsonEqualsServer();
    void everyFormatFromServer_data();
    void everyFormatFromServer();
    void formatOptionOverridesExtension();
    void missingOrWrongTotalStillExportsExactlyN_data();
    void missingOrWrongTotalStillExportsExactlyN();
    void convertsFiles();
    void otherRunEntriesNamedOnStderr_data();
    void otherRunEntriesNamedOnStderr();
    void reverseExportsOldestFirst();
    void httpErrors_data();
    void httpErrors();
    void networkFailure();
    void badInputFile();
    void unknownFormat();
    void pipeOverTheLimitPeaksNearTheLimit();

private:
    CliResult runCli(const QStringList &args, const QByteArray &token = QByteArray(), int timeoutMs = 60000);
    QProcessEnvironment childEnvironment() const;
    QStringList serverArgs(const QString &out, qint64 org = kOrg, qint64 run = kRun) const;
    void verifyJsonlEqualsServer(const QString &path);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliExport::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliExport::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QProcessEnvironment TestCliExport::childEnvironment() const
{
    // No display of any kind: --export must not need one; the library and settings in the test's folder.
    return cliEnvironment(m_dir->path());
}

CliResult TestCliExport::runCli(const QStringList &args, const QByteArray &token, int timeoutMs)
{
    QProcessEnvironment env = childEnvironment();
    if (!token.isEmpty())
        env.insert(QStringLiteral("CODEGEN_API_TOKEN"), QString::fromUtf8(token));
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), args, env, timeoutMs);
    return {run.exitCode, run.status, QString::fromUtf8(run.out), QString::fromUtf8(run.err)};
}

QStringList TestCliExport::serverArgs(const QString &out, qint64 org, qint64 run) const
{
    return {QStringLiteral("--org"), QString::number(org), QStringLiteral("--run"), QString::number(run),
            QStringLiteral("--base-url"), m_server->baseUrl().toString(), QStringLiteral("--rate-limit"),
            QStringLiteral("1000/60"), QStringLiteral("--export"), out};
}

void TestCliExport::verifyJsonlEqualsServer(const QString &path)
{
    QCOMPARE(ExportTest::readFile(path), ExportTest::linesOf(m_server->run(kRun)->entries));
}

void TestCliExport::bigRunAsJsonEqualsServer()
{
    m_server->addRun(makeRun(kOrg, kRun, 12000));
    const QString out = m_dir->filePath(QStringLiteral("run.json"));
    const CliResult result = runCli(serverArgs(out));
    QVERIFY2(result.exitCode == 0 && result.status == QProcess::NormalExit, qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(QStringLiteral("wrote 12,000 entries")), qPrintable(result.err));
    // 120 pages of 100, each asked once, in order.
    QCOMPARE(m_server->requestCount(), 121); // plus the look past the counted end
    const auto entries = m_server->run(kRun)->entries;

    // An independent parser: python3's json module, entry by entry.
    EXPORTTEST_REQUIRE_PYTHON();
    const QString ref = m_dir->filePath(QStringLiteral("ref.jsonl"));
    QVERIFY(ExportTest::writeFile(ref, ExportTest::linesOf(entries)));
    const ExportTest::PythonResult check = ExportTest::runPython(
        QString::fromUtf8(ExportTest::kPythonJsonCheck),
        {out, ref, QStringLiteral("id=42"), QStringLiteral("organization_id=7"), QStringLiteral("status=\"COMPLETE\"")});
    QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    // Byte for byte, and what `runlog FILE.json` opens: the same entries through RunFileReader.
    RunFileReader reader;
    QList<QByteArray> raw;
    QList<LogEntry> kept; // the bytes are slices of the file: their entries keep it mapped
    connect(&reader, &RunFileReader::entriesRead, this, [&raw, &kept](const QList<LogEntry> &batch) {
        kept += batch;
        for (const LogEntry &e : batch)
            raw << e.rawJson;
    });
    QSignalSpy finished(&reader, &RunFileReader::finished);
    QVERIFY(reader.start(out));
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(raw, entries);
    QCOMPARE(reader.runInfo().id, kRun);
}

void TestCliExport::everyFormatFromServer_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"run.json", "run.jsonl", "run.csv", "run.md", "run.html"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

void TestCliExport::everyFormatFromServer()
{
    QFETCH(QString, name);
    m_server->addRun(makeAwkwardRun(kOrg, kRun));
    const QString out = m_dir->filePath(name);
    const CliResult result = runCli(serverArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QByteArray bytes = ExportTest::readFile(out);
    const auto entries = m_server->run(kRun)->entries;
    const QString ref = m_dir->filePath(QStringLiteral("ref.jsonl"));
    QVERIFY(ExportTest::writeFile(ref, ExportTest::linesOf(entries)));
    if (name.endsWith(QLatin1String(".jsonl"))) {
        verifyJsonlEqualsServer(out);
    } else if (name.endsWith(QLatin1String(".json"))) {
        const PageParseResult parsed = PageParser::parse(bytes);
        QVERIFY2(parsed.ok, qPrintable(parsed.error));
        QCOMPARE(parsed.page.entries.size(), entries.size());
        for (qsizetype i = 0; i < entries.size(); ++i)
            QCOMPARE(parsed.page.entries.at(i).rawJson, entries.at(i));
        EXPORTTEST_REQUIRE_PYTHON();
        const ExportTest::PythonResult check = ExportTest::runPython(
            QString::fromUtf8(ExportTest::kPythonJsonCheck), {out, ref, QStringLiteral("id=42")});
        QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    } else if (name.endsWith(QLatin1String(".csv"))) {
        EXPORTTEST_REQUIRE_PYTHON();
        const ExportTest::PythonResult check = ExportTest::runPython(QString::fromUtf8(ExportTest::kPythonCsvCheck), {out, ref});
        QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    } else if (name.endsWith(QLatin1String(".md"))) {
        QCOMPARE(bytes.count("\n## "), entries.size());
    } else if (name.endsWith(QLatin1String(".html"))) {
        QCOMPARE(bytes.count("<details"), entries.size());
        QVERIFY(!bytes.toLower().contains("<script"));
    }
}

void TestCliExport::formatOptionOverridesExtension()
{
    m_server->addRun(makeRun(kOrg, kRun, 3));
    const QString out = m_dir->filePath(QStringLiteral("run.txt"));
    const CliResult result = runCli(serverArgs(out) + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(ExportTest::readFile(out).startsWith("\xEF\xBB\xBFindex,created_at,message_type,tool_name,thought,observation,tool_input,tool_output,other_run_id\r\n"));
    // --csv-bom=no: for scripts, the same file without the byte order mark.
    const QString plain = m_dir->filePath(QStringLiteral("plain.csv"));
    const CliResult noMark = runCli(serverArgs(plain) + QStringList{QStringLiteral("--csv-bom=no")});
    QVERIFY2(noMark.exitCode == 0, qPrintable(noMark.err));
    QCOMPARE(QByteArray("\xEF\xBB\xBF") + ExportTest::readFile(plain), ExportTest::readFile(out));
}

void TestCliExport::missingOrWrongTotalStillExportsExactlyN_data()
{
    QTest::addColumn<int>("entries");
    QTest::addColumn<QByteArray>("total");
    QTest::addRow("null") << 250 << QByteArray("null");
    QTest::addRow("too high") << 250 << QByteArray("1000");
    QTest::addRow("too low") << 350 << QByteArray("120");
    QTest::addRow("too low by whole pages") << 300 << QByteArray("200");
    QTest::addRow("null, a multiple of the page") << 200 << QByteArray("null");
}

void TestCliExport::missingOrWrongTotalStillExportsExactlyN()
{
    QFETCH(int, entries);
    QFETCH(QByteArray, total);
    m_server->addRun(makeRun(kOrg, kRun, entries));
    m_server->setInterceptor(totalRewriter(m_server.get(), total));
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    const CliResult result = runCli(serverArgs(out));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    verifyJsonlEqualsServer(out);
}

void TestCliExport::convertsFiles()
{
    m_server->addRun(makeAwkwardRun(kOrg, kRun));
    const auto entries = m_server->run(kRun)->entries;
    const QString json = m_dir->filePath(QStringLiteral("run.json"));
    CliResult result = runCli(serverArgs(json));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // json -> jsonl -> json -> csv: the entries never change.
    const QString jsonl = m_dir->filePath(QStringLiteral("run.jsonl"));
    result = runCli({json, QStringLiteral("--export"), jsonl});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    verifyJsonlEqualsServer(jsonl);
    if (QTest::currentTestFailed())
        return;
    const QString back = m_dir->filePath(QStringLiteral("back.json"));
    result = runCli({jsonl, QStringLiteral("--export"), back});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // A .jsonl has no run fields, so the .json made from it has none either: only its entries.
    const QByteArray backBytes = ExportTest::readFile(back);
    QVERIFY2(backBytes.startsWith("{\n  \"total_logs\": " + QByteArray::number(entries.size()) + ",\n  \"logs\": ["),
             backBytes.left(80).constData());
    const PageParseResult parsed = PageParser::parse(QByteArray(backBytes).replace("\"total_logs\"", "\"id\": 1, \"organization_id\": 1, \"total_logs\""));
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.page.entries.size(), entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i)
        QCOMPARE(parsed.page.entries.at(i).rawJson, entries.at(i));

    const QString csv = m_dir->filePath(QStringLiteral("run.csv"));
    result = runCli({json, QStringLiteral("--export"), csv});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // Read back by python3's csv module against the server's entries...
    EXPORTTEST_REQUIRE_PYTHON();
    const QString ref = m_dir->filePath(QStringLiteral("ref.jsonl"));
    QVERIFY(ExportTest::writeFile(ref, ExportTest::linesOf(entries)));
    const ExportTest::PythonResult check = ExportTest::runPython(QString::fromUtf8(ExportTest::kPythonCsvCheck), {csv, ref});
    QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    // ...and byte for byte the CSV written straight from the server.
    const QString direct = m_dir->filePath(QStringLiteral("direct.csv"));
    result = runCli(serverArgs(direct));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QByteArray directBytes = ExportTest::readFile(direct);
    QVERIFY(directBytes.size() > 3 * 1024 * 1024);
    QCOMPARE(ExportTest::readFile(csv), directBytes);
}

// --reverse is a view: an export is the whole run, oldest first, whatever it says.
void TestCliExport::reverseExportsOldestFirst()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    const QString out = m_dir->filePath(QStringLiteral("run.jsonl"));
    const CliResult result = runCli(serverArgs(out) + QStringList{QStringLiteral("--reverse")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QByteArray expected;
    for (int n = 0; n < 250; ++n)
        expected += makeSampleEntry(kRun, n) + '\n';
    QCOMPARE(ExportTest::readFile(out), expected);
    QVERIFY2(result.err.contains(QStringLiteral("wrote 250 entries")), qPrintable(result.err));
}

void TestCliExport::otherRunEntriesNamedOnStderr_data()
{
    QTest::addColumn<QList<int>>("otherRows"); // entries (from 0) the server says are of run 99
    QTest::addColumn<QString>("warning");
    QTest::addRow("two")
        << QList<int>{2, 150}
        << QStringLiteral("runlog: warning: 2 entries of another run than run 42, kept in place (marked in csv, md and "
                          "html): entry 3 (run 99), entry 151 (run 99)");
    QList<int> twelve;
    for (int row = 0; row < 12; ++row)
        twelve << row * 20;
    QTest::addRow("twelve: ten named")
        << twelve
        << QStringLiteral("runlog: warning: 12 entries of another run than run 42, kept in place (marked in csv, md and "
                          "html): entry 1 (run 99), entry 21 (run 99), entry 41 (run 99), entry 61 (run 99), entry 81 "
                          "(run 99), entry 101 (run 99), entry 121 (run 99), entry 141 (run 99), entry 161 (run 99), "
                          "entry 181 (run 99) and 2 more");
}

void TestCliExport::otherRunEntriesNamedOnStderr()
{
    QFETCH(QList<int>, otherRows);
    QFETCH(QString, warning);
    RunRecord run = makeRun(kOrg, kRun, 250);
    for (int row : otherRows)
        run.entries[row] = makeSampleEntry(99, row);
    m_server->addRun(run);
    const auto warningsIn = [](const CliResult &result) {
        return result.errLines().filter(QStringLiteral("warning"));
    };

    // Fetched from the server, into each format: the same one line.
    for (const QString &name : {QStringLiteral("run.json"), QStringLiteral("run.csv"), QStringLiteral("run.md")}) {
        const CliResult result = runCli(serverArgs(m_dir->filePath(name)));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(warningsIn(result), QStringList{warning});
    }
    // JSON stays exact: the entries as the server sent them, nothing marked.
    const PageParseResult parsed = PageParser::parse(ExportTest::readFile(m_dir->filePath(QStringLiteral("run.json"))));
    QVERIFY(parsed.ok);
    for (qsizetype i = 0; i < run.entries.size(); ++i)
        QCOMPARE(parsed.page.entries.at(i).rawJson, run.entries.at(i));
    if (ExportTest::havePython()) {
        const QString ref = m_dir->filePath(QStringLiteral("ref.jsonl"));
        QVERIFY(ExportTest::writeFile(ref, ExportTest::linesOf(run.entries)));
        const ExportTest::PythonResult check = ExportTest::runPython(
            QString::fromUtf8(ExportTest::kPythonCsvCheck), {m_dir->filePath(QStringLiteral("run.csv")), ref, QStringLiteral("42")});
        QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    }

    // Converted from the exported .json (the run is in the file): the same line again.
    CliResult result = runCli({m_dir->filePath(QStringLiteral("run.json")), QStringLiteral("--export"),
                               m_dir->filePath(QStringLiteral("converted.jsonl"))});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(warningsIn(result), QStringList{warning});
    // A .jsonl names no run: nothing to compare the entries with, no warning.
    result = runCli({m_dir->filePath(QStringLiteral("converted.jsonl")), QStringLiteral("--export"),
                     m_dir->filePath(QStringLiteral("again.csv"))});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(warningsIn(result), QStringList());
}

void TestCliExport::httpErrors_data()
{
    QTest::addColumn<qint64>("org");
    QTest::addColumn<qint64>("run");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expected");
    const QByteArray wrong = kSecret + "-wrong";
    QTest::addRow("401") << kOrg << kRun << wrong << "(HTTP 401";
    QTest::addRow("403") << qint64(99) << kRun << kSecret << "(HTTP 403: You do not have access to this organization.)";
    QTest::addRow("404") << kOrg << qint64(4040) << kSecret << "(HTTP 404: Agent run not found.)";
}

void TestCliExport::httpErrors()
{
    QFETCH(qint64, org);
    QFETCH(qint64, run);
    QFETCH(QByteArray, token);
    QFETCH(QString, expected);
    m_server->addRun(makeRun(kOrg, kRun, 150));
    m_server->setRequiredToken(kSecret);
    const QString out = m_dir->filePath(QStringLiteral("run.json"));
    QVERIFY(ExportTest::writeFile(out, "old"));
    const CliResult result = runCli(serverArgs(out, org, run), token);
    QCOMPARE(result.status, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.errLines();
    QVERIFY(!lines.isEmpty());
    QVERIFY2(lines.last().startsWith(QStringLiteral("runlog: error: ")) && lines.last().contains(expected), qPrintable(result.err));
    QCOMPARE(result.err.count(QStringLiteral("error")), 1);
    // The token is nowhere: not in any output, not in the (untouched) file.
    QVERIFY(!result.err.contains(QString::fromUtf8(kSecret)) && !result.out.contains(QString::fromUtf8(kSecret)));
    QVERIFY(!result.err.contains(QStringLiteral("SECRET")));
    QCOMPARE(ExportTest::readFile(out), QByteArray("old"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList({QStringLiteral("run.json")}));
}

void TestCliExport::networkFailure()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        port = closed.serverPort();
    }
    const QString out = m_dir->filePath(QStringLiteral("run.json"));
    QStringList args = serverArgs(out);
    args[args.indexOf(QStringLiteral("--base-url")) + 1] = QStringLiteral("http://127.0.0.1:%1").arg(port);
    // The loader retries a network failure a few times with backoff (about 7 s) before giving up.
    const CliResult result = runCli(args, kSecret, 60000);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errLines().last().contains(QStringLiteral("Could not reach the server")), qPrintable(result.err));
    QVERIFY(!result.err.contains(QString::fromUtf8(kSecret)));
    QVERIFY(!QFile::exists(out));
}

void TestCliExport::badInputFile()
{
    const QString in = m_dir->filePath(QStringLiteral("notes.json"));
    QVERIFY(ExportTest::writeFile(in, "{\"id\": 1, \"organization_id\": 2,\n \"logs\": [ oops ]}"));
    const QString out = m_dir->filePath(QStringLiteral("out.csv"));
    const CliResult result = runCli({in, QStringLiteral("--export"), out});
    QCOMPARE(result.exitCode, 1);
    const QString last = result.errLines().last();
    QVERIFY2(last.contains(QDir::toNativeSeparators(in)) && last.contains(QStringLiteral("line 2, column 12 (byte 43): log entry 0 is not an object")), qPrintable(last));
    QVERIFY(!QFile::exists(out));
}

void TestCliExport::unknownFormat()
{
    m_server->addRun(makeRun(kOrg, kRun, 3));
    CliResult result = runCli(serverArgs(m_dir->filePath(QStringLiteral("run.xml"))));
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errLines().last().contains(QStringLiteral("--format")), qPrintable(result.err));
    result = runCli(serverArgs(m_dir->filePath(QStringLiteral("run.json"))) + QStringList{QStringLiteral("--format"), QStringLiteral("pdf")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errLines().last().contains(QStringLiteral("\"pdf\"")), qPrintable(result.err));
    QCOMPARE(m_server->requestCount(), 0);
}

namespace {
struct MeasuredRun
{
    int exitCode = -1;
    QString err;
    qint64 maxRssKb = -1; // the child's own peak resident set, from wait4()
};

// The binary run as a plain child, so that wait4() gives this child's peak memory alone (QProcess
// reaps its children itself, and RUSAGE_CHILDREN is the largest of every child so far). A
// watchdog kills it after a long while so that a hang fails the test instead of stalling it.
MeasuredRun runMeasured(const QStringList &args, const QString &errPath, const QProcessEnvironment &env)
{
    QList<QByteArray> envStorage;
    for (const QString &pair : env.toStringList())
        envStorage.append(pair.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &pair : envStorage)
        envp.push_back(pair.data());
    envp.push_back(nullptr);
    QList<QByteArray> storage{QByteArrayLiteral(RUNLOG_BINARY)};
    for (const QString &arg : args)
        storage.append(QFile::encodeName(arg));
    std::vector<char *> argv;
    for (QByteArray &arg : storage)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const QByteArray err = QFile::encodeName(errPath);
    posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    MeasuredRun result;
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv.front(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return result;
    std::promise<void> ended;
    std::thread watchdog([pid, done = ended.get_future()] {
        if (done.wait_for(std::chrono::seconds(120)) == std::future_status::timeout)
            ::kill(pid, SIGKILL);
    });
    int status = 0;
    struct rusage usage = {};
    const pid_t waited = ::wait4(pid, &status, 0, &usage);
    ended.set_value();
    watchdog.join();
    if (waited == pid && WIFEXITED(status)) {
        result.exitCode = WEXITSTATUS(status);
        result.maxRssKb = usage.ru_maxrss;
    }
    QFile errFile(errPath);
    if (errFile.open(QIODevice::ReadOnly))
        result.err = QString::fromUtf8(errFile.readAll());
    return result;
}
} // namespace

// Input that cannot be mapped is read into memory up to RunFileReader::kMaxUnmappedBytes and
// refused past it. Reading it must hold about the limit, not the twice the limit a buffer grown by
// appending held while it copied itself (1.07 GB for 512 MB). A FIFO fed with more than the limit:
// the refusal, and the child's peak within the limit and a margin for the process itself.
void TestCliExport::pipeOverTheLimitPeaksNearTheLimit()
{
    const QString fifoPath = m_dir->filePath(QStringLiteral("big.jsonl"));
    const QByteArray fifo = QFile::encodeName(fifoPath);
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    ::signal(SIGPIPE, SIG_IGN); // the reader refuses and closes the pipe while we write
    const qint64 toWrite = RunFileReader::kMaxUnmappedBytes + (64LL << 20);
    std::atomic<qint64> written{0};
    std::thread writer([&] {
        const int fd = ::open(fifo.constData(), O_WRONLY);
        if (fd < 0)
            return;
        const QByteArray chunk(1 << 20, ' ');
        while (written < toWrite) {
            const ssize_t wrote = ::write(fd, chunk.constData(), size_t(chunk.size()));
            if (wrote <= 0)
                break;
            written += wrote;
        }
        ::close(fd);
    });
    const MeasuredRun result = runMeasured({fifoPath, QStringLiteral("--export"), m_dir->filePath(QStringLiteral("out.jsonl"))},
                                           m_dir->filePath(QStringLiteral("err.txt")), childEnvironment());
    // A child that never opened the FIFO leaves the writer waiting in open(): let it through.
    const int unblock = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    writer.join();
    if (unblock >= 0)
        ::close(unblock);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("larger than the 512.00 MiB Runlog reads into memory")), qPrintable(result.err));
    QVERIFY(written > RunFileReader::kMaxUnmappedBytes);
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("out.jsonl"))));
#if defined(__SANITIZE_ADDRESS__)
    // Under AddressSanitizer the peak is the sanitizer's too (its allocator keeps freed memory in
    // quarantine, and shadows every byte): the bound speaks of Runlog's own memory, measured in
    // the dev build.
    QSKIP("the peak of a binary built with AddressSanitizer is not Runlog's own");
#endif
    const qint64 limitKb = RunFileReader::kMaxUnmappedBytes / 1024;
    const qint64 marginKb = 96 * 1024; // the process itself: Qt, the library, code
    QVERIFY2(result.maxRssKb > 0 && result.maxRssKb <= limitKb + marginKb,
             qPrintable(QStringLiteral("peak %1 kB, limit %2 kB").arg(result.maxRssKb).arg(limitKb)));
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
