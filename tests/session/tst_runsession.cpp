// SPDX-License-Identifier: MIT
// The session core without any widget: sources, the one reset, errors, what stays open.
#include "rows/logtablemodel.h"
#include "runsessioninternals.h"
#include "api/requestpacer.h"
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
    void visibleRowsAndLoadAllPageTheRun();
    void pageFailedSaysWhatWentWrong();
    void paceStateAndTimeLeftFollowTheBudget();
    void fileHasNoPaging();
    void agentLogSaysItsConversionThenItsEnd();
    void agentLogNamesItsFormatFromItsFirstRows();

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
    loaderOf(m_session.get())->setRetryPolicy(fast);
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
    loaderOf(m_session.get())->setViewport(150, 160);
    QTRY_COMPARE(m_session->progress().loaded, 200);
}

// What the window asks of an API run's paging goes through the session: the rows in view are
// fetched first, Load All fetches the rest and says when it is done.
void TestRunSession::visibleRowsAndLoadAllPageTheRun()
{
    openApi(42); // 250 entries: pages 0, 1, 2
    QTRY_COMPARE(m_session->progress().loaded, 100);
    RunProgress progress = m_session->progress();
    QVERIFY(progress.paged);
    QVERIFY(progress.countKnown);
    QCOMPARE(progress.known, 250);
    QVERIFY(!progress.loadingAll);
    QVERIFY(m_session->isApiRunOpen());
    QVERIFY(!m_session->isFullyLoaded());

    m_session->setVisibleRows(210, 220); // page 2 only
    QTRY_COMPARE(m_session->progress().loaded, 150);
    QVERIFY(m_session->model()->store().isLoaded(249));
    QVERIFY(!m_session->model()->store().isLoaded(100));

    QSignalSpy allLoaded(m_session.get(), &RunSession::allLoaded);
    m_session->loadAll();
    QVERIFY(m_session->progress().loadingAll);
    QTRY_COMPARE(allLoaded.count(), 1);
    QCOMPARE(m_session->progress().loaded, 250);
    QVERIFY(m_session->isFullyLoaded());
    QVERIFY(!m_session->progress().loadingAll);
    QCOMPARE(m_session->msToLoadRest(), std::nullopt); // nothing left
}

// A page that fails for good is told in words that name the server's message and the run.
void TestRunSession::pageFailedSaysWhatWentWrong()
{
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 1;
    loaderOf(m_session.get())->setRetryPolicy(fast);
    m_server->setInterceptor([](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (request.queryValue(QStringLiteral("skip")) == QLatin1String("100"))
            return HttpResponse::json(500, "{\"message\":\"session-test-boom\",\"status_code\":500}");
        return std::nullopt;
    });
    openApi(42);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    QSignalSpy failed(m_session.get(), &RunSession::pageFailed);
    m_session->loadAll();
    QTRY_VERIFY(failed.count() >= 1);
    const QString text = failed.first().first().toString();
    QVERIFY2(text.contains(QStringLiteral("session-test-boom")), qPrintable(text));
    QVERIFY(!m_session->isFullyLoaded());
}

// The budget as the status bar tells it: nothing before a run is open, then the session's
// pacer; the time to fetch the rest is worked out from the pages left and the budget.
void TestRunSession::paceStateAndTimeLeftFollowTheBudget()
{
    QCOMPARE(m_session->paceState().has_value(), false);
    m_server->addRun(makeRun(7, 43, 1000)); // 10 pages
    RequestPacer pacer(3, 60000);           // 3 requests a minute
    loaderOf(m_session.get())->setPacer(&pacer);
    openApi(43);
    QTRY_COMPARE(m_session->progress().loaded, 100);
    const std::optional<PaceState> pace = m_session->paceState();
    QVERIFY(pace.has_value());
    QCOMPARE(pace->maxRequests, 3);
    QCOMPARE(pace->windowMs, 60000);
    QCOMPARE(pace->usedInWindow, 1);
    QCOMPARE(pace->msUntilNextCheck, -1); // a finished run is not followed
    // 9 pages left, 2 requests free now: 7 wait, a third of a minute each.
    QCOMPARE(m_session->msToLoadRest(), std::optional<qint64>(7 * 20000));

    m_session->setRateLimit(6, 60000);
    QCOMPARE(m_session->paceState()->maxRequests, 6);
    // 5 free now: 4 wait, 10 s each.
    QCOMPARE(m_session->msToLoadRest(), std::optional<qint64>(4 * 10000));
    loaderOf(m_session.get())->setPacer(nullptr);
    m_session->close();
    RequestPacer::setDefaultLimit(60, 60000); // the API's, for the tests after this one
}

