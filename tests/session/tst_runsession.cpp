// SPDX-License-Identifier: MIT
// The session core without any widget: sources, the one reset, errors, what stays open.
#include "model/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "session/runsession.h"
#include "testlogserver.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestRunSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensApiRunWithOneReset();
    void fileReplacesApiRunOnlyOnceReadable();
    void brokenFileKeepsWhatWasOpen();
    void missingRunFailsWithoutRetry();
    void closeEmptiesEverything();
    void newestFirstOpensTheSameRunReversed();
    void apiRunReplacesTheOpenRunOnlyWithItsFirstPage();
    void failedApiOpenKeepsTheOpenRun_data();
    void failedApiOpenKeepsTheOpenRun();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    void openApi(qint64 runId);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<RunSession> m_session;
    QTemporaryDir m_directory;
};

void TestRunSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_directory.isValid());
}

void TestRunSession::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(7, 42, 250));
    m_session = std::make_unique<RunSession>();
}

void TestRunSession::cleanup()
{
    m_session.reset();
    m_server.reset();
}

QString TestRunSession::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestRunSession::openApi(qint64 runId)
{
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{7, runId});
}

void TestRunSession::opensApiRunWithOneReset()
{
    QSignalSpy resets(m_session.get(), &RunSession::reset);
    QSignalSpy infos(m_session.get(), &RunSession::runInfoChanged);
    openApi(42);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_session->kind(), RunSession::Kind::Api);
    QCOMPARE(m_session->windowTitle(), QStringLiteral("Run 42 (organization 7) — Runlog"));
    QVERIFY(m_session->apiRun().has_value());
    QCOMPARE(m_session->apiRun()->runId, 42);
    QTRY_VERIFY(m_session->hasRunInfo());
    QVERIFY(infos.count() >= 1);
    QCOMPARE(m_session->runInfo().status, QStringLiteral("COMPLETE"));
    QTRY_COMPARE(m_session->progress().loaded, 100); // the first page only: nothing asked for more
    const RunProgress progress = m_session->progress();
    QCOMPARE(progress.known, 250);
    QVERIFY(progress.endKnown);
    QCOMPARE(m_session->model()->rowCount(), 250);
    QVERIFY(m_session->canExport());
    QCOMPARE(resets.count(), 1);
}

void TestRunSession::fileReplacesApiRunOnlyOnceReadable()
{
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    QSignalSpy resets(m_session.get(), &RunSession::reset);
    const QString path = writeFile(QStringLiteral("two.jsonl"),
                                   "{\"agent_run_id\":9,\"message_type\":\"ACTION\",\"thought\":\"first\"}\n"
                                   "{\"agent_run_id\":9,\"message_type\":\"ERROR\",\"thought\":\"second\"}\n");
    QVERIFY(!path.isEmpty());
    m_session->openFile(path);
    // Until the reader's first entries arrive (on a worker), the API run is still the one shown.
    QCOMPARE(m_session->kind(), RunSession::Kind::Api);
    QCOMPARE(resets.count(), 0);
    QTRY_COMPARE(m_session->kind(), RunSession::Kind::File);
    QCOMPARE(resets.count(), 1);
    QTRY_VERIFY(m_session->progress().endKnown);
    QCOMPARE(m_session->model()->rowCount(), 2);
    QCOMPARE(m_session->model()->index(1, 0).data(LogTableModel::RawJsonRole).toByteArray(),
             QByteArray("{\"agent_run_id\":9,\"message_type\":\"ERROR\",\"thought\":\"second\"}"));
    QCOMPARE(m_session->filePath(), path);
    QVERIFY(!m_session->apiRun().has_value());
    QCOMPARE(m_session->windowTitle(), QStringLiteral("two.jsonl — Runlog"));
    QCOMPARE(m_session->suggestedFileName(), QStringLiteral("two-export"));
    // No request of the API run lands in the file's rows later.
    const int requests = m_server->requestCount();
    QTest::qWait(300);
    QCOMPARE(m_server->requestCount(), requests);
    QCOMPARE(m_session->model()->rowCount(), 2);
}

void TestRunSession::brokenFileKeepsWhatWasOpen()
{
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    QSignalSpy resets(m_session.get(), &RunSession::reset);
    QSignalSpy failures(m_session.get(), &RunSession::openFailed);
    const QString path = writeFile(QStringLiteral("broken.json"), "{\"logs\": [ {\"agent_run_id\": 1,");
    m_session->openFile(path);
    QTRY_COMPARE(failures.count(), 1);
    QVERIFY(failures.first().first().toString().contains(QStringLiteral("broken.json")));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(m_session->kind(), RunSession::Kind::Api);
    QCOMPARE(m_session->model()->rowCount(), 250);
    QCOMPARE(m_session->progress().loaded, 100);
}

