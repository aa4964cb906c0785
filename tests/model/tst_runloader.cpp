// SPDX-License-Identifier: MIT
// RunLoader + LogTableModel against the spec server on 127.0.0.1: which pages are requested,
// how a missing or lying total_logs is survived, and that no row is ever lost or doubled.
#include "api/requestpacer.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

// Rewrites total_logs in every 200 page the endpoint sends (null, or a fixed lie).
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

// The pages the endpoint answered. A rewriting interceptor asks the endpoint too, so its
// requests are logged twice: once as answered by the endpoint, once as intercepted.
QStringList requestedSkips(const TestLogServer &server)
{
    QStringList skips;
    for (const LogsRequestRecord &record : server.requestLog()) {
        if (!record.intercepted)
            skips << record.skip;
    }
    return skips;
}
} // namespace

class TestRunLoader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void knownCountOpensWithOneRequest();
    void jumpToEndRequestsOnlyTheLastPage();
    void scrolledAwayPagesAreNotRequested();
    void unknownCountAppendsThroughFetchMore();
    void countTooHighIsCutByShortPage();
    void countTooLowGrowsTheRun();
    void countTooLowByWholePagesIsFoundByLoadAll();
    void emptyRun();
    void failedPageCanBeRetried();
    void rateLimitedPagesArriveExactlyOnce();
    void forbiddenRunFailsWithoutRetry();
    void reversedViewShowsNewestFirst();
    void reversedViewRenumbersRowsWhenTheCountChanges();
    void runGrowsWhenCheckedAgain();
    void newestFirstLoadAllWhileTheRunGrows_data();
    void newestFirstLoadAllWhileTheRunGrows();
    void loadersOfOneOriginShareItsPacer();

private:
    void open(bool reverse = false);
    void verifyRowsMatchServer(bool reverse = false);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LogTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<RequestPacer> m_pacer;
    std::unique_ptr<RunLoader> m_loader;
};

void TestRunLoader::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_model = std::make_unique<LogTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_pacer = std::make_unique<RequestPacer>(1000, 60000);
    m_loader = std::make_unique<RunLoader>(m_network.get(), m_model.get());
    m_loader->setPacer(m_pacer.get());
    RunLoader::RetryPolicy fast;
    fast.baseDelayMs = 20;
    fast.rateLimitBaseDelayMs = 50;
    fast.maxDelayMs = 400;
    m_loader->setRetryPolicy(fast);
}

void TestRunLoader::cleanup()
{
    m_loader.reset();
    m_pacer.reset();
    m_tester.reset();
    m_model.reset();
    m_network.reset();
    m_server.reset();
}

void TestRunLoader::open(bool reverse)
{
    m_loader->open(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("test-token")}, RunRef{kOrg, kRun}, reverse);
}

void TestRunLoader::verifyRowsMatchServer(bool reverse)
{
    const auto run = m_server->run(kRun);
    QCOMPARE(m_model->rowCount(), int(run->entries.size()));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const int entry = reverse ? int(run->entries.size()) - 1 - row : row;
        QCOMPARE(m_model->index(row, 0).data(LogTableModel::RawJsonRole).toByteArray(), run->entries.at(entry));
    }
}

