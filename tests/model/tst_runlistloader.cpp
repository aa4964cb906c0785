// SPDX-License-Identifier: MIT
// RunListLoader against the spec server on 127.0.0.1: pages asked one by one or all, filters
// sent as the reference names them, items kept byte for byte, a run started while paging not
// doubled, a 429 waited out, other errors stopping with the server's status, one pacer.
#include "api/requestpacer.h"
#include "model/runlistloader.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr int kRuns = 250;

RunRecord listedRun(int i)
{
    return makeListedRun(kOrg, 1000 + i, i, i % 3 == 0 ? QStringLiteral("GITHUB") : QStringLiteral("SLACK"), 1 + i % 2,
                         i % 5 == 0);
}

QList<qint64> idsOf(const QList<RunListItem> &items)
{
    QList<qint64> ids;
    for (const RunListItem &item : items)
        ids.append(item.id);
    return ids;
}

QList<qint64> newestFirst(bool (*keep)(int))
{
    QList<qint64> ids;
    for (int i = kRuns - 1; i >= 0; --i) {
        if (keep(i))
            ids.append(1000 + i);
    }
    return ids;
}

// The run list requests the server saw: their query items, in order.
QList<QUrlQuery> listQueries(const TestLogServer &server)
{
    QList<QUrlQuery> queries;
    for (const LogsRequestRecord &record : server.requestLog()) {
        if (record.path.endsWith(QLatin1String("/agent/runs"))) {
            const qsizetype question = record.target.indexOf('?');
            queries.append(QUrlQuery(QString::fromUtf8(question < 0 ? QByteArray() : record.target.mid(question + 1))));
        }
    }
    return queries;
}

// A full page of runs first..first+99, newest first, with the count the server claims.
QByteArray fullPage(qint64 first, qint64 total)
{
    QByteArray items;
    for (qint64 id = first + 99; id >= first; --id)
        items += (items.isEmpty() ? "" : ",") + QByteArray("{\"id\":") + QByteArray::number(id) + ",\"organization_id\":7}";
    return "{\"items\":[" + items + "],\"total\":" + QByteArray::number(total) + ",\"page\":1,\"size\":100,\"pages\":"
           + QByteArray::number((total + 99) / 100) + "}";
}
} // namespace

class TestRunListLoader : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pagesWhenAsked();
    void loadAllWithFilters();
    void itemsKeepTheirBytes();
    void runStartedWhilePagingIsNotDoubled();
    void rateLimitedPageIsAskedAgain();
    void errorsStopWithTheServersStatus_data();
    void errorsStopWithTheServersStatus();
    void repeatedPageStops();
    void pagesBeyondTheCountStop();

private:
    void open(const RunListQuery &filters = RunListQuery());

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RequestPacer> m_pacer;
    std::unique_ptr<RunListLoader> m_loader;
};

void TestRunListLoader::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    for (int i = 0; i < kRuns; ++i)
        m_server->addRun(listedRun(i));
    m_network = std::make_unique<QNetworkAccessManager>();
    m_pacer = std::make_unique<RequestPacer>(1000, 60000);
    m_loader = std::make_unique<RunListLoader>(m_network.get());
    m_loader->setPacer(m_pacer.get());
    m_loader->setRetryDelays(20, 50);
}

void TestRunListLoader::cleanup()
{
    m_loader.reset();
    m_pacer.reset();
    m_network.reset();
    m_server.reset();
}

void TestRunListLoader::open(const RunListQuery &filters)
{
    RunListQuery query = filters;
    query.orgId = kOrg;
    m_loader->open(ApiEndpoint{m_server->baseUrl(), QByteArrayLiteral("sk-list-test")}, query);
}

