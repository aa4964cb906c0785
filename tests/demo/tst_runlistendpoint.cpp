// SPDX-License-Identifier: MIT
// The organization's run list on the spec server (and so the demo), seen by a real client over
// HTTP on 127.0.0.1: newest first, paging, filters, the item's shape, 401/403/422, the single
// run's fields, and one rate limit per token shared with the logs endpoint.
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr int kRuns = 250;

struct Fetched
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Run 1000 + i, created at minute i: GITHUB for i % 3 == 0, else SLACK; user 1 + i % 2; a pull
// request for i % 5 == 0.
RunRecord listedRun(int i)
{
    return makeListedRun(kOrg, 1000 + i, i, i % 3 == 0 ? QStringLiteral("GITHUB") : QStringLiteral("SLACK"), 1 + i % 2,
                         i % 5 == 0);
}

QList<qint64> idsOf(const QJsonObject &page)
{
    QList<qint64> ids;
    for (const QJsonValue &item : page.value(QStringLiteral("items")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}
} // namespace

class TestRunListEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pagesNewestFirst();
    void itemShape();
    void filters_data();
    void filters();
    void badParameters_data();
    void badParameters();
    void tokenAndAccess();
    void oneBudgetWithTheLogs();
    void singleRun();

private:
    Fetched get(const QString &pathAndQuery, const QByteArray &authorization = QByteArray());

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestRunListEndpoint::init()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    for (int i = 0; i < kRuns; ++i)
        m_server->addRun(listedRun(i));
    // Another organization's run never shows in org 7's list.
    m_server->addRun(makeListedRun(8, 5000, 9999, QStringLiteral("GITHUB"), 1));
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestRunListEndpoint::cleanup()
{
    m_network.reset();
    m_server.reset();
}

Fetched TestRunListEndpoint::get(const QString &pathAndQuery, const QByteArray &authorization)
{
    QNetworkRequest request(QUrl(m_server->baseUrl().toString() + pathAndQuery));
    if (!authorization.isNull())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_network->get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        qFatal("no answer");
    Fetched fetched;
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.body = reply->readAll();
    reply->deleteLater();
    return fetched;
}

void TestRunListEndpoint::pagesNewestFirst()
{
    const Fetched first = get(QStringLiteral("/v1/organizations/7/agent/runs"));
    QCOMPARE(first.status, 200);
    const QJsonObject page = first.json();
    QCOMPARE(page.value(QStringLiteral("total")).toInteger(), qint64(kRuns));
    QCOMPARE(page.value(QStringLiteral("page")).toInteger(), qint64(1));
    QCOMPARE(page.value(QStringLiteral("size")).toInteger(), qint64(100));
    QCOMPARE(page.value(QStringLiteral("pages")).toInteger(), qint64(3));
    QList<qint64> expected;
    for (qint64 id = 1249; id >= 1150; --id)
        expected.append(id);
    QCOMPARE(idsOf(page), expected);

    const QJsonObject last = get(QStringLiteral("/v1/organizations/7/agent/runs?skip=200&limit=100")).json();
    expected.clear();
    for (qint64 id = 1049; id >= 1000; --id)
        expected.append(id);
    QCOMPARE(idsOf(last), expected);
    QCOMPARE(last.value(QStringLiteral("page")).toInteger(), qint64(3));

    const QJsonObject small = get(QStringLiteral("/v1/organizations/7/agent/runs?skip=3&limit=2")).json();
    QCOMPARE(idsOf(small), (QList<qint64>{1246, 1245}));
    QCOMPARE(small.value(QStringLiteral("pages")).toInteger(), qint64(125));
    QVERIFY(idsOf(get(QStringLiteral("/v1/organizations/7/agent/runs?skip=250")).json()).isEmpty());
}

void TestRunListEndpoint::itemShape()
{
    const Fetched fetched = get(QStringLiteral("/v1/organizations/7/agent/runs?skip=245&limit=1")); // run 1004
    QCOMPARE(fetched.status, 200);
    // The reference's fields in its order, as the server writes them (no other field).
    const QByteArray expected =
        "{\"items\":[{\"id\":1004,\"organization_id\":7,\"status\":\"COMPLETE\",\"created_at\":\"2025-01-01T00:04:00Z\","
        "\"web_url\":\"https://codegen.com/agent/trace/1004\",\"result\":null,\"summary\":\"summary of run 1004\","
        "\"source_type\":\"SLACK\",\"github_pull_requests\":[],\"metadata\":{\"sample\":true}}],"
        "\"total\":250,\"page\":246,\"size\":1,\"pages\":250}";
    QCOMPARE(fetched.body, expected);
    const QJsonObject withPull = get(QStringLiteral("/v1/organizations/7/agent/runs?skip=244&limit=1")).json(); // 1005
    const QJsonObject pull = withPull.value(QStringLiteral("items")).toArray().first().toObject()
                                 .value(QStringLiteral("github_pull_requests")).toArray().first().toObject();
    QCOMPARE(pull.value(QStringLiteral("url")).toString(), QStringLiteral("https://github.com/acme/repo/pull/1005"));
    QCOMPARE(pull.value(QStringLiteral("head_branch_name")).toString(), QStringLiteral("branch-1005"));
    // The logs of a listed run carry none of the list's own fields.
    const QJsonObject logs = get(QStringLiteral("/v1/alpha/organizations/7/agent/run/1005/logs")).json();
    QVERIFY(!logs.contains(QStringLiteral("summary")));
    QVERIFY(!logs.contains(QStringLiteral("github_pull_requests")));
}

void TestRunListEndpoint::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<qint64>>("expected");
    const auto expectedIds = [](auto keep) {
        QList<qint64> ids;
        for (int i = kRuns - 1; i >= 0; --i) {
            if (keep(i))
                ids.append(1000 + i);
        }
        return ids.mid(0, 100);
    };
    QTest::addRow("source_type") << QStringLiteral("source_type=GITHUB") << expectedIds([](int i) { return i % 3 == 0; });
    QTest::addRow("user_id") << QStringLiteral("user_id=2") << expectedIds([](int i) { return i % 2 == 1; });
    QTest::addRow("both") << QStringLiteral("user_id=1&source_type=SLACK")
                          << expectedIds([](int i) { return i % 2 == 0 && i % 3 != 0; });
    QTest::addRow("nobody") << QStringLiteral("user_id=77") << QList<qint64>();
    QTest::addRow("a source nobody used") << QStringLiteral("source_type=JIRA") << QList<qint64>();
}