void TestRunLoader::knownCountOpensWithOneRequest()
{
    m_server->addRun(makeRun(kOrg, kRun, 12000));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_loader->state(), RunLoader::State::Open);
    QCOMPARE(m_model->rowCount(), 12000);
    QVERIFY(m_loader->isCountKnown());
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_server->requestCount(), 1);
    const LogsRequestRecord first = m_server->requestLog().first();
    QCOMPARE(first.skip, QStringLiteral("0"));
    QCOMPARE(first.limit, QStringLiteral("100"));
    QCOMPARE(first.authorization, QByteArrayLiteral("Bearer test-token"));
    QCOMPARE(m_loader->runInfo().id, kRun);
    QCOMPARE(m_loader->runInfo().organizationId, kOrg);
    QCOMPARE(m_loader->runInfo().status.value_or(QString()), QStringLiteral("COMPLETE"));
    // Rows past the first page are placeholders until they are looked at.
    QCOMPARE(m_model->index(5000, LogTableModel::SummaryColumn).data(LogTableModel::RowStateRole).toInt(),
             int(LogStore::RowState::NotLoaded));
    QTest::qWait(100);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestRunLoader::jumpToEndRequestsOnlyTheLastPage()
{
    m_server->addRun(makeRun(kOrg, kRun, 12000));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    m_loader->setViewport(11975, 11999); // what Ctrl+End shows
    QTRY_COMPARE(m_loader->loadedRows(), 200);
    QTest::qWait(100);
    QCOMPARE(requestedSkips(*m_server), QStringList({QStringLiteral("0"), QStringLiteral("11900")}));
    const auto run = m_server->run(kRun);
    QCOMPARE(m_model->index(11999, 0).data(LogTableModel::RawJsonRole).toByteArray(), run->entries.last());
    QCOMPARE(m_model->index(11999, LogTableModel::IndexColumn).data().toInt(), 12000);
}

void TestRunLoader::scrolledAwayPagesAreNotRequested()
{
    m_server->addRun(makeRun(kOrg, kRun, 10000));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    // The user flicks through the middle before any request could go out: only where the view
    // settles is fetched.
    m_loader->setViewport(1000, 1030);
    m_loader->setViewport(3000, 3030);
    m_loader->setViewport(7010, 7040);
    QTRY_COMPARE(m_loader->loadedRows(), 200);
    QTest::qWait(100);
    QCOMPARE(requestedSkips(*m_server), QStringList({QStringLiteral("0"), QStringLiteral("7000")}));
}

void TestRunLoader::unknownCountAppendsThroughFetchMore()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    m_server->setInterceptor(totalRewriter(m_server.get(), "null"));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QVERIFY(!m_loader->isCountKnown());
    QVERIFY(!m_loader->isEndKnown());
    QCOMPARE(m_model->rowCount(), 100);
    QVERIFY(m_model->canFetchMore({}));
    m_model->fetchMore({});
    QTRY_COMPARE(m_model->rowCount(), 200);
    QVERIFY(m_model->canFetchMore({}));
    m_model->fetchMore({});
    QTRY_COMPARE(m_model->rowCount(), 250);
    QVERIFY(!m_model->canFetchMore({}));
    QVERIFY(m_loader->isFullyLoaded());
    QCOMPARE(m_server->requestCount(), 3);
    verifyRowsMatchServer();
}

void TestRunLoader::countTooHighIsCutByShortPage()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    m_server->setInterceptor(totalRewriter(m_server.get(), "700"));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_model->rowCount(), 700);
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    m_loader->loadAll();
    QTRY_COMPARE(allLoaded.count(), 1);
    QCOMPARE(m_model->rowCount(), 250);
    QVERIFY(m_loader->isFullyLoaded());
    verifyRowsMatchServer();
}

void TestRunLoader::countTooLowGrowsTheRun()
{
    m_server->addRun(makeRun(kOrg, kRun, 250));
    m_server->setInterceptor(totalRewriter(m_server.get(), "150"));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_model->rowCount(), 150);
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    m_loader->loadAll();
    QTRY_COMPARE(allLoaded.count(), 1);
    verifyRowsMatchServer();
}

void TestRunLoader::countTooLowByWholePagesIsFoundByLoadAll()
{
    m_server->addRun(makeRun(kOrg, kRun, 300));
    m_server->setInterceptor(totalRewriter(m_server.get(), "200"));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_model->rowCount(), 200);
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    m_loader->loadAll();
    QTRY_COMPARE(allLoaded.count(), 1);
    verifyRowsMatchServer();
    // Each page once, plus the empty page that proves the end.
    QCOMPARE(requestedSkips(*m_server),
             QStringList({QStringLiteral("0"), QStringLiteral("100"), QStringLiteral("200"), QStringLiteral("300")}));
}

