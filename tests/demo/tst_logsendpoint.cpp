// SPDX-License-Identifier: MIT
// The logs endpoint and the server's fault injection, seen by a real client: every request goes
// over HTTP on 127.0.0.1 through QNetworkAccessManager.

#include "samplerun.h"
#include "testlogserver.h"

#include "demo/logsendpoint.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 1001;
constexpr int kEntries = 250;

struct Fetched
{
    bool finished = false;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QNetworkReply *reply = nullptr;   // deleted later; only for headers right after fetch()

    QByteArray header(const QByteArray &name) const { return reply ? reply->rawHeader(name) : QByteArray(); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

QByteArray bearer(const QByteArray &token)
{
    return "Bearer " + token;
}

QString thoughtOf(const QJsonValue &entry)
{
    return entry.toObject().value(QStringLiteral("thought")).toString();
}

} // namespace

class TestLogsEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void firstPageWithDefaults();
    void paging_data();
    void paging();
    void reverseSpellings_data();
    void reverseSpellings();
    void acceptedIntegerSpellings_data();
    void acceptedIntegerSpellings();
    void validationErrors_data();
    void validationErrors();
    void forbiddenOrganization();
    void runOfAnotherOrganizationIsForbidden();
    void runNotFound();
    void unknownPathsAndMethods();
    void trailingSlashRedirects();
    void tokenRequired();
    void rateLimitAndRecovery();
    void rateLimitIsPerToken();
    void headMatchesGet();
    void keepAliveReusesOneConnection();
    void parallelRequests();
    void bodyIsByteExactConcatenation();
    void runGrowsBetweenRequests();
    void largeRun();
    void requestLogRecordsWhatWasSent();
    void manyDistinctTokensKeepStateBounded();
    void interceptorReplacesResponses();
    void faultDelay();
    void faultDelayHitsClientTimeout();
    void faultCutBody();
    void faultReset();
    void faultNeverEnding();
    void faultLyingContentLength();
    void faultShortContentLength();

private:
    Fetched fetch(const QUrl &url, const QByteArray &authorization = QByteArray(),
                  const QByteArray &verb = "GET", int transferTimeoutMs = 0, int waitMs = 10000);
    QUrl url(const QString &query = QString(), qint64 org = kOrg, qint64 run = kRun) const;

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestLogsEndpoint::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, kRun, kEntries));
    // A fresh manager per test: no connection (or cached redirect) leaks from one test to another.
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestLogsEndpoint::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

QUrl TestLogsEndpoint::url(const QString &query, qint64 org, qint64 run) const
{
    QUrl result = m_server->logsUrl(org, run);
    if (!query.isEmpty())
        result.setQuery(query);
    return result;
}

Fetched TestLogsEndpoint::fetch(const QUrl &url, const QByteArray &authorization,
                                const QByteArray &verb, int transferTimeoutMs, int waitMs)
{
    QNetworkRequest request(url);
    if (!authorization.isNull())
        request.setRawHeader("Authorization", authorization);
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = verb == "GET"   ? m_nam->get(request)
                         : verb == "HEAD" ? m_nam->head(request)
                                          : m_nam->sendCustomRequest(request, verb);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Fetched result;
    result.finished = finished.wait(waitMs) || !finished.isEmpty();
    if (!result.finished)
        reply->abort();
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        result.body = reply->readAll();
    result.reply = reply;
    reply->deleteLater();
    return result;
}

void TestLogsEndpoint::firstPageWithDefaults()
{
    const Fetched page = fetch(url());
    QVERIFY(page.finished);
    QCOMPARE(page.error, QNetworkReply::NoError);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(page.body.startsWith(
            "{\"id\":1001,\"organization_id\":7,\"status\":\"COMPLETE\",\"created_at\":\"2025-01-01T00:00:00Z\","
            "\"web_url\":\"https://codegen.com/agent/trace/1001\",\"result\":null,\"metadata\":{\"sample\":true},\"logs\":["));
    QVERIFY(page.body.endsWith("],\"total_logs\":250,\"page\":1,\"size\":100,\"pages\":3}"));

    const QJsonObject json = page.json();
    const QJsonArray logs = json.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 100);
    QCOMPARE(thoughtOf(logs.first()), QStringLiteral("entry 0"));
    QCOMPARE(thoughtOf(logs.last()), QStringLiteral("entry 99"));
    QCOMPARE(logs.first().toObject().value(QStringLiteral("agent_run_id")).toInteger(), kRun);
}

