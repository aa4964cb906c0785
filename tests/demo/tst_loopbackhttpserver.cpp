// SPDX-License-Identifier: MIT
// The loopback server's HTTP/1.1 handling, checked byte by byte from a raw TCP client: framing,
// keep-alive, pipelining, hostile input, and clients that leave mid-response.

#include "demo/loopbackhttpserver.h"

#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <random>
#include <vector>

namespace {

struct RawResponse
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return QByteArray();
    }
};

// Splits a byte stream into complete responses (Content-Length framing, or none for 204/304).
QList<RawResponse> parseResponses(const QByteArray &stream)
{
    QList<RawResponse> responses;
    qsizetype pos = 0;
    while (pos < stream.size()) {
        const qsizetype end = stream.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        const QList<QByteArray> lines = stream.mid(pos, end - pos).split('\n');
        RawResponse response;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        response.status = statusLine.value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        const qint64 length = response.header("Content-Length").toLongLong();
        if (stream.size() < end + 4 + length)
            break;
        response.body = stream.mid(end + 4, length);
        pos = end + 4 + length;
        responses.append(response);
    }
    return responses;
}

class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool waitConnected() { return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000); }
    void send(const QByteArray &data) { m_socket.write(data); m_socket.flush(); }
    bool waitForResponses(int count, int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this, count] { return parseResponses(m_received).size() >= count; }, timeoutMs);
    }
    bool waitForDisconnect(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    QList<RawResponse> responses() const { return parseResponses(m_received); }
    QByteArray received() const { return m_received; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

// Answers with "METHOD path|q=value|body" so that tests can see what the server parsed.
HttpResponse echo(const HttpRequest &request)
{
    HttpResponse response = HttpResponse::text(200, request.method + ' ' + request.path.toUtf8() + '|'
                                                            + request.queryValue(QStringLiteral("q")).toUtf8()
                                                            + '|' + request.body);
    if (request.path == QLatin1String("/slow"))
        response.delayMs = 300;
    if (request.path == QLatin1String("/nocontent")) {
        response = HttpResponse();
        response.status = 204;
    }
    if (request.path == QLatin1String("/forever")) {
        response.neverEnding = true;
    }
    if (request.path == QLatin1String("/evil")) {
        response.headers.append(qMakePair(QByteArray("Content-Length"), QByteArray("999")));
        response.headers.append(qMakePair(QByteArray("X-Note"), QByteArray("a\r\nX-Injected: 1")));
        response.headers.append(qMakePair(QByteArray("Bad Name"), QByteArray("x")));
    }
    return response;
}

} // namespace

class TestLoopbackHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listensOnLoopback();
    void simpleRequest();
    void decodesPathAndQuery();
    void bareLineFeedsAccepted();
    void pipelinedRequestsAnsweredInOrder();
    void bodyWithContentLengthIsConsumed();
    void connectionCloseHonoured();
    void http10ClosesByDefault();
    void noContentHasNoBody();
    void badRequests_data();
    void badRequests();
    void requestArrivingByteByByte();
    void serverOwnedHeadersCannotBeForged();
    void clientLeavesDuringDelay();
    void clientLeavesDuringNeverEnding();
    void floodWhileBusyIsCutOff();
    void randomInputNeverCrashes();
    void closeDropsOpenConnections();
    void noHandlerGives404();

private:
    std::unique_ptr<LoopbackHttpServer> m_server;
};

void TestLoopbackHttpServer::init()
{
    m_server = std::make_unique<LoopbackHttpServer>();
    m_server->setHandler(echo);
    QVERIFY(m_server->listen());
}

void TestLoopbackHttpServer::cleanup()
{
    m_server.reset();
}

void TestLoopbackHttpServer::listensOnLoopback()
{
    QVERIFY(m_server->isListening());
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
    // A second server cannot take the same port.
    LoopbackHttpServer other;
    QVERIFY(!other.listen(m_server->port()));
    QVERIFY(!other.errorString().isEmpty());
}

void TestLoopbackHttpServer::simpleRequest()
{
    QSignalSpy handled(m_server.get(), &LoopbackHttpServer::requestHandled);
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /hello?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    const RawResponse response = client.responses().first();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("GET /hello|1|"));
    QCOMPARE(response.header("Content-Length"), QByteArray::number(response.body.size()));
    QCOMPARE(response.header("Connection"), QByteArray("keep-alive"));
    QVERIFY(client.received().startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(handled.size(), 1);
    QCOMPARE(handled.first().at(1).toInt(), 200);
}