void TestRunLoader::emptyRun()
{
    m_server->addRun(makeRun(kOrg, kRun, 0));
    open();
    QTRY_COMPARE(m_loader->state(), RunLoader::State::Open);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(m_loader->isEndKnown());
    QVERIFY(m_loader->isFullyLoaded());
    QVERIFY(!m_model->canFetchMore({}));
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    m_loader->loadAll();
    QTRY_COMPARE(allLoaded.count(), 1);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestRunLoader::failedPageCanBeRetried()
{
    m_server->addRun(makeRun(kOrg, kRun, 300));
    bool failing = true;
    m_server->setInterceptor([&failing](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (failing && request.query.queryItemValue(QStringLiteral("skip")) == QLatin1String("100"))
            return HttpResponse::json(503, QByteArrayLiteral("{\"message\":\"Service Unavailable\"}"));
        return std::nullopt;
    });
    RunLoader::RetryPolicy policy;
    policy.maxAttempts = 2;
    policy.baseDelayMs = 10;
    m_loader->setRetryPolicy(policy);
    QSignalSpy failed(m_loader.get(), &RunLoader::pageFailed);
    QSignalSpy retrying(m_loader.get(), &RunLoader::retrying);
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    m_loader->setViewport(90, 210);
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(retrying.count(), 1); // one automatic retry, then it gives up
    const ApiError error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 503);
    QTRY_COMPARE(m_loader->loadedRows(), 200); // pages 0 and 2 are here, 1 failed
    QCOMPARE(m_model->index(150, 0).data(LogTableModel::RowStateRole).toInt(), int(LogStore::RowState::Failed));
    QCOMPARE(m_loader->failedPageCount(), 1);

    failing = false;
    QSignalSpy cleared(m_loader.get(), &RunLoader::errorsCleared);
    m_loader->retryFailed();
    QTRY_COMPARE(m_loader->loadedRows(), 300);
    QVERIFY(cleared.count() >= 1);
    QCOMPARE(m_loader->failedPageCount(), 0);
    verifyRowsMatchServer();
}

void TestRunLoader::rateLimitedPagesArriveExactlyOnce()
{
    m_server->addRun(makeRun(kOrg, kRun, 1000));
    m_server->setRateLimit(3, 400); // stricter than the client believes
    QSignalSpy retrying(m_loader.get(), &RunLoader::retrying);
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    m_loader->loadAll();
    QTRY_COMPARE_WITH_TIMEOUT(allLoaded.count(), 1, 20000);
    QVERIFY(retrying.count() > 0);
    verifyRowsMatchServer();
}

void TestRunLoader::forbiddenRunFailsWithoutRetry()
{
    m_server->addRun(makeRun(kOrg, kRun, 10));
    m_server->endpoint().setAccessibleOrganizations({kOrg + 1});
    QSignalSpy failed(m_loader.get(), &RunLoader::pageFailed);
    open();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(m_loader->state(), RunLoader::State::Failed);
    QCOMPARE(m_loader->lastError().httpStatus, 403);
    QTest::qWait(100);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestRunLoader::reversedViewShowsNewestFirst()
{
    m_server->addRun(makeRun(kOrg, kRun, 150));
    open(true);
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    QCOMPARE(m_server->requestLog().first().reverse, QStringLiteral("true"));
    m_loader->setViewport(120, 149);
    QTRY_COMPARE(m_loader->loadedRows(), 150);
    verifyRowsMatchServer(true);
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), 150);
    QCOMPARE(m_model->index(149, LogTableModel::IndexColumn).data().toInt(), 1);
}