void TestLogsEndpoint::paging_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("first");   // entry number of the first log, -1 when none
    QTest::addColumn<int>("last");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("pages");

    QTest::addRow("second page") << "skip=100&limit=100" << 100 << 100 << 199 << 2 << 100 << 3;
    QTest::addRow("short last page") << "skip=200" << 50 << 200 << 249 << 3 << 100 << 3;
    QTest::addRow("exactly at end") << "skip=250&limit=100" << 0 << -1 << -1 << 3 << 100 << 3;
    QTest::addRow("far beyond end") << "skip=1000&limit=100" << 0 << -1 << -1 << 11 << 100 << 3;
    QTest::addRow("limit one") << "skip=5&limit=1" << 1 << 5 << 5 << 6 << 1 << 250;
    QTest::addRow("unaligned skip") << "skip=5&limit=10" << 10 << 5 << 14 << 1 << 10 << 25;
    QTest::addRow("limit max") << "limit=100&skip=150" << 100 << 150 << 249 << 2 << 100 << 3;
    QTest::addRow("reverse first") << "reverse=true" << 100 << 249 << 150 << 1 << 100 << 3;
    QTest::addRow("reverse last") << "reverse=true&skip=200" << 50 << 49 << 0 << 3 << 100 << 3;
    QTest::addRow("reverse small") << "reverse=true&skip=240&limit=20" << 10 << 9 << 0 << 13 << 20 << 13;
    QTest::addRow("reverse beyond") << "reverse=true&skip=250" << 0 << -1 << -1 << 3 << 100 << 3;
    QTest::addRow("repeated param, last wins") << "limit=5&limit=7" << 7 << 0 << 6 << 1 << 7 << 36;
    QTest::addRow("unknown param ignored") << "limit=3&foo=bar" << 3 << 0 << 2 << 1 << 3 << 84;
}

void TestLogsEndpoint::paging()
{
    QFETCH(QString, query);
    QFETCH(int, count);
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(int, page);
    QFETCH(int, size);
    QFETCH(int, pages);

    const Fetched reply = fetch(url(query));
    QCOMPARE(reply.status, 200);
    const QJsonObject json = reply.json();
    const QJsonArray logs = json.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), count);
    if (count > 0) {
        QCOMPARE(thoughtOf(logs.first()), QStringLiteral("entry %1").arg(first));
        QCOMPARE(thoughtOf(logs.last()), QStringLiteral("entry %1").arg(last));
        // Consecutive entries, in the requested direction.
        const int step = first <= last ? 1 : -1;
        for (int i = 0; i < logs.size(); ++i)
            QCOMPARE(thoughtOf(logs.at(i)), QStringLiteral("entry %1").arg(first + i * step));
    }
    QCOMPARE(json.value(QStringLiteral("total_logs")).toInt(), kEntries);
    QCOMPARE(json.value(QStringLiteral("page")).toInt(), page);
    QCOMPARE(json.value(QStringLiteral("size")).toInt(), size);
    QCOMPARE(json.value(QStringLiteral("pages")).toInt(), pages);
}

void TestLogsEndpoint::reverseSpellings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("reversed");
    for (const char *v : {"true", "True", "TRUE", "1", "yes", "YES", "on", "On", "t", "y"})
        QTest::addRow("%s", v) << QString::fromLatin1(v) << true;
    for (const char *v : {"false", "False", "0", "no", "off", "OFF", "f", "n"})
        QTest::addRow("%s", v) << QString::fromLatin1(v) << false;
}

void TestLogsEndpoint::reverseSpellings()
{
    QFETCH(QString, value);
    QFETCH(bool, reversed);
    const Fetched reply = fetch(url(QStringLiteral("limit=2&reverse=") + value));
    QCOMPARE(reply.status, 200);
    const QJsonArray logs = reply.json().value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 2);
    QCOMPARE(thoughtOf(logs.first()), reversed ? QStringLiteral("entry 249") : QStringLiteral("entry 0"));
}