void TestRunListEndpoint::filters()
{
    QFETCH(QString, query);
    QFETCH(QList<qint64>, expected);
    const Fetched fetched = get(QStringLiteral("/v1/organizations/7/agent/runs?") + query);
    QCOMPARE(fetched.status, 200);
    QCOMPARE(idsOf(fetched.json()), expected);
}

void TestRunListEndpoint::badParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::addRow("limit 0") << QStringLiteral("limit=0") << QStringLiteral("limit") << QStringLiteral("greater_than_equal");
    QTest::addRow("limit 101") << QStringLiteral("limit=101") << QStringLiteral("limit") << QStringLiteral("less_than_equal");
    QTest::addRow("skip -1") << QStringLiteral("skip=-1") << QStringLiteral("skip") << QStringLiteral("greater_than_equal");
    QTest::addRow("skip text") << QStringLiteral("skip=x") << QStringLiteral("skip") << QStringLiteral("int_parsing");
    QTest::addRow("user_id text") << QStringLiteral("user_id=abc") << QStringLiteral("user_id") << QStringLiteral("int_parsing");
    QTest::addRow("unknown source") << QStringLiteral("source_type=FAX") << QStringLiteral("source_type") << QStringLiteral("enum");
    QTest::addRow("source in lower case") << QStringLiteral("source_type=github") << QStringLiteral("source_type") << QStringLiteral("enum");
}

void TestRunListEndpoint::badParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, name);
    QFETCH(QString, type);
    const Fetched fetched = get(QStringLiteral("/v1/organizations/7/agent/runs?") + query);
    QCOMPARE(fetched.status, 422);
    const QJsonObject detail = fetched.json().value(QStringLiteral("detail")).toArray().first().toObject();
    QCOMPARE(detail.value(QStringLiteral("type")).toString(), type);
    QCOMPARE(detail.value(QStringLiteral("loc")).toArray(), (QJsonArray{QStringLiteral("query"), name}));
    QVERIFY(!detail.value(QStringLiteral("msg")).toString().isEmpty());
}

void TestRunListEndpoint::tokenAndAccess()
{
    m_server->setRequiredToken(QByteArrayLiteral("good"));
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs")).status, 401);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs"), "Bearer bad").status, 401);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs"), "Bearer good").status, 200);
    const Fetched forbidden = get(QStringLiteral("/v1/organizations/9/agent/runs"), "Bearer good");
    QCOMPARE(forbidden.status, 403);
    QCOMPARE(forbidden.json().value(QStringLiteral("status_code")).toInt(), 403);
    QVERIFY(!forbidden.json().value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs/"), "Bearer good").status, 404);
}

void TestRunListEndpoint::oneBudgetWithTheLogs()
{
    // Three requests a minute per token, whichever endpoint they go to.
    m_server->setRateLimit(3, 60000);
    QCOMPARE(get(QStringLiteral("/v1/alpha/organizations/7/agent/run/1000/logs"), "Bearer a").status, 200);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs"), "Bearer a").status, 200);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/run/1000"), "Bearer a").status, 200);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs"), "Bearer a").status, 429);
    QCOMPARE(get(QStringLiteral("/v1/alpha/organizations/7/agent/run/1000/logs"), "Bearer a").status, 429);
    // Another token has a budget of its own.
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/runs"), "Bearer b").status, 200);
}

void TestRunListEndpoint::singleRun()
{
    const Fetched run = get(QStringLiteral("/v1/organizations/7/agent/run/1005"));
    QCOMPARE(run.status, 200);
    QCOMPARE(run.json().value(QStringLiteral("id")).toInteger(), qint64(1005));
    QCOMPARE(run.json().value(QStringLiteral("summary")).toString(), QStringLiteral("summary of run 1005"));
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/run/999")).status, 404);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/run/5000")).status, 403);
    QCOMPARE(get(QStringLiteral("/v1/organizations/7/agent/run/abc")).status, 422);
}

QTEST_MAIN(TestRunListEndpoint)
#include "tst_runlistendpoint.moc"