void TestLoopbackHttpServer::decodesPathAndQuery()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /a%20b/%C3%A9?q=1+2%2B3&q=last%20one HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().body, QByteArray("GET /a b/\xc3\xa9|last one|"));
    client.send("GET http://127.0.0.1/absolute?q=yes HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(1).body, QByteArray("GET /absolute|yes|"));
}

void TestLoopbackHttpServer::bareLineFeedsAccepted()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("\r\nGET /lf HTTP/1.1\nHost: x\n\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().body, QByteArray("GET /lf||"));
}

void TestLoopbackHttpServer::pipelinedRequestsAnsweredInOrder()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                "HEAD /two HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /three HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&client] { return client.received().count("HTTP/1.1 200") == 3; }, 5000));
    // The HEAD response announces the GET length but carries no body, so parse by hand.
    const QByteArray stream = client.received();
    const qsizetype first = stream.indexOf("GET /slow||");
    const qsizetype second = stream.indexOf("HTTP/1.1 200", first);
    const qsizetype third = stream.indexOf("GET /three||");
    QVERIFY(first > 0 && second > first && third > second);
    QVERIFY(!stream.contains("HEAD /two"));
    QCOMPARE(m_server->acceptedConnectionCount(), 1);
    QCOMPARE(m_server->handledRequestCount(), 3);
}

void TestLoopbackHttpServer::bodyWithContentLengthIsConsumed()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello");
    QTest::qWait(50);
    client.send(" worldGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(0).body, QByteArray("POST /post||hello world"));
    QCOMPARE(client.responses().at(1).body, QByteArray("GET /after||"));
}

void TestLoopbackHttpServer::connectionCloseHonoured()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /one HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().header("Connection"), QByteArray("close"));
    QCOMPARE(m_server->handledRequestCount(), 1);
    QTRY_COMPARE(m_server->openConnectionCount(), 0);
}

void TestLoopbackHttpServer::http10ClosesByDefault()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /old HTTP/1.0\r\n\r\n");
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().body, QByteArray("GET /old||"));

    RawClient keepAlive(m_server->port());
    QVERIFY(keepAlive.waitConnected());
    keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
    QVERIFY(keepAlive.waitForDisconnect());
    QCOMPARE(keepAlive.responses().size(), 2);
}

void TestLoopbackHttpServer::noContentHasNoBody()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /nocontent HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(2));
    QCOMPARE(client.responses().at(0).status, 204);
    QVERIFY(client.responses().at(0).header("Content-Length").isNull());
    QCOMPARE(client.responses().at(1).body, QByteArray("GET /next||"));
}

void TestLoopbackHttpServer::badRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::addRow("tls handshake") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe garbage\r\n\r\n", 14) << 400;
    QTest::addRow("no target") << QByteArray("GET\r\nHost: x\r\n\r\n") << 400;
    QTest::addRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::addRow("bad version") << QByteArray("GET / HTTX/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::addRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::addRow("relative target") << QByteArray("GET logs HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::addRow("missing host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("no colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400;
    QTest::addRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::addRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n") << 400;
    QTest::addRow("bad length") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1a\r\n\r\n") << 400;
    QTest::addRow("negative length") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::addRow("conflicting lengths")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::addRow("huge length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n") << 413;
    QTest::addRow("absurd length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999999999999\r\n\r\n") << 413;
    QTest::addRow("chunked body") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 501;
    QTest::addRow("huge header")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(LoopbackHttpServer::kMaxHeaderBytes + 10, 'a') + "\r\n\r\n") << 431;
    QByteArray many = "GET / HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < LoopbackHttpServer::kMaxHeaderCount + 5; ++i)
        many += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::addRow("too many headers") << QByteArray(many + "\r\n") << 431;
    QTest::addRow("endless request line")
            << QByteArray("GET /" + QByteArray(LoopbackHttpServer::kMaxHeaderBytes + 10, 'a')) << 414;
    QTest::addRow("control char in target") << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
}

void TestLoopbackHttpServer::badRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send(request);
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, status);
    QCOMPARE(client.responses().first().header("Connection"), QByteArray("close"));
    // After a framing error nothing else on that connection is trusted: it is closed.
    QVERIFY(client.waitForDisconnect());
    QCOMPARE(m_server->handledRequestCount(), 0);
    QTRY_COMPARE(m_server->openConnectionCount(), 0);

    // And the server still serves others.
    RawClient next(m_server->port());
    QVERIFY(next.waitConnected());
    next.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(next.waitForResponses(1));
    QCOMPARE(next.responses().first().status, 200);
}

void TestLoopbackHttpServer::requestArrivingByteByByte()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    const QByteArray request = "GET /slowly?q=z HTTP/1.1\r\nHost: x\r\n\r\n";
    for (char c : request) {
        client.send(QByteArray(1, c));
        QTest::qWait(1);
    }
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().body, QByteArray("GET /slowly|z|"));
}