void TestLogsEndpoint::acceptedIntegerSpellings_data()
{
    // pydantic v2 in lax mode accepts these for an int parameter.
    QTest::addColumn<QString>("limit");
    QTest::addColumn<int>("size");
    QTest::addRow("plain") << "10" << 10;
    QTest::addRow("plus sign") << "%2B10" << 10;
    QTest::addRow("whitespace") << "%2010%20" << 10;
    QTest::addRow("plus as space") << "+10+" << 10;
    QTest::addRow("zero fraction") << "10.0" << 10;
    QTest::addRow("underscore") << "1_0" << 10;
    QTest::addRow("leading zeros") << "0010" << 10;
}

void TestLogsEndpoint::acceptedIntegerSpellings()
{
    QFETCH(QString, limit);
    QFETCH(int, size);
    const Fetched reply = fetch(url(QStringLiteral("limit=") + limit));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("size")).toInt(), size);
    QCOMPARE(reply.json().value(QStringLiteral("logs")).toArray().size(), size);
}

void TestLogsEndpoint::validationErrors_data()
{
    QTest::addColumn<QString>("path");     // empty: the run's logs path
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("expected");

    const QString logs = LogsEndpoint::logsPath(kOrg, kRun);
    const QByteArray intMsg = "Input should be a valid integer, unable to parse string as an integer";

    QTest::addRow("limit 0") << logs << "limit=0"
            << QByteArray(R"({"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]})");
    QTest::addRow("limit 101") << logs << "limit=101"
            << QByteArray(R"({"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]})");
    QTest::addRow("limit negative") << logs << "limit=-5"
            << QByteArray(R"({"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"-5","ctx":{"ge":1}}]})");
    QTest::addRow("limit huge") << logs << "limit=99999999999999999999999"
            << QByteArray(R"({"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"99999999999999999999999","ctx":{"le":100}}]})");
    QTest::addRow("skip negative") << logs << "skip=-1"
            << QByteArray(R"({"detail":[{"type":"greater_than_equal","loc":["query","skip"],"msg":"Input should be greater than or equal to 0","input":"-1","ctx":{"ge":0}}]})");
    QTest::addRow("skip text") << logs << "skip=abc"
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["query","skip"],"msg":")" + intMsg + R"(","input":"abc"}]})");
    QTest::addRow("limit fraction") << logs << "limit=1.5"
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":")" + intMsg + R"(","input":"1.5"}]})");
    QTest::addRow("limit empty") << logs << "limit="
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["query","limit"],"msg":")" + intMsg + R"(","input":""}]})");
    QTest::addRow("reverse maybe") << logs << "reverse=maybe"
            << QByteArray(R"({"detail":[{"type":"bool_parsing","loc":["query","reverse"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]})");
    QTest::addRow("org text") << QStringLiteral("/v1/alpha/organizations/abc/agent/run/1001/logs") << QString()
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["path","org_id"],"msg":")" + intMsg + R"(","input":"abc"}]})");
    QTest::addRow("run text") << QStringLiteral("/v1/alpha/organizations/7/agent/run/12x/logs") << QString()
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["path","agent_run_id"],"msg":")" + intMsg + R"(","input":"12x"}]})");
    QTest::addRow("everything wrong, in order")
            << QStringLiteral("/v1/alpha/organizations/o/agent/run/r/logs") << "reverse=2&limit=0&skip=x"
            << QByteArray(R"({"detail":[)"
                          R"({"type":"int_parsing","loc":["path","org_id"],"msg":")" + intMsg + R"(","input":"o"},)"
                          R"({"type":"int_parsing","loc":["path","agent_run_id"],"msg":")" + intMsg + R"(","input":"r"},)"
                          R"({"type":"int_parsing","loc":["query","skip"],"msg":")" + intMsg + R"(","input":"x"},)"
                          R"({"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}},)"
                          R"({"type":"bool_parsing","loc":["query","reverse"],"msg":"Input should be a valid boolean, unable to interpret input","input":"2"}]})");
    QTest::addRow("input with quotes echoed safely") << logs << "skip=%22%3Cx%3E%22"
            << QByteArray(R"({"detail":[{"type":"int_parsing","loc":["query","skip"],"msg":")" + intMsg + R"(","input":"\"<x>\""}]})");
}

