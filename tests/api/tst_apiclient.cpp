// SPDX-License-Identifier: MIT
// ApiClient + PageReply against the spec server over real HTTP on 127.0.0.1: pages, the token's
// travels (only to its own origin), every kind of failure a real server or network can produce,
// and the words ErrorText turns them into.

#include "api/pageparser.h"
#include "samplerun.h"
#include "testlogserver.h"

#include "api/apiclient.h"
#include "api/errortext.h"
#include "api/pagereply.h"
#include "api/servermessage.h"
#include "demo/logsendpoint.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

Q_DECLARE_METATYPE(ApiError::Kind)
Q_DECLARE_METATYPE(HttpResponse)

namespace {

constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;
constexpr int kEntries = 30;
constexpr int kWaitMs = 5000;

struct Fetched
{
    bool finished = false;
    int finishedSignals = 0;
    ApiError error;
    ParsedPage page;
    qint64 bodyBytes = 0;
    qint64 elapsedMs = 0;
};

PageReply::Limits fastLimits()
{
    PageReply::Limits limits;
    limits.idleTimeoutMs = 3000;
    limits.totalTimeoutMs = 4000;
    limits.maxBodyBytes = 8 << 20;
    return limits;
}

Fetched fetch(ApiClient &client, const RunRef &run, const PageQuery &query = PageQuery())
{
    Fetched result;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<PageReply> reply(client.fetchPage(run, query));
    QSignalSpy spy(reply.get(), &PageReply::finished);
    result.finished = spy.wait(kWaitMs) || spy.count() > 0;
    result.finishedSignals = int(spy.count());
    result.elapsedMs = clock.elapsed();
    result.error = reply->error();
    result.bodyBytes = reply->bodyBytes();
    if (result.finished && !result.error.isError())
        result.page = reply->takePage();
    return result;
}

HttpResponse withHeader(HttpResponse response, const QByteArray &name, const QByteArray &value)
{
    if (!name.isEmpty())
        response.setHeader(name, value);
    return response;
}

const char *kindName(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::None: return "None";
    case ApiError::Kind::Network: return "Network";
    case ApiError::Kind::Timeout: return "Timeout";
    case ApiError::Kind::Http: return "Http";
    case ApiError::Kind::InvalidResponse: return "InvalidResponse";
    case ApiError::Kind::TooLarge: return "TooLarge";
    case ApiError::Kind::Redirect: return "Redirect";
    case ApiError::Kind::InsecureUrl: return "InsecureUrl";
    case ApiError::Kind::Cancelled: return "Cancelled";
    case ApiError::Kind::TooManyAtOnce: return "TooManyAtOnce";
    case ApiError::Kind::Offline: return "Offline";
    }
    return "?";
}

// QCOMPARE on the names, so a failure says which kinds they were.
#define COMPARE_KIND(actual, expected) QCOMPARE(QByteArray(kindName(actual)), QByteArray(kindName(expected)))

qint64 utcMsecs(int y, int mo, int d, int h, int mi, int s, int ms)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // Pages
    void pageParsed();
    void pagingQueryReachesServer_data();
    void pagingQueryReachesServer();
    void awkwardRunKeptExactly();
    void entryShapes_data();
    void entryShapes();
    void runWithOnlyRequiredFields_data();
    void runWithOnlyRequiredFields();
    void pageUrl_data();
    void pageUrl();

    // The token
    void bearerTokenSent();
    void noAuthorizationWithoutToken();
    void crossOriginRedirectRefused_data();
    void crossOriginRedirectRefused();
    void sameOriginRedirectFollowed();
    void isSecureEnough_data();
    void isSecureEnough();
    void insecureUrlSendsNothing_data();
    void insecureUrlSendsNothing();

    // Failures
    void endpointErrors_data();
    void endpointErrors();
    void rateLimitedByEndpoint();
    void interceptedHttpErrors_data();
    void interceptedHttpErrors();
    void retryAfterAsHttpDate_data();
    void retryAfterAsHttpDate();
    void invalidResponses_data();
    void invalidResponses();
    void transportFaults_data();
    void transportFaults();
    void connectionRefused();
    void idleTimeout();
    void neverEndingHitsTotalTimeout();
    void neverEndingHitsMaxBodySize();
    void announcedLengthTooLarge();
    void abortGivesCancelled();
    void abortAfterFinishChangesNothing();

    // Words
    void serverMessage_data();
    void serverMessage();
    void errorText_data();
    void errorText();
    void errorTextWithStatus();

private:
    ApiClient *makeClient(const QUrl &baseUrl, const QByteArray &token = QByteArray());

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TestLogServer> m_server;
    QList<ApiClient *> m_clients;
};

void TestApiClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, kRun, kEntries));
}

void TestApiClient::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    m_server.reset();
    m_network.reset();
}

ApiClient *TestApiClient::makeClient(const QUrl &baseUrl, const QByteArray &token)
{
    auto *client = new ApiClient(m_network.get(), ApiEndpoint{baseUrl, token});
    client->setLimits(fastLimits());
    m_clients.append(client);
    return client;
}

// ---------------------------------------------------------------------------------------------
// Pages

void TestApiClient::pageParsed()
{
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);

    const RunInfo &run = result.page.run;
    QCOMPARE(run.id, kRun);
    QCOMPARE(run.organizationId, kOrg);
    QCOMPARE(run.status, std::optional<QString>(QStringLiteral("COMPLETE")));
    QCOMPARE(run.createdAt, std::optional<QString>(QStringLiteral("2025-01-01T00:00:00Z")));
    QCOMPARE(run.webUrl, std::optional<QString>(QStringLiteral("https://codegen.com/agent/trace/42")));
    QVERIFY(!run.result.has_value());
    QCOMPARE(run.metadataJson, QByteArray("{\"sample\":true}"));
    QCOMPARE(run.totalLogs, std::optional<qint64>(kEntries));

    const std::shared_ptr<RunRecord> served = m_server->run(kRun);
    QCOMPARE(result.page.entries.size(), kEntries);
    for (int i = 0; i < kEntries; ++i) {
        const LogEntry &entry = result.page.entries.at(i);
        QCOMPARE(entry.rawJson, served->entries.at(i));
        QCOMPARE(entry.agentRunId, kRun);
        QCOMPARE(entry.createdAtMsecs, utcMsecs(2025, 1, 1, 0, 0, i, 0));
        QCOMPARE(PageParser::summaryOf(entry.rawJson), QStringLiteral("entry %1").arg(i));
        QCOMPARE(entry.messageType, i % 2 ? QStringLiteral("ACTION") : QStringLiteral("PLAN_EVALUATION"));
        QCOMPARE(entry.toolName.isNull(), i % 2 == 0);
    }
    QVERIFY(result.bodyBytes > 0);

    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().method, QByteArray("GET"));
    QCOMPARE(log.first().path, LogsEndpoint::logsPath(kOrg, kRun));
    QCOMPARE(log.first().status, 200);
}