void TestRunListLoader::pagesWhenAsked()
{
    QSignalSpy appended(m_loader.get(), &RunListLoader::itemsAppended);
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    open();
    QTRY_COMPARE(m_loader->items().size(), 100);
    QCOMPARE(m_loader->total(), qint64(kRuns));
    QVERIFY(m_loader->canFetchMore());
    QTest::qWait(50);
    QCOMPARE(m_server->requestLog().size(), 1); // nothing more until asked
    m_loader->fetchMore();
    QTRY_COMPARE(m_loader->items().size(), 200);
    m_loader->fetchMore();
    QTRY_COMPARE(m_loader->items().size(), 250);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!m_loader->canFetchMore());
    QCOMPARE(idsOf(m_loader->items()), newestFirst([](int) { return true; }));
    QCOMPARE(appended.size(), 3);
    const QList<QUrlQuery> queries = listQueries(*m_server);
    QCOMPARE(queries.size(), 3);
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(queries.at(k).queryItemValue(QStringLiteral("skip")), QString::number(k * 100));
        QCOMPARE(queries.at(k).queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
        QVERIFY(!queries.at(k).hasQueryItem(QStringLiteral("user_id")));
        QVERIFY(!queries.at(k).hasQueryItem(QStringLiteral("source_type")));
    }
    // Every request went through the pacer.
    QCOMPARE(m_pacer->countedInWindow(), 3);
}

void TestRunListLoader::loadAllWithFilters()
{
    RunListQuery filters;
    filters.userId = 2;
    filters.sourceType = QStringLiteral("GITHUB");
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    open(filters);
    m_loader->loadAll();
    QVERIFY(finished.wait(10000));
    QCOMPARE(idsOf(m_loader->items()), newestFirst([](int i) { return i % 2 == 1 && i % 3 == 0; }));
    const QList<QUrlQuery> queries = listQueries(*m_server);
    QCOMPARE(queries.size(), 1);
    QCOMPARE(queries.first().queryItemValue(QStringLiteral("user_id")), QStringLiteral("2"));
    QCOMPARE(queries.first().queryItemValue(QStringLiteral("source_type")), QStringLiteral("GITHUB"));
}

void TestRunListLoader::itemsKeepTheirBytes()
{
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    open();
    m_loader->loadAll();
    QVERIFY(finished.wait(10000));
    const RunListItem &item = m_loader->items().at(kRuns - 1 - 5); // run 1005
    QCOMPARE(item.id, qint64(1005));
    QCOMPARE(item.rawJson,
             QByteArray("{\"id\":1005,\"organization_id\":7,\"status\":\"COMPLETE\",\"created_at\":\"2025-01-01T00:05:00Z\","
                        "\"web_url\":\"https://codegen.com/agent/trace/1005\",\"result\":null,\"summary\":\"summary of run 1005\","
                        "\"source_type\":\"SLACK\",\"github_pull_requests\":[{\"id\":1005,\"created_at\":\"2025-01-02T00:00:00Z\","
                        "\"title\":\"PR of run 1005\",\"url\":\"https://github.com/acme/repo/pull/1005\","
                        "\"head_branch_name\":\"branch-1005\"}],\"metadata\":{\"sample\":true}}"));
    QCOMPARE(item.status, std::optional<QString>(QStringLiteral("COMPLETE")));
    QCOMPARE(item.sourceType, std::optional<QString>(QStringLiteral("SLACK")));
    QCOMPARE(item.summary, std::optional<QString>(QStringLiteral("summary of run 1005")));
    QVERIFY(!item.result.has_value());
    QCOMPARE(item.pullRequests.size(), 1);
    QCOMPARE(item.pullRequests.first().url, QStringLiteral("https://github.com/acme/repo/pull/1005"));
    QCOMPARE(item.pullRequests.first().title, QStringLiteral("PR of run 1005"));
}

void TestRunListLoader::runStartedWhilePagingIsNotDoubled()
{
    open();
    QTRY_COMPARE(m_loader->items().size(), 100);
    // A new run pushes every later one a place down: the next page starts with one already seen.
    m_server->addRun(makeListedRun(kOrg, 2000, 9999, QStringLiteral("API"), 1));
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    m_loader->loadAll();
    QVERIFY(finished.wait(10000));
    const QList<qint64> ids = idsOf(m_loader->items());
    QCOMPARE(QSet<qint64>(ids.cbegin(), ids.cend()).size(), ids.size());
    QCOMPARE(ids, newestFirst([](int) { return true; }));
}

void TestRunListLoader::rateLimitedPageIsAskedAgain()
{
    m_server->setInterceptor([](const HttpRequest &, int index) -> std::optional<HttpResponse> {
        if (index == 1)
            return HttpResponse::json(429, "{\"message\":\"Rate limit exceeded.\",\"status_code\":429}");
        return std::nullopt;
    });
    QSignalSpy retrying(m_loader.get(), &RunListLoader::retrying);
    QSignalSpy failed(m_loader.get(), &RunListLoader::failed);
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    open();
    m_loader->loadAll();
    QVERIFY(finished.wait(10000));
    QCOMPARE(retrying.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_loader->items().size(), kRuns);
    QStringList skips;
    for (const QUrlQuery &query : listQueries(*m_server))
        skips << query.queryItemValue(QStringLiteral("skip"));
    QCOMPARE(skips, (QStringList{QStringLiteral("0"), QStringLiteral("100"), QStringLiteral("100"), QStringLiteral("200")}));
}