void TestLogsEndpoint::validationErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QByteArray, expected);

    QUrl target = m_server->baseUrl();
    target.setPath(path);
    if (!query.isEmpty())
        target.setQuery(query);
    const Fetched reply = fetch(target);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(reply.body, expected);
    QVERIFY(!QJsonDocument::fromJson(reply.body).isNull());
}

void TestLogsEndpoint::forbiddenOrganization()
{
    const Fetched reply = fetch(url(QString(), 8, kRun));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.body, QByteArray(R"({"message":"You do not have access to this organization.","status_code":403})"));
    QCOMPARE(reply.error, QNetworkReply::ContentAccessDenied);

    // An explicit list replaces the default (the runs' organizations).
    m_server->endpoint().setAccessibleOrganizations({99});
    QCOMPARE(fetch(url()).status, 403);
}

void TestLogsEndpoint::runOfAnotherOrganizationIsForbidden()
{
    m_server->addRun(makeRun(8, 2001, 3));
    QCOMPARE(fetch(url(QString(), 8, 2001)).status, 200);
    const Fetched reply = fetch(url(QString(), kOrg, 2001));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.body, QByteArray(R"({"message":"You do not have access to this organization.","status_code":403})"));
}

void TestLogsEndpoint::runNotFound()
{
    const Fetched reply = fetch(url(QString(), kOrg, 9999));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.body, QByteArray(R"({"message":"Agent run not found.","status_code":404})"));
    // Beyond 64 bits is still an integer to pydantic: not found, not a validation error.
    QUrl huge = m_server->baseUrl();
    huge.setPath(QStringLiteral("/v1/alpha/organizations/7/agent/run/123456789012345678901234567890/logs"));
    QCOMPARE(fetch(huge).status, 404);
}

void TestLogsEndpoint::unknownPathsAndMethods()
{
    const QByteArray notFound = R"({"detail":"Not Found"})";
    for (const char *path : {"/", "/v1/alpha/organizations/7/agent/run/1001", "/v1/alpha/organizations/7/agent/run/1001/logs/x",
                             "/v1/alpha/organizations//agent/run/1001/logs", "/v2/alpha/organizations/7/agent/run/1001/logs"}) {
        QUrl target = m_server->baseUrl();
        target.setPath(QString::fromLatin1(path));
        const Fetched reply = fetch(target);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.body, notFound);
    }
    for (const QByteArray &verb : {QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE"), QByteArray("PATCH")}) {
        const Fetched reply = fetch(url(), QByteArray(), verb);
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.body, QByteArray(R"({"detail":"Method Not Allowed"})"));
        QCOMPARE(reply.header("Allow"), QByteArray("GET, HEAD"));
    }
}

void TestLogsEndpoint::trailingSlashRedirects()
{
    QUrl slashed = url(QStringLiteral("limit=2"));
    slashed.setPath(slashed.path() + QLatin1Char('/'));
    const Fetched reply = fetch(slashed);
    QCOMPARE(reply.status, 307);
    const QUrl location = QUrl::fromEncoded(reply.header("Location"));
    QCOMPARE(location, url(QStringLiteral("limit=2")));
}

void TestLogsEndpoint::tokenRequired()
{
    m_server->setRequiredToken("s3cret");
    const QByteArray invalid = R"({"message":"Invalid or expired API token.","status_code":401})";
    for (const QByteArray &auth : {QByteArray(), QByteArray("Bearer wrong"), QByteArray("s3cret"),
                                   QByteArray("Basic s3cret"), QByteArray("Bearer"), QByteArray("Bearer s3cret2")}) {
        const Fetched reply = fetch(url(), auth);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.body, invalid);
        QCOMPARE(reply.error, QNetworkReply::AuthenticationRequiredError);
    }
    QCOMPARE(fetch(url(), bearer("s3cret")).status, 200);
    QCOMPARE(fetch(url(), "bearer s3cret").status, 200);
}