void TestApiClient::pagingQueryReachesServer_data()
{
    QTest::addColumn<qint64>("skip");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("reverse");
    QTest::addColumn<QList<int>>("expectedIndexes");

    QTest::addRow("first five") << qint64(0) << 5 << false << QList<int>{0, 1, 2, 3, 4};
    QTest::addRow("middle") << qint64(10) << 3 << false << QList<int>{10, 11, 12};
    QTest::addRow("short last page") << qint64(28) << 5 << false << QList<int>{28, 29};
    QTest::addRow("past the end") << qint64(100) << 5 << false << QList<int>{};
    QTest::addRow("reverse") << qint64(0) << 3 << true << QList<int>{29, 28, 27};
    QTest::addRow("reverse skip") << qint64(2) << 2 << true << QList<int>{27, 26};
}

void TestApiClient::pagingQueryReachesServer()
{
    QFETCH(qint64, skip);
    QFETCH(int, limit);
    QFETCH(bool, reverse);
    QFETCH(QList<int>, expectedIndexes);

    ApiClient *client = makeClient(m_server->baseUrl());
    PageQuery query;
    query.skip = skip;
    query.limit = limit;
    query.reverse = reverse;
    const Fetched result = fetch(*client, RunRef{kOrg, kRun}, query);
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);

    const std::shared_ptr<RunRecord> served = m_server->run(kRun);
    QCOMPARE(result.page.entries.size(), expectedIndexes.size());
    for (int i = 0; i < expectedIndexes.size(); ++i)
        QCOMPARE(result.page.entries.at(i).rawJson, served->entries.at(expectedIndexes.at(i)));

    const LogsRequestRecord request = m_server->requestLog().last();
    QCOMPARE(request.skip, QString::number(skip));
    QCOMPARE(request.limit, QString::number(limit));
    QCOMPARE(request.reverse, reverse ? QStringLiteral("true") : QStringLiteral("false"));
}

void TestApiClient::awkwardRunKeptExactly()
{
    const RunRecord awkward = makeAwkwardRun(kOrg, 4242, 200 * 1024);
    m_server->addRun(awkward);
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, 4242});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);

    QCOMPARE(result.page.entries.size(), awkward.entries.size());
    for (int i = 0; i < awkward.entries.size(); ++i)
        QCOMPARE(result.page.entries.at(i).rawJson, awkward.entries.at(i));

    // Unknown fields survive: of the run (rawFields) and of entries (rawJson).
    bool foundUnknown = false;
    for (const auto &field : result.page.run.rawFields) {
        if (field.first == QLatin1String("x_unknown_run_field")) {
            QCOMPARE(field.second, QByteArray("[\"kept\",42]"));
            foundUnknown = true;
        }
        QVERIFY(field.first != QLatin1String("logs"));
    }
    QVERIFY(foundUnknown);
    QVERIFY(result.page.entries.at(4).rawJson.contains("\"x_future_field\":{\"a\":[1,2,3]}"));
    QCOMPARE(result.page.entries.at(4).messageType, QStringLiteral("QUANTUM_REFLECTION"));
    QCOMPARE(result.page.run.metadataJson, awkward.field(QStringLiteral("metadata")));
    QCOMPARE(result.page.run.createdAt, std::optional<QString>(QStringLiteral("2025-06-21 12:06:31.108894")));
}

void TestApiClient::entryShapes_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<qint64>("createdAt");
    QTest::addColumn<QString>("messageType");

    const qint64 iso = utcMsecs(2024, 1, 15, 10, 30, 15, 0);
    const qint64 spaced = utcMsecs(2025, 6, 21, 12, 6, 31, 108);
    QTest::addRow("observation string")
        << QByteArray("{\"agent_run_id\":42,\"created_at\":\"2024-01-15T10:30:15Z\",\"tool_name\":null,"
                      "\"message_type\":\"ERROR\",\"thought\":null,\"observation\":\"Tool failed: exit 137\","
                      "\"tool_input\":null,\"tool_output\":null}")
        << QStringLiteral("Tool failed: exit 137") << iso << QStringLiteral("ERROR");
    QTest::addRow("observation object")
        << QByteArray("{\"agent_run_id\":42,\"created_at\":\"2025-06-21 12:06:31.108894\",\"tool_name\":\"bash\","
                      "\"message_type\":\"ACTION\",\"thought\":null,\"observation\":{\"status\": \"success\"},"
                      "\"tool_input\":null,\"tool_output\":null}")
        << QStringLiteral("status: success") << spaced << QStringLiteral("ACTION");
    QTest::addRow("observation null, thought")
        << QByteArray("{\"agent_run_id\":42,\"created_at\":\"2024-01-15T10:30:15Z\",\"tool_name\":null,"
                      "\"message_type\":\"PLAN_EVALUATION\",\"thought\":\"plan it\",\"observation\":null,"
                      "\"tool_input\":null,\"tool_output\":null}")
        << QStringLiteral("plan it") << iso << QStringLiteral("PLAN_EVALUATION");
    QTest::addRow("only agent_run_id")
        << QByteArray("{\"agent_run_id\":42}") << QString() << LogEntry::kNoTime << QString();
    QTest::addRow("unknown fields, whitespace kept")
        << QByteArray("{ \"agent_run_id\" : 42 , \"created_at\":\"2025-06-21 12:06:31.108894\", "
                      "\"x_new\": [1, {\"b\": null}], \"message_type\":\"AGENT_RUN_LINK\" }")
        << QString() << spaced << QStringLiteral("AGENT_RUN_LINK");
    QTest::addRow("null created_at, tool_input summary")
        << QByteArray("{\"agent_run_id\":42,\"created_at\":null,\"tool_input\":{\"command\":\"ls\"}}")
        << QStringLiteral("command: ls") << LogEntry::kNoTime << QString();
}