// Newest first, a row's number counts from the run's end: when rows come or go at the bottom
// (a count that was missing or wrong), every row that stays gets a new number, and says so with
// dataChanged, outside the insertion or removal (the model tester checks that the rows next to
// an insertion do not change during it).
void TestRunLoader::reversedViewRenumbersRowsWhenTheCountChanges()
{
    m_model->setReversed(true);
    m_model->resizeRows(100);
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), 100);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    const auto renumbered = [&changed](int rows) {
        for (const QList<QVariant> &signal : changed) {
            const QModelIndex from = signal.at(0).toModelIndex();
            const QModelIndex to = signal.at(1).toModelIndex();
            if (from.row() == 0 && to.row() == rows - 1 && from.column() <= LogTableModel::IndexColumn
                && to.column() >= LogTableModel::IndexColumn)
                return true;
        }
        return false;
    };
    m_model->resizeRows(250);
    QVERIFY(renumbered(100));
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), 250);
    QCOMPARE(m_model->index(99, 0).data(LogTableModel::ChronologicalIndexRole).toInt(), 150);
    QCOMPARE(m_model->index(249, LogTableModel::IndexColumn).data().toInt(), 1);
    changed.clear();
    m_model->resizeRows(120);
    QVERIFY(renumbered(120));
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), 120);
    QCOMPARE(m_model->index(119, LogTableModel::IndexColumn).data().toInt(), 1);
    // Oldest first the numbers do not depend on the count: nothing to announce.
    m_model->setReversed(false);
    changed.clear();
    m_model->resizeRows(300);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), 1);
}

void TestRunLoader::runGrowsWhenCheckedAgain()
{
    m_server->addRun(makeRun(kOrg, kRun, 130, QStringLiteral("ACTIVE")));
    open();
    QTRY_COMPARE(m_loader->loadedRows(), 100);
    m_loader->setViewport(100, 129);
    QTRY_COMPARE(m_loader->loadedRows(), 130);
    const auto run = m_server->run(kRun);
    for (int n = 130; n < 215; ++n)
        run->entries.append(makeSampleEntry(kRun, n));
    m_loader->checkForNewEntries();
    QTRY_COMPARE(m_model->rowCount(), 215);
    m_loader->setViewport(180, 214);
    QTRY_COMPARE(m_loader->loadedRows(), 215);
    verifyRowsMatchServer();
}

using Schedule = QMap<int, int>; // request index -> entries added before it is answered / delay ms
Q_DECLARE_METATYPE(Schedule)

void TestRunLoader::newestFirstLoadAllWhileTheRunGrows_data()
{
    QTest::addColumn<int>("entries");
    QTest::addColumn<Schedule>("growth");
    QTest::addColumn<Schedule>("delays");
    QTest::addRow("grows between pages") << 450 << Schedule{{2, 7}, {4, 100}, {6, 33}} << Schedule{};
    QTest::addRow("grows by whole pages") << 450 << Schedule{{1, 100}, {3, 200}} << Schedule{};
    QTest::addRow("grows on every request") << 380 << Schedule{{1, 3}, {2, 3}, {3, 3}, {4, 3}, {5, 3}, {6, 3}, {7, 3}, {8, 3}}
                                            << Schedule{};
    // Answers computed before a growth arrive after answers that show it: they belong lower.
    QTest::addRow("late answers from before a growth") << 450 << Schedule{{2, 13}, {3, 1}, {5, 120}}
                                                       << Schedule{{1, 400}, {2, 200}};
    QTest::addRow("late answers, growth of whole pages") << 600 << Schedule{{2, 100}, {4, 100}}
                                                         << Schedule{{1, 300}, {3, 300}};
}

// Newest first, skip counts from the newest entry: a run that grows between (or during) the
// requests of a Load All moves every entry down. Every entry must still be there exactly once,
// newest first, when Load All ends.
void TestRunLoader::newestFirstLoadAllWhileTheRunGrows()
{
    QFETCH(int, entries);
    QFETCH(Schedule, growth);
    QFETCH(Schedule, delays);
    m_server->addRun(makeRun(kOrg, kRun, entries, QStringLiteral("ACTIVE")));
    m_server->setRateLimit(0, 0);
    const auto run = m_server->run(kRun);
    TestLogServer *server = m_server.get();
    m_server->setInterceptor([=](const HttpRequest &request, int index) -> std::optional<HttpResponse> {
        for (int n = 0; n < growth.value(index); ++n)
            run->entries.append(makeSampleEntry(kRun, int(run->entries.size())));
        HttpResponse response = server->endpoint().handle(request);
        response.delayMs = delays.value(index);
        return response;
    });
    QSignalSpy allLoaded(m_loader.get(), &RunLoader::allLoaded);
    open(true);
    QTRY_VERIFY(m_loader->hasRunInfo());
    m_loader->loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(allLoaded.count() == 1 || m_loader->failedPageCount() > 0, 20000);
    QCOMPARE(allLoaded.count(), 1);
    int grown = 0;
    for (int added : growth)
        grown += added;
    QVERIFY2(run->entries.size() > entries, "the schedule must have grown the run");
    QVERIFY(run->entries.size() <= entries + grown);
    QCOMPARE(m_loader->loadedRows(), int(run->entries.size()));
    verifyRowsMatchServer(true);
    QCOMPARE(m_model->index(0, LogTableModel::IndexColumn).data().toInt(), int(run->entries.size()));
    QVERIFY(m_loader->isFullyLoaded());
}