// On the endpoint's own clock, driven by the test: each request comes at a stated moment, so the
// window's edges are checked to the millisecond and no busy machine can blur them.
void TestLogsEndpoint::rateLimitAndRecovery()
{
    constexpr int kWindowMs = 600;
    qint64 now = 1000;
    m_server->endpoint().setClockForTesting([&now] { return now; });
    m_server->setRateLimit(3, kWindowMs);
    const QByteArray token = bearer("t1");
    const QByteArray refusedBody = R"({"message":"Rate limit exceeded. Please try again later.","status_code":429})";
    for (qint64 at : {1010, 1020, 1030}) {
        now = at;
        QCOMPARE(fetch(url(), token).status, 200);
    }
    // Refused requests do not count: however often the client knocks, the window still opens.
    for (qint64 at : {1130, 1330, 1609}) {
        now = at;
        const Fetched refused = fetch(url(), token);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.body, refusedBody);
        QVERIFY(refused.header("Retry-After").isNull());
    }
    // A window after the first admitted request, exactly, its slot is free; the other two still
    // count until their own window has passed.
    now = 1610;
    QCOMPARE(fetch(url(), token).status, 200);
    QCOMPARE(fetch(url(), token).status, 429);
    now = 1620;
    QCOMPARE(fetch(url(), token).status, 200);
    now = 1630;
    QCOMPARE(fetch(url(), token).status, 200);
    QCOMPARE(fetch(url(), token).status, 429);

    const QList<LogsRequestRecord> log = m_server->requestLog();
    QList<int> statuses;
    QList<qint64> times;
    for (const LogsRequestRecord &record : log) {
        statuses << record.status;
        times << record.elapsedMs;
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 429, 429, 429, 200, 429, 200, 200, 429}));
    QCOMPARE(times, (QList<qint64>{1010, 1020, 1030, 1130, 1330, 1609, 1610, 1610, 1620, 1630, 1630}));
}

void TestLogsEndpoint::rateLimitIsPerToken()
{
    m_server->setRateLimit(2, 60000);
    QCOMPARE(fetch(url(), bearer("a")).status, 200);
    QCOMPARE(fetch(url(), bearer("a")).status, 200);
    QCOMPARE(fetch(url(), bearer("a")).status, 429);
    QCOMPARE(fetch(url(), bearer("b")).status, 200);
    QCOMPARE(fetch(url()).status, 200);   // no token: keyed by the client's address
    QCOMPARE(fetch(url()).status, 200);
    QCOMPARE(fetch(url()).status, 429);
    // Errors count too: the limiter runs before validation.
    QCOMPARE(fetch(url(QStringLiteral("limit=0")), bearer("c")).status, 422);
    QCOMPARE(fetch(url(QString(), kOrg, 4242), bearer("c")).status, 404);
    QCOMPARE(fetch(url(), bearer("c")).status, 429);
    m_server->endpoint().resetRateLimit();
    QCOMPARE(fetch(url(), bearer("a")).status, 200);
}

void TestLogsEndpoint::headMatchesGet()
{
    const Fetched get = fetch(url(QStringLiteral("limit=10")));
    const Fetched head = fetch(url(QStringLiteral("limit=10")), QByteArray(), "HEAD");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length").toLongLong(), qint64(get.body.size()));
    QCOMPARE(head.header("Content-Type"), QByteArray("application/json"));
    // The connection stays usable after a body-less response.
    QCOMPARE(fetch(url(QStringLiteral("limit=1"))).status, 200);
    QCOMPARE(m_server->server().acceptedConnectionCount(), 1);
}