void TestApiClient::entryShapes()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, summary);
    QFETCH(qint64, createdAt);
    QFETCH(QString, messageType);

    RunRecord run;
    run.id = kRun;
    run.organizationId = kOrg;
    run.entries = {entry, makeSampleEntry(kRun, 1)};
    m_server->addRun(run);

    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);
    QCOMPARE(result.page.entries.size(), 2);
    const LogEntry &parsed = result.page.entries.first();
    QCOMPARE(parsed.rawJson, entry);
    QCOMPARE(parsed.agentRunId, kRun);
    QCOMPARE(PageParser::summaryOf(parsed.rawJson), summary);
    QCOMPARE(parsed.createdAtMsecs, createdAt);
    QCOMPARE(parsed.messageType, messageType);
    QCOMPARE(parsed.messageType.isNull(), messageType.isNull());
    QCOMPARE(result.page.entries.at(1).rawJson, makeSampleEntry(kRun, 1));
}

void TestApiClient::runWithOnlyRequiredFields_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("only id, organization_id, logs")
        << QByteArray("{\"id\":42,\"organization_id\":7,\"logs\":[{\"agent_run_id\":42}]}");
    QTest::addRow("every optional field null")
        << QByteArray("{\"id\":42,\"organization_id\":7,\"status\":null,\"created_at\":null,\"web_url\":null,"
                      "\"result\":null,\"metadata\":null,\"logs\":[{\"agent_run_id\":42}],\"total_logs\":null,"
                      "\"page\":null,\"size\":null,\"pages\":null}");
}

void TestApiClient::runWithOnlyRequiredFields()
{
    QFETCH(QByteArray, body);
    m_server->setInterceptor([body](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return HttpResponse::json(200, body);
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);
    const RunInfo &run = result.page.run;
    QCOMPARE(run.id, qint64(42));
    QCOMPARE(run.organizationId, qint64(7));
    QVERIFY(!run.status);
    QVERIFY(!run.createdAt);
    QVERIFY(!run.webUrl);
    QVERIFY(!run.result);
    QVERIFY(run.metadataJson.isEmpty());
    QVERIFY(!run.totalLogs);
    QVERIFY(!run.page);
    QVERIFY(!run.size);
    QVERIFY(!run.pages);
    QCOMPARE(result.page.entries.size(), 1);
    QCOMPARE(result.page.entries.first().rawJson, QByteArray("{\"agent_run_id\":42}"));
}

void TestApiClient::pageUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");

    QTest::addRow("plain") << QStringLiteral("https://api.codegen.com")
                           << QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs?skip=10&limit=20&reverse=true");
    QTest::addRow("trailing slash") << QStringLiteral("https://api.codegen.com/")
                                    << QStringLiteral("https://api.codegen.com/v1/alpha/organizations/7/agent/run/42/logs?skip=10&limit=20&reverse=true");
    QTest::addRow("path prefix") << QStringLiteral("https://proxy.example/api//")
                                 << QStringLiteral("https://proxy.example/api/v1/alpha/organizations/7/agent/run/42/logs?skip=10&limit=20&reverse=true");
    QTest::addRow("credentials, query, fragment dropped")
        << QStringLiteral("https://user:pw@api.codegen.com:8443/?x=1#frag")
        << QStringLiteral("https://api.codegen.com:8443/v1/alpha/organizations/7/agent/run/42/logs?skip=10&limit=20&reverse=true");
}

void TestApiClient::pageUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    ApiClient client(m_network.get(), ApiEndpoint{QUrl(base), "tok"});
    PageQuery query;
    query.skip = 10;
    query.limit = 20;
    query.reverse = true;
    const QUrl url = client.pageUrl(RunRef{7, 42}, query);
    QCOMPARE(url.toString(), expected);
    QVERIFY(!url.toString().contains(QLatin1String("tok")));
}

// ---------------------------------------------------------------------------------------------
// The token

void TestApiClient::bearerTokenSent()
{
    m_server->setRequiredToken("s3cr3t-token");
    ApiClient *client = makeClient(m_server->baseUrl(), "s3cr3t-token");
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);
    QCOMPARE(m_server->requestLog().size(), 1);
    QCOMPARE(m_server->requestLog().first().authorization, QByteArray("Bearer s3cr3t-token"));
    QCOMPARE(result.page.entries.size(), kEntries);
    // The token is not in the URL.
    QVERIFY(!m_server->requestLog().first().target.contains("s3cr3t"));
}

void TestApiClient::noAuthorizationWithoutToken()
{
    ApiClient *client = makeClient(m_server->baseUrl(), QByteArray());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::None);
    QCOMPARE(m_server->requestLog().size(), 1);
    QVERIFY(m_server->requestLog().first().authorization.isNull());
}

void TestApiClient::crossOriginRedirectRefused_data()
{
    QTest::addColumn<QString>("targetKind");
    QTest::addColumn<int>("status");

    QTest::addRow("302 to another port") << QStringLiteral("other") << 302;
    QTest::addRow("307 to another port") << QStringLiteral("other") << 307;
    QTest::addRow("301 to another port") << QStringLiteral("other") << 301;
    QTest::addRow("308 to another port") << QStringLiteral("other") << 308;
    // Same socket, but "localhost" is another origin than "127.0.0.1".
    QTest::addRow("302 to another host name") << QStringLiteral("localhost") << 302;
    QTest::addRow("302 to https") << QStringLiteral("https") << 302;
}

void TestApiClient::crossOriginRedirectRefused()
{
    QFETCH(QString, targetKind);
    QFETCH(int, status);

    TestLogServer other;
    QVERIFY(other.isListening());
    other.addRun(makeRun(kOrg, kRun, 3));

    QUrl target = other.logsUrl(kOrg, kRun);
    if (targetKind == QLatin1String("localhost")) {
        target = m_server->logsUrl(kOrg, kRun);
        target.setHost(QStringLiteral("localhost"));
    } else if (targetKind == QLatin1String("https")) {
        target = m_server->logsUrl(kOrg, kRun);
        target.setScheme(QStringLiteral("https"));
    }
    m_server->setInterceptor([target, status](const HttpRequest &, int index) -> std::optional<HttpResponse> {
        if (index > 0)
            return std::nullopt;
        HttpResponse response = HttpResponse::text(status, "moved\n");
        response.setHeader("Location", target.toEncoded());
        return response;
    });

    ApiClient *client = makeClient(m_server->baseUrl(), "top-secret");
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Redirect);
    QVERIFY2(result.error.detail.contains(target.host()), qPrintable(result.error.detail));
    QVERIFY(!result.error.detail.contains(QLatin1String("top-secret")));

    // Give a wrongly followed redirect time to arrive.
    QTest::qWait(150);
    QCOMPARE(other.requestCount(), 0);
    for (const LogsRequestRecord &request : other.requestLog())
        QVERIFY(request.authorization.isNull());
    QCOMPARE(m_server->requestCount(), 1); // "localhost": nothing went to the same socket either
    QCOMPARE(m_server->requestLog().first().authorization, QByteArray("Bearer top-secret"));
}

