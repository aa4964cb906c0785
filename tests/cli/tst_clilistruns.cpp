// SPDX-License-Identifier: MIT
// `runlog --list-runs`, the real binary without a display, against the spec server in this
// process: every page, newest first, tsv and json, the filters, the pacing, and one line and an
// exit code for every failure.
#include "clienvironment.h"
#include "clirun.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr int kRuns = 250;

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

RunRecord listedRun(int i)
{
    return makeListedRun(kOrg, 1000 + i, i, i % 3 == 0 ? QStringLiteral("GITHUB") : QStringLiteral("SLACK"), 1 + i % 2,
                         i % 5 == 0);
}
} // namespace

class TestCliListRuns : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void tsvListsEveryRunNewestFirst();
    void jsonIsTheItemsAsSent();
    void filtersGoToTheServer();
    void tsvEscapesWhatWouldBreakALine();
    void requestsArePaced();
    void failures_data();
    void failures();
    void serverRepeatingItselfStops();

private:
    CliResult runCli(const QStringList &args, const QByteArray &token = QByteArray());
    QStringList listArgs(qint64 org = kOrg) const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliListRuns::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    for (int i = 0; i < kRuns; ++i)
        m_server->addRun(listedRun(i));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliListRuns::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

CliResult TestCliListRuns::runCli(const QStringList &args, const QByteArray &token)
{
    const CliRun run = runToEnd(QStringLiteral(RUNLOG_BINARY), args, cliEnvironment(m_dir->path(), token));
    return {run.code(), run.out, QString::fromUtf8(run.err)};
}

QStringList TestCliListRuns::listArgs(qint64 org) const
{
    return {QStringLiteral("--org"), QString::number(org), QStringLiteral("--list-runs"), QStringLiteral("--base-url"),
            m_server->baseUrl().toString(), QStringLiteral("--rate-limit"), QStringLiteral("1000/60")};
}

void TestCliListRuns::tsvListsEveryRunNewestFirst()
{
    const CliResult result = runCli(listArgs());
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.size(), 1 + kRuns + 1); // header, runs, and the empty rest after the last newline
    QCOMPARE(lines.first(), QByteArray("id\tstatus\tcreated_at\tsource_type\tsummary\tweb_url\tpull_requests"));
    QVERIFY(lines.last().isEmpty());
    for (int k = 0; k < kRuns; ++k)
        QVERIFY(lines.at(1 + k).startsWith(QByteArray::number(1000 + kRuns - 1 - k) + '\t'));
    QCOMPARE(lines.at(1 + kRuns - 1 - 5),
             QByteArray("1005\tCOMPLETE\t2025-01-01T00:05:00Z\tSLACK\tsummary of run 1005\t"
                        "https://codegen.com/agent/trace/1005\thttps://github.com/acme/repo/pull/1005"));
    QCOMPARE(lines.at(1 + kRuns - 1 - 4),
             QByteArray("1004\tCOMPLETE\t2025-01-01T00:04:00Z\tSLACK\tsummary of run 1004\thttps://codegen.com/agent/trace/1004\t"));
    QCOMPARE(m_server->requestLog().size(), 3);
}