void TestLogsEndpoint::keepAliveReusesOneConnection()
{
    for (int i = 0; i < 6; ++i) {
        const Fetched reply = fetch(url(QStringLiteral("limit=10&skip=%1").arg(i * 10)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Connection").toLower(), QByteArray("keep-alive"));
        QCOMPARE(thoughtOf(reply.json().value(QStringLiteral("logs")).toArray().first()),
                 QStringLiteral("entry %1").arg(i * 10));
    }
    QCOMPARE(m_server->server().acceptedConnectionCount(), 1);
    QCOMPARE(m_server->server().handledRequestCount(), 6);
}

void TestLogsEndpoint::parallelRequests()
{
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 12; ++i)
        replies.append(m_nam->get(QNetworkRequest(url(QStringLiteral("limit=5&skip=%1").arg(i * 5)))));
    for (int i = 0; i < replies.size(); ++i) {
        QNetworkReply *reply = replies.at(i);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QJsonArray logs = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("logs")).toArray();
        QCOMPARE(thoughtOf(logs.first()), QStringLiteral("entry %1").arg(i * 5));
        reply->deleteLater();
    }
    // QNetworkAccessManager opens at most six connections per host.
    QVERIFY(m_server->server().acceptedConnectionCount() <= 6);
}

void TestLogsEndpoint::bodyIsByteExactConcatenation()
{
    const RunRecord awkward = makeAwkwardRun(kOrg, 3003, 4 * 1024 * 1024);
    m_server->addRun(awkward);
    for (const bool reverse : {false, true}) {
        const Fetched reply = fetch(url(reverse ? QStringLiteral("reverse=true") : QString(), kOrg, 3003));
        QCOMPARE(reply.status, 200);
        QList<QByteArray> entries = awkward.entries;
        if (reverse)
            std::reverse(entries.begin(), entries.end());
        const QByteArray expectedLogs = "\"logs\":[" + entries.join(',') + "],\"total_logs\":10,";
        QVERIFY(reply.body.contains(expectedLogs));
        QVERIFY(reply.body.contains("\"x_unknown_run_field\":[\"kept\",42]"));
        QVERIFY(reply.body.contains("\"max_u64\":18446744073709551615"));

        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(reply.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray logs = document.object().value(QStringLiteral("logs")).toArray();
        QCOMPARE(logs.size(), 10);
        for (const QJsonValue &entry : logs)
            QCOMPARE(entry.toObject().value(QStringLiteral("agent_run_id")).toInteger(), qint64(3003));
    }
}

void TestLogsEndpoint::runGrowsBetweenRequests()
{
    auto run = m_server->run(kRun);
    QVERIFY(run);
    QCOMPARE(fetch(url(QStringLiteral("skip=200"))).json().value(QStringLiteral("logs")).toArray().size(), 50);
    run->entries.append(makeSampleEntry(kRun, kEntries));
    run->setStatus(QStringLiteral("ACTIVE"));
    const QJsonObject json = fetch(url(QStringLiteral("skip=200"))).json();
    QCOMPARE(json.value(QStringLiteral("logs")).toArray().size(), 51);
    QCOMPARE(json.value(QStringLiteral("total_logs")).toInt(), kEntries + 1);
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
}

void TestLogsEndpoint::largeRun()
{
    m_server->addRun(makeRun(kOrg, 5005, 100000));
    QJsonObject json = fetch(url(QStringLiteral("skip=99950"), kOrg, 5005)).json();
    QJsonArray logs = json.value(QStringLiteral("logs")).toArray();
    QCOMPARE(logs.size(), 50);
    QCOMPARE(thoughtOf(logs.first()), QStringLiteral("entry 99950"));
    QCOMPARE(json.value(QStringLiteral("pages")).toInt(), 1000);
    QCOMPARE(json.value(QStringLiteral("page")).toInt(), 1000);
    json = fetch(url(QStringLiteral("reverse=1&limit=3"), kOrg, 5005)).json();
    logs = json.value(QStringLiteral("logs")).toArray();
    QCOMPARE(thoughtOf(logs.first()), QStringLiteral("entry 99999"));
    QCOMPARE(thoughtOf(logs.last()), QStringLiteral("entry 99997"));
}

void TestLogsEndpoint::requestLogRecordsWhatWasSent()
{
    fetch(url(QStringLiteral("skip=10&limit=20&reverse=true")), bearer("tok"));
    fetch(url(QStringLiteral("limit=0")));
    QUrl other = m_server->baseUrl();
    other.setPath(QStringLiteral("/elsewhere"));
    fetch(other);

    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).method, QByteArray("GET"));
    QCOMPARE(log.at(0).path, LogsEndpoint::logsPath(kOrg, kRun));
    QCOMPARE(log.at(0).skip, QStringLiteral("10"));
    QCOMPARE(log.at(0).limit, QStringLiteral("20"));
    QCOMPARE(log.at(0).reverse, QStringLiteral("true"));
    QCOMPARE(log.at(0).authorization, QByteArray("Bearer tok"));
    QCOMPARE(log.at(0).status, 200);
    QVERIFY(log.at(1).skip.isNull());
    QVERIFY(log.at(1).reverse.isNull());
    QCOMPARE(log.at(1).limit, QStringLiteral("0"));
    QVERIFY(log.at(1).authorization.isNull());
    QCOMPARE(log.at(1).status, 422);
    QCOMPARE(log.at(2).status, 404);
    QVERIFY(log.at(0).elapsedMs <= log.at(1).elapsedMs && log.at(1).elapsedMs <= log.at(2).elapsedMs);

    m_server->clearRequestLog();
    QVERIFY(m_server->requestLog().isEmpty());
}