void TestApiClient::sameOriginRedirectFollowed()
{
    const QUrl target = m_server->logsUrl(kOrg, kRun, QUrlQuery(QStringLiteral("skip=0&limit=100&reverse=false")));
    // Like a real server, every request for the old address is redirected (not only the first):
    // Qt 6.4 now and then sends a request twice, and a server that answered the copy with a page
    // would hand one reply two bodies.
    m_server->setInterceptor([target](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (request.queryValue(QStringLiteral("limit")) != QLatin1String("5"))
            return std::nullopt;
        HttpResponse response = HttpResponse::text(302, "moved\n");
        // Relative, as servers often send it: resolved against the request's own origin.
        response.setHeader("Location", target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
        return response;
    });
    m_server->setRequiredToken("tok");

    ApiClient *client = makeClient(m_server->baseUrl(), "tok");
    PageQuery query;
    query.limit = 5; // the redirect target asks for 100, so the page shows which was served
    const Fetched result = fetch(*client, RunRef{kOrg, kRun}, query);
    QVERIFY(result.finished);
    QVERIFY2(result.error.kind == ApiError::Kind::None, qPrintable(result.error.detail));
    QCOMPARE(result.page.entries.size(), kEntries);
    const QList<LogsRequestRecord> log = m_server->requestLog();
    QString seen;
    for (const LogsRequestRecord &r : log)
        seen += QStringLiteral("%1 %2 %3; ").arg(QString::fromLatin1(r.target)).arg(r.status).arg(r.elapsedMs);
    // Usually two requests: the 302 and its target. Qt 6.4 now and then sends the original
    // request a second time on another connection (seen in about 1 run of 6): allowed here, but
    // every request must stay on this origin with the token, and the target's page must win.
    QVERIFY2(log.size() == 2 || log.size() == 3, qPrintable(seen));
    QCOMPARE(log.at(0).status, 302);
    const bool targetServed = std::any_of(log.cbegin(), log.cend(), [](const LogsRequestRecord &r) {
        return r.status == 200 && r.limit == QLatin1String("100");
    });
    QVERIFY2(targetServed, qPrintable(seen));
    for (const LogsRequestRecord &request : log)
        QCOMPARE(request.authorization, QByteArray("Bearer tok"));
}

void TestApiClient::isSecureEnough_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("secure");

    QTest::addRow("https") << QStringLiteral("https://api.codegen.com") << true;
    QTest::addRow("https any host") << QStringLiteral("https://10.0.0.5:8443") << true;
    QTest::addRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << true;
    QTest::addRow("http 127.1.2.3") << QStringLiteral("http://127.1.2.3") << true;
    QTest::addRow("http ::1") << QStringLiteral("http://[::1]:8080") << true;
    QTest::addRow("http localhost") << QStringLiteral("http://localhost:8080") << true;
    QTest::addRow("http LocalHost") << QStringLiteral("http://LocalHost") << true;
    QTest::addRow("http example.invalid") << QStringLiteral("http://example.invalid") << false;
    QTest::addRow("http private ip") << QStringLiteral("http://10.0.0.5") << false;
    QTest::addRow("http 127 as a name prefix") << QStringLiteral("http://127.0.0.1.example.com") << false;
    QTest::addRow("http localhost as a prefix") << QStringLiteral("http://localhost.example.com") << false;
    QTest::addRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
    QTest::addRow("file") << QStringLiteral("file:///tmp") << false;
    QTest::addRow("no scheme") << QStringLiteral("api.codegen.com") << false;
}

void TestApiClient::isSecureEnough()
{
    QFETCH(QString, url);
    QFETCH(bool, secure);
    QCOMPARE(ApiEndpoint::isSecureEnough(QUrl(url)), secure);
}

void TestApiClient::insecureUrlSendsNothing_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("detail");

    QTest::addRow("http to a name") << QStringLiteral("http://example.invalid") << QStringLiteral("example.invalid");
    QTest::addRow("http to a private ip") << QStringLiteral("http://10.20.30.40:8080") << QStringLiteral("10.20.30.40");
    QTest::addRow("ftp loopback") << QStringLiteral("ftp://127.0.0.1") << QStringLiteral("127.0.0.1");
}

