// The real `runlog` binary with --export, without any display, against the spec server in this
// process: whole runs fetched through the paced loader, every format, files converted, and the
// exit code and single stderr line of every failure. The token never shows anywhere.
#include "exporttesthelpers.h"

#include "export/runfilereader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

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
    void httpErrors_data();
    void httpErrors();
    void networkFailure();
    void badInputFile();
    void unknownFormat();

private:
    CliResult runCli(const QStringList &args, const QByteArray &token = QByteArray(), int timeoutMs = 60000);
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

CliResult TestCliExport::runCli(const QStringList &args, const QByteArray &token, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display of any kind: --export must not need one.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CODEGEN_API_TOKEN", "CODEGEN_ORG_ID",
                             "CODEGEN_API_BASE_URL"})
        env.remove(QString::fromLatin1(name));
    if (!token.isEmpty())
        env.insert(QStringLiteral("CODEGEN_API_TOKEN"), QString::fromUtf8(token));
    // The library of runs lives in this test's folder, never in the user's (and the settings:
    // in the test's folder too).
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(RUNLOG_BINARY), args);
    CliResult result;
    // The server lives in this thread's event loop: wait with the loop running.
    if (!process.waitForStarted(10000) || !finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.exitCode = process.exitCode();
    result.status = process.exitStatus();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
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
    if (ExportTest::havePython()) {
        const QString ref = m_dir->filePath(QStringLiteral("ref.jsonl"));
        QVERIFY(ExportTest::writeFile(ref, ExportTest::linesOf(entries)));
        const ExportTest::PythonResult check = ExportTest::runPython(
            QString::fromUtf8(ExportTest::kPythonJsonCheck),
            {out, ref, QStringLiteral("id=42"), QStringLiteral("organization_id=7"), QStringLiteral("status=\"COMPLETE\"")});
        QVERIFY2(check.exitCode == 0 && check.output == QLatin1String("OK"), qPrintable(check.output));
    }
    // Byte for byte, and what `runlog FILE.json` opens: the same entries through RunFileReader.
    RunFileReader reader;
    QList<QByteArray> raw;
    connect(&reader, &RunFileReader::entriesRead, this, [&raw](const QList<LogEntry> &batch) {
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
        QVERIFY(parsed.ok);
        for (qsizetype i = 0; i < entries.size(); ++i)
            QCOMPARE(parsed.page.entries.at(i).rawJson, entries.at(i));
    } else if (name.endsWith(QLatin1String(".csv")) && ExportTest::havePython()) {
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
    QVERIFY(ExportTest::readFile(out).startsWith("index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output\r\n"));
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
    const QString json = m_dir->filePath(QStringLiteral("run.json"));
    QVERIFY(runCli(serverArgs(json)).exitCode == 0);
    // json -> jsonl -> json -> csv: the entries never change.
    const QString jsonl = m_dir->filePath(QStringLiteral("run.jsonl"));
    CliResult result = runCli({json, QStringLiteral("--export"), jsonl});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    verifyJsonlEqualsServer(jsonl);
    const QString back = m_dir->filePath(QStringLiteral("back.json"));
    result = runCli({jsonl, QStringLiteral("--export"), back});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const PageParseResult parsed = PageParser::parse(ExportTest::readFile(back) .replace("\"total_logs\"", "\"id\": 1, \"organization_id\": 1, \"total_logs\""));
    QVERIFY2(parsed.ok, qPrintable(parsed.error));
    QCOMPARE(parsed.page.entries.size(), m_server->run(kRun)->entries.size());
    const QString csv = m_dir->filePath(QStringLiteral("run.csv"));
    result = runCli({json, QStringLiteral("--export"), csv});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(ExportTest::readFile(csv), [&] {
        // The same CSV as straight from the server.
        const QString direct = m_dir->filePath(QStringLiteral("direct.csv"));
        runCli(serverArgs(direct));
        return ExportTest::readFile(direct);
    }());
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

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