// A client that invents a token for every request (or a long demo session) must not grow the
// endpoint's memory: the log keeps the newest records, the limiter a bounded number of clients,
// and a client still within its window keeps its count.
void TestLogsEndpoint::manyDistinctTokensKeepStateBounded()
{
    m_server->setRateLimit(2, 60000);
    QCOMPARE(fetch(url(), bearer("steady")).status, 200);
    const int flood = LogsEndpoint::kMaxRequestLogRecords + 100;
    QVERIFY(flood > LogsEndpoint::kMaxRateLimitClients);
    int finished = 0;
    int ok = 0;
    const QByteArray longToken(20000, 'x');
    for (int i = 0; i < flood; ++i) {
        QNetworkRequest request(url(QStringLiteral("limit=1&skip=%1").arg(i)));
        // Distinct tokens, one of them far longer than anything worth keeping.
        request.setRawHeader("Authorization", bearer(i == flood - 1 ? longToken : "flood-" + QByteArray::number(i)));
        QNetworkReply *reply = m_nam->get(request);
        connect(reply, &QNetworkReply::finished, this, [reply, &finished, &ok] {
            ++finished;
            ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, flood, 60000);
    QCOMPARE(ok, flood); // every new client is within its own limit
    QVERIFY(m_server->endpoint().rateLimitedClientCount() <= LogsEndpoint::kMaxRateLimitClients);

    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), LogsEndpoint::kMaxRequestLogRecords);
    QCOMPARE(m_server->requestCount(), flood + 1);
    int longest = 0;
    for (const LogsRequestRecord &record : log)
        longest = std::max(longest, int(record.authorization.size()));
    QCOMPARE(longest, LogsEndpoint::kMaxRecordedFieldBytes);

    // The newest client's window is intact: its third request in the window is refused.
    QCOMPARE(fetch(url(), bearer("latest")).status, 200);
    QCOMPARE(fetch(url(), bearer("latest")).status, 200);
    QCOMPARE(fetch(url(), bearer("latest")).status, 429);
    QVERIFY(m_server->endpoint().rateLimitedClientCount() <= LogsEndpoint::kMaxRateLimitClients);
    QCOMPARE(m_server->requestLog().last().status, 429);
}

void TestLogsEndpoint::interceptorReplacesResponses()
{
    m_server->setInterceptor([](const HttpRequest &, int index) -> std::optional<HttpResponse> {
        if (index == 0)
            return HttpResponse::text(503, "<html>upstream down</html>", "text/html");
        if (index == 1) {
            // A lying total: claims 5000 entries but sends two.
            return HttpResponse::json(200, R"({"id":1001,"organization_id":7,"logs":[{"agent_run_id":1001},{"agent_run_id":1001}],"total_logs":5000})");
        }
        return std::nullopt;
    });
    const Fetched unavailable = fetch(url());
    QCOMPARE(unavailable.status, 503);
    QCOMPARE(unavailable.body, QByteArray("<html>upstream down</html>"));
    const Fetched lying = fetch(url());
    QCOMPARE(lying.json().value(QStringLiteral("total_logs")).toInt(), 5000);
    QCOMPARE(fetch(url()).status, 200);

    const QList<LogsRequestRecord> log = m_server->requestLog();
    QCOMPARE(log.size(), 3);
    QVERIFY(log.at(0).intercepted);
    QCOMPARE(log.at(0).status, 503);
    QVERIFY(!log.at(2).intercepted);
    QCOMPARE(m_server->requestCount(), 3);
}