void TestApiClient::insecureUrlSendsNothing()
{
    QFETCH(QString, url);
    QFETCH(QString, detail);

    // Every request of this manager goes to our server, whatever its host: anything sent shows.
    QNetworkAccessManager trapped;
    const QUrl trap = m_server->baseUrl();
    trapped.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, trap.host(), quint16(trap.port())));
    QSignalSpy sent(&trapped, &QNetworkAccessManager::finished);

    ApiClient client(&trapped, ApiEndpoint{QUrl(url), "secret"});
    std::unique_ptr<PageReply> reply(client.fetchPage(RunRef{kOrg, kRun}, PageQuery()));
    QVERIFY(!reply->isFinished()); // finishes from the event loop, like every reply
    QSignalSpy finished(reply.get(), &PageReply::finished);
    QVERIFY(finished.wait(kWaitMs));
    COMPARE_KIND(reply->error().kind, ApiError::Kind::InsecureUrl);
    QCOMPARE(reply->error().detail, detail);
    QVERIFY(!ErrorText::describe(reply->error(), RunRef{kOrg, kRun}).contains(QLatin1String("secret")));
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(m_server->requestCount(), 0);

    // The trap works: the same URL fetched directly does reach the server.
    if (QUrl(url).scheme() == QLatin1String("http")) {
        QNetworkReply *direct = trapped.get(QNetworkRequest(QUrl(url)));
        QSignalSpy directFinished(direct, &QNetworkReply::finished);
        QVERIFY(directFinished.wait(kWaitMs));
        direct->deleteLater();
        QCOMPARE(m_server->requestCount(), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Failures

void TestApiClient::endpointErrors_data()
{
    QTest::addColumn<QByteArray>("requiredToken");
    QTest::addColumn<QByteArray>("clientToken");
    QTest::addColumn<qint64>("org");
    QTest::addColumn<qint64>("run");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");

    QTest::addRow("401 wrong token") << QByteArray("right") << QByteArray("wrong") << kOrg << kRun << 100
                                     << 401 << QStringLiteral("Invalid or expired API token.");
    QTest::addRow("401 no token") << QByteArray("right") << QByteArray() << kOrg << kRun << 100
                                  << 401 << QStringLiteral("Invalid or expired API token.");
    QTest::addRow("403 other organization") << QByteArray() << QByteArray() << qint64(8) << kRun << 100
                                            << 403 << QStringLiteral("You do not have access to this organization.");
    QTest::addRow("404 unknown run") << QByteArray() << QByteArray() << kOrg << qint64(999) << 100
                                     << 404 << QStringLiteral("Agent run not found.");
    QTest::addRow("422 limit too large") << QByteArray() << QByteArray() << kOrg << kRun << 101
                                         << 422 << QStringLiteral("query.limit: Input should be less than or equal to 100");
    QTest::addRow("422 limit zero") << QByteArray() << QByteArray() << kOrg << kRun << 0
                                    << 422 << QStringLiteral("query.limit: Input should be greater than or equal to 1");
}

void TestApiClient::endpointErrors()
{
    QFETCH(QByteArray, requiredToken);
    QFETCH(QByteArray, clientToken);
    QFETCH(qint64, org);
    QFETCH(qint64, run);
    QFETCH(int, limit);
    QFETCH(int, status);
    QFETCH(QString, message);

    m_server->setRequiredToken(requiredToken);
    ApiClient *client = makeClient(m_server->baseUrl(), clientToken);
    PageQuery query;
    query.limit = limit;
    const Fetched result = fetch(*client, RunRef{org, run}, query);
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Http);
    QCOMPARE(result.error.httpStatus, status);
    QCOMPARE(result.error.serverMessage, message);
    QCOMPARE(result.error.retryAfterMs, -1);
    QVERIFY(result.page.entries.isEmpty());
    QCOMPARE(m_server->requestLog().last().status, status);
    QVERIFY(!result.error.isTransient());
}

void TestApiClient::rateLimitedByEndpoint()
{
    m_server->setRateLimit(1, 60000);
    ApiClient *client = makeClient(m_server->baseUrl(), "tok");
    const Fetched first = fetch(*client, RunRef{kOrg, kRun});
    COMPARE_KIND(first.error.kind, ApiError::Kind::None);
    const Fetched second = fetch(*client, RunRef{kOrg, kRun});
    COMPARE_KIND(second.error.kind, ApiError::Kind::Http);
    QCOMPARE(second.error.httpStatus, 429);
    QVERIFY(second.error.isRateLimited());
    QVERIFY(second.error.isTransient());
    QCOMPARE(second.error.retryAfterMs, -1); // the endpoint sends none, as documented
    QCOMPARE(second.error.serverMessage, QStringLiteral("Rate limit exceeded. Please try again later."));
}

void TestApiClient::interceptedHttpErrors_data()
{
    QTest::addColumn<HttpResponse>("response");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<bool>("transient");

    const auto json = [](int status, const char *body) { return HttpResponse::json(status, body); };
    const QByteArray rateBody = "{\"message\":\"Rate limit exceeded\",\"status_code\":429}";

    QTest::addRow("429 Retry-After 7")
        << withHeader(HttpResponse::json(429, rateBody), "Retry-After", "7") << 429
        << QStringLiteral("Rate limit exceeded") << 7000 << true;
    QTest::addRow("429 Retry-After 0") << withHeader(HttpResponse::json(429, rateBody), "Retry-After", "0")
                                       << 429 << QStringLiteral("Rate limit exceeded") << 0 << true;
    QTest::addRow("429 Retry-After huge, capped at an hour")
        << withHeader(HttpResponse::json(429, rateBody), "Retry-After", "999999") << 429
        << QStringLiteral("Rate limit exceeded") << 3600 * 1000 << true;
    QTest::addRow("429 Retry-After garbage")
        << withHeader(HttpResponse::json(429, rateBody), "Retry-After", "soon") << 429
        << QStringLiteral("Rate limit exceeded") << -1 << true;
    QTest::addRow("429 Retry-After negative")
        << withHeader(HttpResponse::json(429, rateBody), "Retry-After", "-5") << 429
        << QStringLiteral("Rate limit exceeded") << -1 << true;
    QTest::addRow("429 no Retry-After") << HttpResponse::json(429, rateBody) << 429
                                        << QStringLiteral("Rate limit exceeded") << -1 << true;
    QTest::addRow("500 message") << json(500, "{\"message\":\"Internal error\",\"status_code\":500}") << 500
                                 << QStringLiteral("Internal error") << -1 << true;
    QTest::addRow("502 detail string") << json(502, "{\"detail\":\"Bad gateway\"}") << 502
                                       << QStringLiteral("Bad gateway") << -1 << true;
    QTest::addRow("503 empty body") << HttpResponse::text(503, QByteArray()) << 503 << QString() << -1 << true;
    QTest::addRow("500 html body")
        << HttpResponse::text(500, "<html>\n<body>Internal\tServer   Error</body>\n</html>\n", "text/html")
        << 500 << QStringLiteral("<html> <body>Internal Server Error</body> </html>") << -1 << true;
    QTest::addRow("500 plain text") << HttpResponse::text(500, "upstream timed out\n") << 500
                                    << QStringLiteral("upstream timed out") << -1 << true;
    QTest::addRow("401 message") << json(401, "{\"message\":\"Invalid or expired API token.\"}") << 401
                                 << QStringLiteral("Invalid or expired API token.") << -1 << false;
    QTest::addRow("403 message") << json(403, "{\"message\":\"You do not have access to this organization.\",\"status_code\":403}")
                                 << 403 << QStringLiteral("You do not have access to this organization.") << -1 << false;
    QTest::addRow("404 detail Not Found") << json(404, "{\"detail\":\"Not Found\"}") << 404
                                          << QStringLiteral("Not Found") << -1 << false;
    QTest::addRow("422 several items")
        << json(422, "{\"detail\":[{\"type\":\"x\",\"loc\":[\"query\",\"skip\"],\"msg\":\"Input should be greater than or equal to 0\"},"
                     "{\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be a valid integer\"}]}")
        << 422 << QStringLiteral("query.skip: Input should be greater than or equal to 0; query.limit: Input should be a valid integer")
        << -1 << false;
    QTest::addRow("408") << json(408, "{}") << 408 << QStringLiteral("{}") << -1 << true;
    QTest::addRow("300 without Location") << HttpResponse::text(300, "choose\n") << 300 << QStringLiteral("choose") << -1 << false;
}

void TestApiClient::interceptedHttpErrors()
{
    QFETCH(HttpResponse, response);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(int, retryAfterMs);
    QFETCH(bool, transient);

    m_server->setInterceptor([response](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return response;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Http);
    QCOMPARE(result.error.httpStatus, status);
    QCOMPARE(result.error.serverMessage, message);
    QCOMPARE(result.error.retryAfterMs, retryAfterMs);
    QCOMPARE(result.error.isTransient(), transient);
    QCOMPARE(result.error.isRateLimited(), status == 429);
}

void TestApiClient::retryAfterAsHttpDate_data()
{
    // RFC 9110 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms that a recipient
    // must accept too; always GMT, whole seconds.
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("minMs");
    QTest::addColumn<int>("maxMs");
    const QLocale c = QLocale::c();
    const QDateTime in30s = QDateTime::currentDateTimeUtc().addSecs(30);
    const auto asctime = [&c](const QDateTime &t) {
        // "Sun Nov  6 08:49:37 1994": the day of the month padded with a space.
        return (c.toString(t, QStringLiteral("ddd MMM ")) + QStringLiteral("%1").arg(t.date().day(), 2)
                + c.toString(t, QStringLiteral(" HH:mm:ss yyyy"))).toLatin1();
    };
    // Whole seconds: up to one second less than asked, and a little time passes before the check.
    QTest::addRow("IMF-fixdate in 30 s") << c.toString(in30s, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()
                                         << 25000 << 30000;
    QTest::addRow("RFC 850 in 30 s") << c.toString(in30s, QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'")).toLatin1()
                                     << 25000 << 30000;
    QTest::addRow("asctime in 30 s") << asctime(in30s) << 25000 << 30000;
    QTest::addRow("IMF-fixdate in the past") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << 0 << 0;
    // "94" is 1994, not 2094: a two-digit year more than 50 years ahead is the past century's.
    QTest::addRow("RFC 850 in the past") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << 0 << 0;
    QTest::addRow("asctime in the past") << QByteArray("Sun Nov  6 08:49:37 1994") << 0 << 0;
}

void TestApiClient::retryAfterAsHttpDate()
{
    QFETCH(QByteArray, value);
    QFETCH(int, minMs);
    QFETCH(int, maxMs);
    const HttpResponse response =
        withHeader(HttpResponse::json(429, "{\"message\":\"Rate limit exceeded\",\"status_code\":429}"), "Retry-After", value);
    m_server->setInterceptor([response](const HttpRequest &, int) -> std::optional<HttpResponse> { return response; });
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QVERIFY(result.error.isRateLimited());
    QVERIFY2(result.error.retryAfterMs >= minMs && result.error.retryAfterMs <= maxMs,
             qPrintable(QStringLiteral("%1 ms for \"%2\"").arg(result.error.retryAfterMs).arg(QString::fromLatin1(value))));
}

void TestApiClient::invalidResponses_data()
{
    QTest::addColumn<HttpResponse>("response");
    QTest::addColumn<QString>("detailFragment");

    QTest::addRow("html 200") << HttpResponse::text(200, "<html><body>Maintenance</body></html>", "text/html")
                              << QStringLiteral("not valid JSON");
    QTest::addRow("empty 200") << HttpResponse::json(200, QByteArray()) << QStringLiteral("empty");
    QTest::addRow("array") << HttpResponse::json(200, "[]") << QStringLiteral("not a JSON object");
    QTest::addRow("truncated json") << HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[")
                                    << QStringLiteral("JSON");
    QTest::addRow("logs is an object") << HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":{}}")
                                       << QStringLiteral("field \"logs\" is not an array");
    QTest::addRow("logs missing") << HttpResponse::json(200, "{\"id\":42,\"organization_id\":7}")
                                  << QStringLiteral("field \"logs\" is missing");
    QTest::addRow("organization_id missing") << HttpResponse::json(200, "{\"id\":42,\"logs\":[]}")
                                             << QStringLiteral("organization_id");
    QTest::addRow("id is a string") << HttpResponse::json(200, "{\"id\":\"42\",\"organization_id\":7,\"logs\":[]}")
                                    << QStringLiteral("field \"id\"");
    QTest::addRow("entry without agent_run_id")
        << HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[{\"agent_run_id\":42},{\"thought\":\"x\"}]}")
        << QStringLiteral("log entry 1");
    QTest::addRow("entry is a number") << HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[3]}")
                                       << QStringLiteral("log entry 0 is not an object");
}

void TestApiClient::invalidResponses()
{
    QFETCH(HttpResponse, response);
    QFETCH(QString, detailFragment);

    m_server->setInterceptor([response](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return response;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::InvalidResponse);
    QVERIFY2(result.error.detail.contains(detailFragment), qPrintable(result.error.detail));
    QCOMPARE(result.error.httpStatus, 0);
    QVERIFY(result.page.entries.isEmpty());
    const QString words = ErrorText::describe(result.error, RunRef{kOrg, kRun});
    QVERIFY2(words.contains(result.error.detail), qPrintable(words));
}

void TestApiClient::transportFaults_data()
{
    QTest::addColumn<HttpResponse>("response");
    QTest::addColumn<ApiError::Kind>("kind");

    const QByteArray page = LogsEndpoint::pageBody(makeRun(kOrg, kRun, 20), 0, 100, false);
    HttpResponse cut = HttpResponse::json(200, page);
    cut.cutBodyAfter = page.size() / 2;
    QTest::addRow("200 cut mid-body") << cut << ApiError::Kind::Network;

    HttpResponse cutAtZero = HttpResponse::json(200, page);
    cutAtZero.cutBodyAfter = 0;
    QTest::addRow("200 cut before the body") << cutAtZero << ApiError::Kind::Network;

    // Qt reports this as the 500 or as the closed connection, depending on timing; the reply
    // must not: the body is incomplete, so it is a transport failure.
    HttpResponse cutError = HttpResponse::json(500, "{\"message\":\"Internal error with a long explanation\"}");
    cutError.cutBodyAfter = 10;
    QTest::addRow("500 cut mid-body") << cutError << ApiError::Kind::Network;

    HttpResponse cutNotFound = HttpResponse::json(404, "{\"message\":\"Agent run not found.\",\"status_code\":404}");
    cutNotFound.cutBodyAfter = 5;
    QTest::addRow("404 cut mid-body") << cutNotFound << ApiError::Kind::Network;

    HttpResponse reset;
    reset.resetConnection = true;
    QTest::addRow("connection reset") << reset << ApiError::Kind::Network;

    HttpResponse resetLater;
    resetLater.resetConnection = true;
    resetLater.delayMs = 100;
    QTest::addRow("connection reset after a delay") << resetLater << ApiError::Kind::Network;

    HttpResponse lieLonger = HttpResponse::json(200, page);
    lieLonger.lieContentLength = page.size() + 1000;
    QTest::addRow("Content-Length longer than the body") << lieLonger << ApiError::Kind::Network;

    // Qt reads exactly the announced bytes: what is left is half a document.
    HttpResponse lieShorter = HttpResponse::json(200, page);
    lieShorter.lieContentLength = page.size() / 2;
    QTest::addRow("Content-Length shorter than the body") << lieShorter << ApiError::Kind::InvalidResponse;
}

void TestApiClient::transportFaults()
{
    QFETCH(HttpResponse, response);
    QFETCH(ApiError::Kind, kind);

    m_server->setInterceptor([response](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return response;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, kind);
    QVERIFY(result.error.kind != ApiError::Kind::Http);
    QVERIFY(!result.error.detail.isEmpty());
    QVERIFY(result.error.isTransient());
    QVERIFY(result.page.entries.isEmpty());
}

void TestApiClient::connectionRefused()
{
    QUrl closedPort;
    {
        TestLogServer gone;
        closedPort = gone.baseUrl();
    }
    ApiClient *client = makeClient(closedPort);
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Network);
    QVERIFY(!result.error.detail.isEmpty());
    QVERIFY(ErrorText::describe(result.error, RunRef{kOrg, kRun}).contains(result.error.detail));
}

void TestApiClient::idleTimeout()
{
    // The whole answer comes after 2 s of silence, ten idle timeouts; the total timeout is far
    // longer. The idle timeout must win that race: the Timeout kind proves it fired, and fired
    // well before the answer, with no bound on elapsed time that a busy machine could stretch.
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse slow = HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[]}");
        slow.delayMs = 2000;
        return slow;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    PageReply::Limits limits = fastLimits();
    limits.idleTimeoutMs = 200;
    limits.totalTimeoutMs = 60000;
    client->setLimits(limits);
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Timeout);
    // Qt's default (coarse) timers may fire up to 5 % early: a margin of twice that.
    QVERIFY2(result.elapsedMs >= 200 * 9 / 10, QByteArray::number(result.elapsedMs));
    QVERIFY(result.error.isTransient());
}

void TestApiClient::neverEndingHitsTotalTimeout()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse endless = HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[");
        endless.neverEnding = true;
        return endless;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    PageReply::Limits limits = fastLimits();
    // Longer than the test waits: only the total timeout can end this fetch (the body never does,
    // and stays far below the size limit), so the Timeout kind proves it fired.
    limits.idleTimeoutMs = 60000;
    limits.totalTimeoutMs = 500;
    client->setLimits(limits);
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::Timeout);
    QVERIFY2(result.elapsedMs >= 500 * 9 / 10, QByteArray::number(result.elapsedMs)); // coarse timers
}

void TestApiClient::neverEndingHitsMaxBodySize()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse endless = HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[");
        endless.neverEnding = true;
        return endless;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    PageReply::Limits limits = fastLimits();
    limits.maxBodyBytes = 45; // the first chunk is 38 bytes; the trickle crosses the limit soon
    client->setLimits(limits);
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    QCOMPARE(result.finishedSignals, 1);
    COMPARE_KIND(result.error.kind, ApiError::Kind::TooLarge);
    QVERIFY(!result.error.isTransient());
}

void TestApiClient::announcedLengthTooLarge()
{
    ApiClient *client = makeClient(m_server->baseUrl());
    PageReply::Limits limits = fastLimits();
    limits.maxBodyBytes = 1000; // the 30-entry page is several kB
    client->setLimits(limits);
    const Fetched result = fetch(*client, RunRef{kOrg, kRun});
    QVERIFY(result.finished);
    COMPARE_KIND(result.error.kind, ApiError::Kind::TooLarge);
    QVERIFY(!result.error.detail.isEmpty());
    QVERIFY(ErrorText::describe(result.error, RunRef{kOrg, kRun}).contains(result.error.detail));
}

void TestApiClient::abortGivesCancelled()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse slow = HttpResponse::json(200, "{\"id\":42,\"organization_id\":7,\"logs\":[]}");
        slow.delayMs = 3000;
        return slow;
    });
    ApiClient *client = makeClient(m_server->baseUrl());
    std::unique_ptr<PageReply> reply(client->fetchPage(RunRef{kOrg, kRun}, PageQuery()));
    QSignalSpy finished(reply.get(), &PageReply::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, kWaitMs);
    reply->abort();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    COMPARE_KIND(reply->error().kind, ApiError::Kind::Cancelled);
    QVERIFY(!reply->error().isTransient());
    reply->abort(); // twice: nothing more
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(ErrorText::describe(reply->error(), RunRef{kOrg, kRun}), QStringLiteral("Cancelled."));
}