void TestRunSession::fileHasNoPaging()
{
    const QString path = writeFile(QStringLiteral("three.jsonl"), makeSampleEntry(7, 0) + '\n' + makeSampleEntry(7, 1) + '\n'
                                                                      + makeSampleEntry(7, 2) + '\n');
    QVERIFY(!path.isEmpty());
    m_session->openFile(path);
    QTRY_VERIFY(m_session->isFullyLoaded());
    const RunProgress progress = m_session->progress();
    QCOMPARE(progress.loaded, 3);
    QVERIFY(!progress.paged);
    QVERIFY(progress.countKnown);
    QVERIFY(!m_session->isApiRunOpen());
    QCOMPARE(m_session->paceState().has_value(), false);
    QCOMPARE(m_session->msToLoadRest(), std::nullopt);
    m_session->loadAll(); // nothing to do, nothing breaks
    QCOMPARE(m_session->progress().loaded, 3);
}

void TestRunSession::agentLogSaysItsConversionThenItsEnd()
{
    // A Claude Code session with two lines read over: the status bar names the conversion while
    // it runs, and says the file is open at the end (it kept "Reading 7 KiB of 7 KiB…" when the
    // read-over places went to the warning instead); the warning names the first place.
    QSignalSpy status(m_session.get(), &RunSession::statusMessage);
    QSignalSpy warned(m_session.get(), &RunSession::warned);
    m_session->openFile(QStringLiteral(AGENTLOGS_DATA_DIR "/claudecode-session.jsonl"));
    QTRY_VERIFY(m_session->isFullyLoaded());
    QTRY_COMPARE(warned.count(), 1);
    QStringList texts;
    for (const QList<QVariant> &message : std::as_const(status))
        texts.append(message.first().toString());
    QVERIFY2(texts.contains(QStringLiteral("Converting the Claude Code transcript…")), qPrintable(texts.join(u'|')));
    QCOMPARE(texts.last(), QStringLiteral("Opened 9 entries from claudecode-session.jsonl."));
    QVERIFY(warned.first().first().toString().contains(QStringLiteral("2 places of the file were read over, the first: line 7")));
}

void TestRunSession::agentLogNamesItsFormatFromItsFirstRows()
{
    // A long Claude Code session shows its first rows while the rest is converted; the run's
    // fields (agent, title) come only at the end. The header's source line names the format from
    // the first rows on, not only then.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("long-session.jsonl"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray common = R"("sessionId":"long-session","timestamp":"2025-06-21T12:00:00.000Z",)";
        for (int i = 0; i < 30000; ++i) {
            const QByteArray n = QByteArray::number(i);
            file.write("{" + common + R"("type":"assistant","uuid":"a)" + n
                       + R"(","message":{"role":"assistant","content":[{"type":"tool_use","id":"t)" + n
                       + R"(","name":"Bash","input":{"command":"ls"}}]}})" "\n");
            file.write("{" + common + R"("type":"user","uuid":"u)" + n
                       + R"(","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t)" + n
                       + R"(","content":"ok"}]}})" "\n");
        }
    }
    QString whenOpened;
    bool hadRunInfo = true;
    connect(m_session.get(), &RunSession::runOpened, this, [&] {
        whenOpened = m_session->description();
        hadRunInfo = m_session->hasRunInfo();
    });
    m_session->openFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isFullyLoaded(), 60000);
    const QString expected = QStringLiteral("Claude Code transcript from the file ") + QDir::toNativeSeparators(path);
    QVERIFY(!hadRunInfo); // the rows came before the run's fields: the time this test is about
    QCOMPARE(whenOpened, expected);
    QCOMPARE(m_session->description(), expected);
}

QTEST_GUILESS_MAIN(TestRunSession)
#include "tst_runsession.moc"