void TestLoopbackHttpServer::serverOwnedHeadersCannotBeForged()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /evil HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    const RawResponse response = client.responses().first();
    QCOMPARE(response.header("Content-Length"), QByteArray::number(response.body.size()));
    QVERIFY(response.header("X-Injected").isNull());
    QVERIFY(response.header("X-Note").startsWith("a  X-Injected"));
    QVERIFY(!client.received().contains("Bad Name"));
}

void TestLoopbackHttpServer::clientLeavesDuringDelay()
{
    {
        RawClient client(m_server->port());
        QVERIFY(client.waitConnected());
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_server->handledRequestCount(), 1);
        client.socket().abort();
    }
    QTRY_COMPARE(m_server->openConnectionCount(), 0);
    QTest::qWait(400);   // past the delay: the cancelled send must not touch the dead socket
    RawClient next(m_server->port());
    QVERIFY(next.waitConnected());
    next.send("GET /fine HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(next.waitForResponses(1));
}

void TestLoopbackHttpServer::clientLeavesDuringNeverEnding()
{
    {
        RawClient client(m_server->port());
        QVERIFY(client.waitConnected());
        client.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&client] { return client.received().count("1\r\n \r\n") >= 3; }, 5000));
        QVERIFY(client.received().contains("Transfer-Encoding: chunked"));
        QVERIFY(!client.received().contains("Content-Length"));
        client.socket().disconnectFromHost();
    }
    QTRY_COMPARE(m_server->openConnectionCount(), 0);
    QTest::qWait(3 * LoopbackHttpServer::kTrickleIntervalMs);
}

void TestLoopbackHttpServer::floodWhileBusyIsCutOff()
{
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(m_server->handledRequestCount(), 1);
    const QByteArray junk(64 * 1024, 'x');
    for (int i = 0; i < 40 && client.socket().state() == QAbstractSocket::ConnectedState; ++i) {
        client.send(junk);
        QTest::qWait(5);
    }
    QVERIFY(client.waitForDisconnect());
    QTRY_COMPARE(m_server->openConnectionCount(), 0);
}

void TestLoopbackHttpServer::randomInputNeverCrashes()
{
    // Mutated requests and raw noise from many clients at once, some of which leave abruptly.
    std::mt19937 rng(4242);
    const QByteArray seed = "GET /x?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc";
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 60; ++i) {
        auto client = std::make_unique<RawClient>(m_server->port());
        QVERIFY(client->waitConnected());
        QByteArray data = seed;
        const int mutations = int(rng() % 8);
        for (int m = 0; m < mutations; ++m) {
            const int at = int(rng() % data.size());
            switch (rng() % 3) {
            case 0: data[at] = char(rng() % 256); break;
            case 1: data.remove(at, 1 + int(rng() % 4)); break;
            default: data.insert(at, QByteArray(1 + int(rng() % 8), char(rng() % 256))); break;
            }
            if (data.isEmpty())
                data = "\r\n";
        }
        if (i % 10 == 9) {
            data.clear();
            for (int b = 0; b < 4096; ++b)
                data += char(rng() % 256);
        }
        client->send(data);
        if (i % 7 == 3)
            client->socket().abort();
        clients.push_back(std::move(client));
    }
    QTest::qWait(300);
    clients.clear();
    QTRY_COMPARE(m_server->openConnectionCount(), 0);
    RawClient sane(m_server->port());
    QVERIFY(sane.waitConnected());
    sane.send("GET /still-here HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(sane.waitForResponses(1));
    QCOMPARE(sane.responses().first().body, QByteArray("GET /still-here||"));
}

void TestLoopbackHttpServer::closeDropsOpenConnections()
{
    RawClient streaming(m_server->port());
    RawClient idle(m_server->port());
    QVERIFY(streaming.waitConnected());
    QVERIFY(idle.waitConnected());
    streaming.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE(m_server->openConnectionCount(), 2);
    QTRY_COMPARE(m_server->handledRequestCount(), 1);
    m_server->close();
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->openConnectionCount(), 0);
    QVERIFY(streaming.waitForDisconnect());
    QVERIFY(idle.waitForDisconnect());
}

void TestLoopbackHttpServer::noHandlerGives404()
{
    m_server->setHandler(nullptr);
    RawClient client(m_server->port());
    QVERIFY(client.waitConnected());
    client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(client.waitForResponses(1));
    QCOMPARE(client.responses().first().status, 404);
}

QTEST_GUILESS_MAIN(TestLoopbackHttpServer)
#include "tst_loopbackhttpserver.moc"