void TestApiClient::abortAfterFinishChangesNothing()
{
    ApiClient *client = makeClient(m_server->baseUrl());
    std::unique_ptr<PageReply> reply(client->fetchPage(RunRef{kOrg, kRun}, PageQuery()));
    QSignalSpy finished(reply.get(), &PageReply::finished);
    QVERIFY(finished.wait(kWaitMs));
    COMPARE_KIND(reply->error().kind, ApiError::Kind::None);
    reply->abort();
    QTest::qWait(20);
    QCOMPARE(finished.count(), 1);
    COMPARE_KIND(reply->error().kind, ApiError::Kind::None);
    QCOMPARE(reply->page().entries.size(), kEntries);
}

// ---------------------------------------------------------------------------------------------
// Words

void TestApiClient::serverMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::addRow("message") << QByteArray("{\"message\":\"Agent run not found.\",\"status_code\":404}")
                             << QStringLiteral("Agent run not found.");
    QTest::addRow("message wins over detail") << QByteArray("{\"detail\":\"d\",\"message\":\"m\"}") << QStringLiteral("m");
    QTest::addRow("detail string") << QByteArray("{\"detail\":\"Not Found\"}") << QStringLiteral("Not Found");
    QTest::addRow("detail list")
        << QByteArray("{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],"
                      "\"msg\":\"Input should be less than or equal to 100\",\"input\":\"500\",\"ctx\":{\"le\":100}}]}")
        << QStringLiteral("query.limit: Input should be less than or equal to 100");
    QTest::addRow("detail list with numbers in loc")
        << QByteArray("{\"detail\":[{\"loc\":[\"body\",\"items\",3,\"name\"],\"msg\":\"Field required\"}]}")
        << QStringLiteral("body.items.3.name: Field required");
    QTest::addRow("detail list without loc") << QByteArray("{\"detail\":[{\"msg\":\"bad\"}]}") << QStringLiteral("bad");
    QTest::addRow("detail list of strings") << QByteArray("{\"detail\":[\"a\",\"b\"]}") << QStringLiteral("[\"a\"]; [\"b\"]");
    QTest::addRow("message not a string") << QByteArray("{\"message\":42}") << QStringLiteral("{\"message\":42}");
    QTest::addRow("empty object") << QByteArray("{}") << QStringLiteral("{}");
    QTest::addRow("empty body") << QByteArray() << QString();
    QTest::addRow("whitespace body") << QByteArray(" \r\n\t ") << QString();
    QTest::addRow("plain text") << QByteArray("Bad Gateway\n") << QStringLiteral("Bad Gateway");
    QTest::addRow("html multi-line") << QByteArray("<h1>Error</h1>\r\n<p>Try\tlater</p>")
                                     << QStringLiteral("<h1>Error</h1> <p>Try later</p>");
    QTest::addRow("control characters") << QByteArray("{\"message\":\"a\\u0007b\\nc\\u001bd\"}")
                                        << QStringLiteral("a b c d");
    QTest::addRow("broken json shown as text") << QByteArray("{\"message\": ") << QStringLiteral("{\"message\":");
    QTest::addRow("utf-8") << QByteArray("{\"message\":\"Zugriff verweigert \xe2\x80\x94 \xc3\xbc\"}")
                           << QString::fromUtf8("Zugriff verweigert \xe2\x80\x94 \xc3\xbc");
    QTest::addRow("long text cut") << QByteArray(1000, 'x') << QString(300, QLatin1Char('x')) + QChar(0x2026);
    QTest::addRow("long message cut") << "{\"message\":\"" + QByteArray(400, 'm') + "\"}"
                                      << QString(300, QLatin1Char('m')) + QChar(0x2026);
}