void TestLogsEndpoint::faultDelay()
{
    m_server->setInterceptor([this](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = m_server->endpoint().handle(request);
        response.delayMs = 400;
        return response;
    });
    QElapsedTimer clock;
    clock.start();
    const Fetched reply = fetch(url(QStringLiteral("limit=3")));
    QVERIFY(clock.elapsed() >= 390);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("logs")).toArray().size(), 3);
}

void TestLogsEndpoint::faultDelayHitsClientTimeout()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse response = HttpResponse::json(200, "{}");
        response.delayMs = 5000;
        return response;
    });
    const Fetched reply = fetch(url(), QByteArray(), "GET", 300);
    QVERIFY(reply.finished);
    QVERIFY2(reply.error == QNetworkReply::OperationCanceledError || reply.error == QNetworkReply::TimeoutError,
             qPrintable(QString::number(reply.error)));
    // The server notices the client leaving and drops the pending response without crashing.
    QTRY_COMPARE(m_server->server().openConnectionCount(), 0);
}

void TestLogsEndpoint::faultCutBody()
{
    QByteArray full;
    m_server->setInterceptor([this, &full](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = m_server->endpoint().handle(request);
        full = response.body;
        response.cutBodyAfter = 100;
        return response;
    });
    const Fetched reply = fetch(url());
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(reply.header("Content-Length").toLongLong(), qint64(full.size()));
    QVERIFY(reply.body.size() <= 100);
    QVERIFY(full.startsWith(reply.body));
    QVERIFY(QJsonDocument::fromJson(reply.body).isNull());
}

void TestLogsEndpoint::faultReset()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse response;
        response.resetConnection = true;
        return response;
    });
    const Fetched reply = fetch(url());
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, 0);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QVERIFY(reply.body.isEmpty());
}

void TestLogsEndpoint::faultNeverEnding()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse response = HttpResponse::json(200, R"({"id":1001,"organization_id":7,"logs":[)");
        response.neverEnding = true;
        return response;
    });
    QNetworkReply *reply = m_nam->get(QNetworkRequest(url()));
    QSignalSpy progress(reply, &QNetworkReply::downloadProgress);
    // The bytes keep coming, so an inactivity timeout never fires: only a deadline helps.
    QTest::qWait(1200);
    QVERIFY(!reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(progress.size() >= 3);
    QVERIFY(reply->bytesAvailable() > 40);
    QCOMPARE(m_server->server().openConnectionCount(), 1);
    reply->abort();
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    reply->deleteLater();
    m_nam.reset();   // closes the connection for good
    QTRY_COMPARE(m_server->server().openConnectionCount(), 0);
}

void TestLogsEndpoint::faultLyingContentLength()
{
    const QByteArray body = R"({"id":1001,"organization_id":7,"logs":[]})";
    m_server->setInterceptor([&body](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse response = HttpResponse::json(200, body);
        response.lieContentLength = body.size() + 500;
        return response;
    });
    const Fetched reply = fetch(url());
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(reply.header("Content-Length").toLongLong(), qint64(body.size() + 500));
    QCOMPARE(reply.body, body);
}

void TestLogsEndpoint::faultShortContentLength()
{
    const QByteArray body = R"({"id":1001,"organization_id":7,"logs":[]})";
    m_server->setInterceptor([&body](const HttpRequest &, int) -> std::optional<HttpResponse> {
        HttpResponse response = HttpResponse::json(200, body);
        response.lieContentLength = 10;
        return response;
    });
    const Fetched reply = fetch(url());
    QVERIFY(reply.finished);
    // The client believes the header: a truncated, unparseable body that looks complete.
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.body, body.left(10));
    QVERIFY(QJsonDocument::fromJson(reply.body).isNull());
}

QTEST_MAIN(TestLogsEndpoint)
#include "tst_logsendpoint.moc"