void TestRunSession::missingRunFailsWithoutRetry()
{
    QSignalSpy failures(m_session.get(), &RunSession::failed);
    openApi(999);
    QTRY_COMPARE(failures.count(), 1);
    const QString text = failures.first().at(0).toString();
    QVERIFY2(text.contains(QStringLiteral("999")), qPrintable(text));
    QCOMPARE(failures.first().at(1).toBool(), false); // asking again cannot find it
    QVERIFY(!m_session->hasRunInfo());
    QVERIFY(!m_session->canExport());
    QCOMPARE(m_session->description(), QStringLiteral("Run 999 of organization 7 could not be opened."));
}

void TestRunSession::closeEmptiesEverything()
{
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    QSignalSpy resets(m_session.get(), &RunSession::reset);
    m_session->close();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_session->kind(), RunSession::Kind::None);
    QCOMPARE(m_session->model()->rowCount(), 0);
    QCOMPARE(m_session->windowTitle(), QStringLiteral("Runlog"));
    QVERIFY(!m_session->canExport());
}

void TestRunSession::newestFirstOpensTheSameRunReversed()
{
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    m_session->setNewestFirst(true);
    QTRY_VERIFY(m_session->isNewestFirst()); // once the reversed run's first page is here
    QTRY_COMPARE(m_session->progress().loaded, 100);
    // Row 0 is now the run's last entry (entry 249 of the sample run).
    QTRY_VERIFY(m_session->model()->index(0, 0).data(LogTableModel::RawJsonRole).toByteArray().contains("\"entry 249\""));
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QVERIFY(!log.isEmpty());
    QCOMPARE(log.last().reverse, QStringLiteral("true"));
}

void TestRunSession::apiRunReplacesTheOpenRunOnlyWithItsFirstPage()
{
    m_server->addRun(makeRun(7, 43, 30));
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    QSignalSpy resets(m_session.get(), &RunSession::reset);
    QSignalSpy opened(m_session.get(), &RunSession::runOpened);
    m_server->clearRequestLog();
    openApi(43);
    // The request for run 43 is on its way: run 42 is still the one shown, with its rows.
    QCOMPARE(m_session->apiRun()->runId, 42);
    QCOMPARE(m_session->model()->rowCount(), 250);
    QCOMPARE(resets.count(), 0);
    QTRY_COMPARE(m_session->apiRun()->runId, 43);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(m_session->model()->rowCount(), 30);
    QCOMPARE(m_session->progress().loaded, 30);
    QVERIFY(m_session->model()->index(29, 0).data(LogTableModel::RawJsonRole).toByteArray().contains("\"entry 29\""));
    // The first page was asked for once: the loader took it over from the request that opened it.
    QTest::qWait(200);
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().skip, QStringLiteral("0"));
}

void TestRunSession::failedApiOpenKeepsTheOpenRun_data()
{
    QTest::addColumn<QString>("what");          // which failure
    QTest::addColumn<QString>("errorFragment"); // a part of the words the user sees

    QTest::addRow("run not found (404)") << QStringLiteral("missing run") << QStringLiteral("999");
    QTest::addRow("token refused (401)") << QStringLiteral("wrong token") << QStringLiteral("token");
    QTest::addRow("server refuses the connection") << QStringLiteral("no server") << QStringLiteral("reach");
}

void TestRunSession::failedApiOpenKeepsTheOpenRun()
{
    QFETCH(QString, what);
    QFETCH(QString, errorFragment);
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 20;
    m_session->loader()->setRetryPolicy(fast);
    m_server->setRequiredToken("right");
    m_session->openApi(ApiEndpoint{m_server->baseUrl(), "right"}, RunRef{7, 42});
    QTRY_COMPARE(m_session->progress().loaded, 100);

    QSignalSpy resets(m_session.get(), &RunSession::reset);
    QSignalSpy failures(m_session.get(), &RunSession::openFailed);
    QSignalSpy opened(m_session.get(), &RunSession::runOpened);
    if (what == QLatin1String("missing run")) {
        m_session->openApi(ApiEndpoint{m_server->baseUrl(), "right"}, RunRef{7, 999});
    } else if (what == QLatin1String("wrong token")) {
        m_session->openApi(ApiEndpoint{m_server->baseUrl(), "wrong"}, RunRef{7, 43});
    } else {
        QTcpServer closed; // a port that was free a moment ago: nothing listens there now
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        m_session->openApi(ApiEndpoint{QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), {}}, RunRef{7, 43});
    }
    QTRY_COMPARE(failures.count(), 1);
    const QString error = failures.first().first().toString();
    QVERIFY2(!error.isEmpty() && error.contains(errorFragment), qPrintable(error));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(opened.count(), 0);
    QCOMPARE(m_session->kind(), RunSession::Kind::Api);
    QCOMPARE(m_session->apiRun()->runId, 42);
    QCOMPARE(m_session->model()->rowCount(), 250);
    QCOMPARE(m_session->progress().loaded, 100);
    QVERIFY(m_session->hasRunInfo());
    // The run that stayed still loads: its next page comes when asked for.
    m_session->loader()->setViewport(150, 160);
    QTRY_COMPARE(m_session->progress().loaded, 200);
}

QTEST_GUILESS_MAIN(TestRunSession)
#include "tst_runsession.moc"