void TestApiClient::serverMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const QString words = ServerMessage::fromBody(body);
    QCOMPARE(words, expected);
    QVERIFY(!words.contains(QLatin1Char('\n')));
    QVERIFY(!words.contains(QLatin1Char('\r')));
}

void TestApiClient::errorText_data()
{
    // ApiError is built from these columns in errorText(); the run is {org 7, run 12345}.
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QStringList>("fragments");

    using K = ApiError::Kind;
    QTest::addRow("401") << K::Http << 401 << QStringLiteral("Invalid or expired API token.") << QString()
                         << QStringList{QStringLiteral("token"), QStringLiteral("rejected")};
    QTest::addRow("403") << K::Http << 403 << QStringLiteral("You do not have access to this organization.") << QString()
                         << QStringList{QStringLiteral("organization 7"), QStringLiteral("access")};
    QTest::addRow("404") << K::Http << 404 << QStringLiteral("Agent run not found.") << QString()
                         << QStringList{QStringLiteral("Run 12345"), QStringLiteral("organization 7"),
                                        QStringLiteral("not found")};
    QTest::addRow("429") << K::Http << 429 << QString() << QString() << QStringList{QStringLiteral("Rate limit")};
    QTest::addRow("422 with the server's words")
        << K::Http << 422 << QStringLiteral("query.limit: Input should be less than or equal to 100") << QString()
        << QStringList{QStringLiteral("invalid"), QStringLiteral("query.limit: Input should be less than or equal to 100")};
    QTest::addRow("503") << K::Http << 503 << QStringLiteral("upstream down") << QString()
                         << QStringList{QStringLiteral("HTTP 503"), QStringLiteral("upstream down")};
    QTest::addRow("418") << K::Http << 418 << QString() << QString() << QStringList{QStringLiteral("HTTP 418")};
    QTest::addRow("network") << K::Network << 0 << QString() << QStringLiteral("Connection refused")
                             << QStringList{QStringLiteral("Connection refused")};
    QTest::addRow("timeout") << K::Timeout << 0 << QString() << QString() << QStringList{QStringLiteral("in time")};
    QTest::addRow("redirect") << K::Redirect << 0 << QString() << QStringLiteral("http://evil.example/x")
                              << QStringList{QStringLiteral("http://evil.example/x"), QStringLiteral("token")};
    QTest::addRow("insecure") << K::InsecureUrl << 0 << QString() << QStringLiteral("example.invalid")
                              << QStringList{QStringLiteral("example.invalid"), QStringLiteral("https://")};
    QTest::addRow("too large") << K::TooLarge << 0 << QString() << QStringLiteral("512 MiB")
                               << QStringList{QStringLiteral("512 MiB")};
    QTest::addRow("invalid response") << K::InvalidResponse << 0 << QString() << QStringLiteral("field \"logs\" is missing")
                                      << QStringList{QStringLiteral("field \"logs\" is missing")};
}