void TestRunListLoader::errorsStopWithTheServersStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("serverWords");
    QTest::addRow("401") << 401 << QByteArray("{\"message\":\"Invalid or expired API token.\",\"status_code\":401}")
                         << QStringLiteral("Invalid or expired API token.");
    QTest::addRow("403") << 403 << QByteArray("{\"message\":\"No access.\",\"status_code\":403}") << QStringLiteral("No access.");
    QTest::addRow("422") << 422
                         << QByteArray("{\"detail\":[{\"type\":\"enum\",\"loc\":[\"query\",\"source_type\"],\"msg\":\"Input should be 'LOCAL'\",\"input\":\"X\"}]}")
                         << QStringLiteral("Input should be 'LOCAL'");
}

void TestRunListLoader::errorsStopWithTheServersStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, serverWords);
    bool refuse = true;
    m_server->setInterceptor([&refuse, status, body](const HttpRequest &, int) -> std::optional<HttpResponse> {
        if (refuse)
            return HttpResponse::json(status, body);
        return std::nullopt;
    });
    QSignalSpy failed(m_loader.get(), &RunListLoader::failed);
    open();
    m_loader->loadAll();
    QVERIFY(failed.wait(10000));
    const ApiError error = failed.first().first().value<ApiError>();
    QCOMPARE(int(error.kind), int(ApiError::Kind::Http));
    QCOMPARE(error.httpStatus, status);
    QVERIFY2(error.serverMessage.contains(serverWords), qPrintable(error.serverMessage));
    QVERIFY(!m_loader->canFetchMore());
    QCOMPARE(m_server->requestLog().size(), 1); // not retried by itself
    // The user's Retry, once the server agrees.
    refuse = false;
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    m_loader->retry();
    QVERIFY(finished.wait(10000));
    QCOMPARE(m_loader->items().size(), kRuns);
}

void TestRunListLoader::repeatedPageStops()
{
    // The same full page whatever is asked, with a count that would take ten million pages.
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return HttpResponse::json(200, fullPage(5000, 1000000000));
    });
    QSignalSpy failed(m_loader.get(), &RunListLoader::failed);
    QSignalSpy finished(m_loader.get(), &RunListLoader::finished);
    open();
    m_loader->loadAll();
    QVERIFY(failed.wait(10000));
    QTest::qWait(100);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(finished.size(), 0);
    const ApiError error = failed.first().first().value<ApiError>();
    QCOMPARE(int(error.kind), int(ApiError::Kind::InvalidResponse));
    QVERIFY2(error.detail.contains(QStringLiteral("no run that was not on an earlier page")), qPrintable(error.detail));
    QCOMPARE(m_server->requestLog().size(), 2);
    QCOMPARE(m_loader->items().size(), 100);
    QVERIFY(!m_loader->canFetchMore());
}

void TestRunListLoader::pagesBeyondTheCountStop()
{
    // New runs on every page, and a count that grows ahead of them: the first count (250) can
    // fill three pages, and one more is allowed for runs started while paging.
    m_server->setInterceptor([](const HttpRequest &, int index) -> std::optional<HttpResponse> {
        return HttpResponse::json(200, fullPage(100000 - 100 * index, 250 + 1000 * index));
    });
    QSignalSpy failed(m_loader.get(), &RunListLoader::failed);
    open();
    m_loader->loadAll();
    QVERIFY(failed.wait(10000));
    QTest::qWait(100);
    const ApiError error = failed.first().first().value<ApiError>();
    QCOMPARE(int(error.kind), int(ApiError::Kind::InvalidResponse));
    QVERIFY2(error.detail.contains(QStringLiteral("past 4 pages")), qPrintable(error.detail));
    QCOMPARE(m_server->requestLog().size(), 4);
    QCOMPARE(m_loader->items().size(), 400);
}

QTEST_MAIN(TestRunListLoader)
#include "tst_runlistloader.moc"