// Two loaders without a pacer of their own, same origin and token (two windows on two runs):
// both take RequestPacer::shared(), so together they stay within one budget. Another token is
// another budget. The server's clock shows it: across both runs, no more than 3 requests in any
// 1.5 s (a lower bound on gaps, which a busy machine cannot break).
void TestRunLoader::loadersOfOneOriginShareItsPacer()
{
    // A token no other test uses, so that shared() makes a new pacer, with this default limit.
    const QByteArray token = QByteArrayLiteral("shared-pacer-test-token");
    constexpr int kMax = 3;
    constexpr int kWindowMs = 1500;
    RequestPacer::setDefaultLimit(kMax, kWindowMs);
    m_server->addRun(makeRun(kOrg, kRun, 300));
    m_server->addRun(makeRun(kOrg, kRun + 1, 250));
    LogTableModel modelA;
    LogTableModel modelB;
    LogTableModel modelC;
    RunLoader a(m_network.get(), &modelA);
    RunLoader b(m_network.get(), &modelB);
    RunLoader c(m_network.get(), &modelC);
    a.open(ApiEndpoint{m_server->baseUrl(), token}, RunRef{kOrg, kRun});
    b.open(ApiEndpoint{m_server->baseUrl(), token}, RunRef{kOrg, kRun + 1});
    c.open(ApiEndpoint{m_server->baseUrl(), token + "-other"}, RunRef{kOrg, kRun + 1});
    RequestPacer::setDefaultLimit(60, 60000);
    QVERIFY(a.pacer());
    QCOMPARE(a.pacer(), RequestPacer::shared(m_server->baseUrl(), token));
    QCOMPARE(b.pacer(), a.pacer());
    QVERIFY(c.pacer() != a.pacer());
    QCOMPARE(a.pacer()->maxRequests(), kMax);
    c.close(); // only a and b from here on

    QSignalSpy aLoaded(&a, &RunLoader::allLoaded);
    QSignalSpy bLoaded(&b, &RunLoader::allLoaded);
    a.loadAll();
    b.loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(aLoaded.count() == 1 && bLoaded.count() == 1, 30000);
    const auto entriesOf = [](const LogTableModel &model) {
        QList<QByteArray> rows;
        for (int row = 0; row < model.rowCount(); ++row)
            rows << model.index(row, 0).data(LogTableModel::RawJsonRole).toByteArray();
        return rows;
    };
    QCOMPARE(entriesOf(modelA), m_server->run(kRun)->entries);
    QCOMPARE(entriesOf(modelB), m_server->run(kRun + 1)->entries);

    QList<qint64> times; // requests of a and b, in the order the server got them
    for (const LogsRequestRecord &request : m_server->requestLog()) {
        if (request.authorization == "Bearer " + token)
            times << request.elapsedMs;
    }
    QCOMPARE(times.size(), 4 + 3); // 3 pages and the look past a full last one; 3 pages
    for (qsizetype i = 0; i + kMax < times.size(); ++i) {
        const qint64 gap = times.at(i + kMax) - times.at(i);
        QVERIFY2(gap >= kWindowMs - 2, qPrintable(QStringLiteral("requests %1 and %2 only %3 ms apart").arg(i).arg(i + kMax).arg(gap)));
    }
}

QTEST_GUILESS_MAIN(TestRunLoader)
#include "tst_runloader.moc"