void TestApiClient::errorText()
{
    QFETCH(ApiError::Kind, kind);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, detail);
    QFETCH(QStringList, fragments);
    ApiError error;
    error.kind = kind;
    error.httpStatus = status;
    error.serverMessage = message;
    error.detail = detail;
    const QString words = ErrorText::describe(error, RunRef{7, 12345});
    QVERIFY(!words.isEmpty());
    QVERIFY(!words.contains(QLatin1Char('\n')));
    for (const QString &fragment : fragments)
        QVERIFY2(words.contains(fragment, Qt::CaseInsensitive), qPrintable(words + QStringLiteral(" lacks ") + fragment));
}

void TestApiClient::errorTextWithStatus()
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = 404;
    error.serverMessage = QStringLiteral("Agent run not found.");
    QCOMPARE(ErrorText::describeWithStatus(error, RunRef{7, 12345}),
             QStringLiteral("Run 12345 was not found in organization 7. (HTTP 404: Agent run not found.)"));
    error.serverMessage.clear();
    QCOMPARE(ErrorText::describeWithStatus(error, RunRef{7, 12345}),
             QStringLiteral("Run 12345 was not found in organization 7. (HTTP 404)"));
    ApiError network;
    network.kind = ApiError::Kind::Network;
    network.detail = QStringLiteral("Connection refused");
    QCOMPARE(ErrorText::describeWithStatus(network, RunRef{7, 12345}),
             ErrorText::describe(network, RunRef{7, 12345}));
    QVERIFY(ErrorText::describe(ApiError(), RunRef{7, 12345}).isEmpty());
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