void TestCliListRuns::jsonIsTheItemsAsSent()
{
    const CliResult result = runCli(listArgs() << QStringLiteral("--format") << QStringLiteral("json"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray items = document.array();
    QCOMPARE(items.size(), kRuns);
    for (int k = 0; k < kRuns; ++k)
        QCOMPARE(items.at(k).toObject().value(QStringLiteral("id")).toInteger(), qint64(1000 + kRuns - 1 - k));
    // Each item byte for byte as the server wrote it.
    QVERIFY(result.out.contains(
        "{\"id\":1004,\"organization_id\":7,\"status\":\"COMPLETE\",\"created_at\":\"2025-01-01T00:04:00Z\","
        "\"web_url\":\"https://codegen.com/agent/trace/1004\",\"result\":null,\"summary\":\"summary of run 1004\","
        "\"source_type\":\"SLACK\",\"github_pull_requests\":[],\"metadata\":{\"sample\":true}}"));
}

void TestCliListRuns::filtersGoToTheServer()
{
    const CliResult result = runCli(listArgs() << QStringLiteral("--source-type") << QStringLiteral("github")
                                               << QStringLiteral("--user-id") << QStringLiteral("2"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QList<QByteArray> expected;
    for (int i = kRuns - 1; i >= 0; --i) {
        if (i % 2 == 1 && i % 3 == 0)
            expected.append(QByteArray::number(1000 + i));
    }
    QList<QByteArray> ids;
    const QList<QByteArray> lines = result.out.split('\n');
    for (qsizetype k = 1; k < lines.size(); ++k) {
        if (!lines.at(k).isEmpty())
            ids.append(lines.at(k).split('\t').first());
    }
    QCOMPARE(ids, expected);
    QCOMPARE(m_server->requestLog().size(), 1);
    const QByteArray target = m_server->requestLog().first().target;
    const QUrlQuery query(QString::fromUtf8(target.mid(target.indexOf('?') + 1)));
    QCOMPARE(query.queryItemValue(QStringLiteral("source_type")), QStringLiteral("GITHUB"));
    QCOMPARE(query.queryItemValue(QStringLiteral("user_id")), QStringLiteral("2"));
}

void TestCliListRuns::tsvEscapesWhatWouldBreakALine()
{
    RunRecord odd = makeListedRun(kOrg, 9000, 99999, QStringLiteral("API"), 1);
    odd.listFields[0].second = QByteArrayLiteral("\"tab\\there\\nnew line \\\\ back\\rslash\"");
    m_server->addRun(odd);
    const CliResult result = runCli(listArgs());
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QList<QByteArray> lines = result.out.split('\n');
    QCOMPARE(lines.at(1), QByteArray("9000\tCOMPLETE\t2025-03-11T10:39:00Z\tAPI\ttab\\there\\nnew line \\\\ back\\rslash\t"
                                     "https://codegen.com/agent/trace/9000\t"));
}

void TestCliListRuns::requestsArePaced()
{
    // Two requests per second: the third page waits for the window.
    QStringList args = listArgs();
    args.replace(args.indexOf(QStringLiteral("1000/60")), QStringLiteral("2/1"));
    const CliResult result = runCli(args);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), 3);
    QVERIFY2(log.at(2).elapsedMs - log.at(0).elapsedMs >= 900,
             qPrintable(QString::number(log.at(2).elapsedMs - log.at(0).elapsedMs)));
}

void TestCliListRuns::failures_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("words");
    QTest::addRow("token rejected") << QStringLiteral("401") << 1 << QStringLiteral("HTTP 401");
    QTest::addRow("no access") << QStringLiteral("403") << 1 << QStringLiteral("organization 9");
    QTest::addRow("bad source type") << QStringLiteral("422") << 1 << QStringLiteral("HTTP 422");
    QTest::addRow("no server") << QStringLiteral("network") << 1 << QStringLiteral("Could not reach the server");
    QTest::addRow("offline") << QStringLiteral("offline") << 2 << QStringLiteral("--offline");
    QTest::addRow("no organization") << QStringLiteral("no-org") << 2 << QStringLiteral("organization");
    QTest::addRow("bad format") << QStringLiteral("format") << 2 << QStringLiteral("tsv or json");
}

void TestCliListRuns::failures()
{
    QFETCH(QString, kind);
    QFETCH(int, exitCode);
    QFETCH(QString, words);
    QStringList args = listArgs();
    QByteArray token;
    if (kind == QLatin1String("401")) {
        m_server->setRequiredToken(QByteArrayLiteral("right"));
        token = QByteArrayLiteral("sk-wrong-token-1234");
    } else if (kind == QLatin1String("403")) {
        args = listArgs(9);
    } else if (kind == QLatin1String("422")) {
        // The server's own check: a source it does not know.
        args << QStringLiteral("--source-type") << QStringLiteral("FAX");
    } else if (kind == QLatin1String("network")) {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        args.replace(args.indexOf(m_server->baseUrl().toString()), QStringLiteral("http://127.0.0.1:%1").arg(port));
    } else if (kind == QLatin1String("offline")) {
        args << QStringLiteral("--offline");
    } else if (kind == QLatin1String("no-org")) {
        args.removeAt(0);
        args.removeAt(0);
    } else if (kind == QLatin1String("format")) {
        args << QStringLiteral("--format") << QStringLiteral("csv");
    }
    const CliResult result = runCli(args, token);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.out.isEmpty());
    if (exitCode == 1) {
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY(result.errLines().first().startsWith(QStringLiteral("runlog: error: ")));
    }
    QVERIFY2(result.err.contains(words), qPrintable(result.err));
    if (!token.isEmpty())
        QVERIFY(!result.err.contains(QString::fromUtf8(token)));
}

void TestCliListRuns::serverRepeatingItselfStops()
{
    // The same full page for every skip, claiming a billion runs: once asked 448 times in 20 s.
    QByteArray items;
    for (int id = 5099; id >= 5000; --id)
        items += (items.isEmpty() ? "" : ",") + QByteArray("{\"id\":") + QByteArray::number(id) + ",\"organization_id\":7}";
    const QByteArray page = "{\"items\":[" + items + "],\"total\":1000000000,\"page\":1,\"size\":100,\"pages\":10000000}";
    m_server->setInterceptor([page](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return HttpResponse::json(200, page);
    });
    const CliResult result = runCli(listArgs());
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.errLines().first().startsWith(QStringLiteral("runlog: error: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(QStringLiteral("no run that was not on an earlier page")), qPrintable(result.err));
    QCOMPARE(m_server->requestLog().size(), 2);
}

QTEST_MAIN(TestCliListRuns)
#include "tst_clilistruns.moc"
