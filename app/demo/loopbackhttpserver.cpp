// SPDX-License-Identifier: MIT
#include "demo/loopbackhttpserver.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

struct LoopbackHttpServer::Connection
{
    QByteArray buffer;
    bool busy = false;      // a response is being prepared, delayed or trickled
    bool closing = false;   // the last response went out; ignore whatever else arrives
    QTimer *idleTimer = nullptr;
};

namespace {

enum class ParseStatus { NeedMore, Complete, Failed };

struct ParseResult
{
    ParseStatus status = ParseStatus::NeedMore;
    int errorStatus = 400;
    qsizetype consumed = 0;
};

ParseResult failed(int status)
{
    ParseResult result;
    result.status = ParseStatus::Failed;
    result.errorStatus = status;
    return result;
}

// RFC 9110 token characters: method and header names must consist of these.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool hasControlChars(const QByteArray &text, bool allowTab)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(allowTab && c == '\t')) || u == 0x7f)
            return true;
    }
    return false;
}

// Rejects obvious garbage (binary, TLS handshakes) before a whole header block has arrived, so a
// client that never sends CRLFCRLF still gets its 400 at once.
bool startsLikeRequestLine(const QByteArray &buffer, qsizetype start)
{
    for (qsizetype i = start; i < buffer.size(); ++i) {
        const char c = buffer.at(i);
        if (c == ' ')
            return i > start;
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool parseTarget(const QByteArray &method, const QByteArray &target, HttpRequest &request)
{
    QByteArray pathPart;
    QByteArray queryPart;
    if (target.startsWith('/')) {
        const qsizetype question = target.indexOf('?');
        pathPart = question < 0 ? target : target.left(question);
        queryPart = question < 0 ? QByteArray() : target.mid(question + 1);
    } else if (target.toLower().startsWith("http://") || target.toLower().startsWith("https://")) {
        const QUrl url = QUrl::fromEncoded(target, QUrl::StrictMode);
        if (!url.isValid())
            return false;
        pathPart = url.path(QUrl::FullyEncoded).toUtf8();
        if (pathPart.isEmpty())
            pathPart = "/";
        queryPart = url.query(QUrl::FullyEncoded).toUtf8();
    } else if (method == "OPTIONS" && target == "*") {
        pathPart = "*";
    } else {
        return false;
    }
    const qsizetype hash = queryPart.indexOf('#');
    if (hash >= 0)
        queryPart.truncate(hash);
    // Starlette decodes '+' in a query as a space (HTML form encoding); QUrlQuery does not.
    queryPart.replace('+', "%20");
    request.path = QUrl::fromPercentEncoding(pathPart);
    request.query.setQuery(QString::fromUtf8(queryPart));
    return true;
}

bool parseVersion(const QByteArray &version, int *major)
{
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.')
        return false;
    const char majorDigit = version.at(5);
    const char minorDigit = version.at(7);
    if (majorDigit < '0' || majorDigit > '9' || minorDigit < '0' || minorDigit > '9')
        return false;
    *major = majorDigit - '0';
    return true;
}

ParseResult parseRequest(const QByteArray &buffer, HttpRequest &request)
{
    // RFC 9112 §2.2: ignore empty lines before the request line (some clients send a CRLF after
    // a body).
    qsizetype start = 0;
    while (start < buffer.size() && (buffer.at(start) == '\r' || buffer.at(start) == '\n'))
        ++start;
    if (start == buffer.size())
        return {ParseStatus::NeedMore, 0, start};
    if (!startsLikeRequestLine(buffer, start))
        return failed(400);

    QList<QByteArray> lines;
    qsizetype bodyStart = -1;
    for (qsizetype pos = start;;) {
        const qsizetype newline = buffer.indexOf('\n', pos);
        if (newline < 0)
            break;
        QByteArray line = buffer.mid(pos, newline - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = newline + 1;
        if (line.isEmpty()) {
            bodyStart = pos;
            break;
        }
        lines.append(line);
        if (lines.size() > LoopbackHttpServer::kMaxHeaderCount + 1)
            return failed(431);
    }
    if (bodyStart < 0) {
        if (buffer.size() - start > LoopbackHttpServer::kMaxHeaderBytes)
            return failed(lines.isEmpty() ? 414 : 431);
        return {ParseStatus::NeedMore, 0, 0};
    }
    if (bodyStart - start > LoopbackHttpServer::kMaxHeaderBytes)
        return failed(lines.isEmpty() ? 414 : 431);

    const QList<QByteArray> requestLine = lines.constFirst().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty()
        || hasControlChars(requestLine.at(1), false)) {
        return failed(400);
    }
    int major = 0;
    if (!parseVersion(requestLine.at(2), &major))
        return failed(400);
    if (major != 1)
        return failed(505);

    request = HttpRequest();
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    request.version = requestLine.at(2);
    if (!parseTarget(request.method, request.target, request))
        return failed(400);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        // Obsolete line folding is a request-smuggling vector; RFC 9112 §5.2 allows a 400.
        if (line.startsWith(' ') || line.startsWith('\t'))
            return failed(400);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return failed(400);
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isToken(name) || hasControlChars(value, true))
            return failed(400);
        request.headers.append({name, value});
    }

    if (request.version == "HTTP/1.1" && !request.hasHeader("Host"))
        return failed(400);
    if (request.hasHeader("Transfer-Encoding"))
        return failed(501);

    qint64 contentLength = 0;
    bool seenLength = false;
    for (const auto &header : std::as_const(request.headers)) {
        if (header.first.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray &text = header.second;
        if (text.isEmpty() || text.size() > 18)
            return failed(text.size() > 18 ? 413 : 400);
        for (char c : text) {
            if (c < '0' || c > '9')
                return failed(400);
        }
        const qint64 length = text.toLongLong();
        if (seenLength && length != contentLength)
            return failed(400);
        contentLength = length;
        seenLength = true;
    }
    if (contentLength > LoopbackHttpServer::kMaxBodyBytes)
        return failed(413);
    if (buffer.size() - bodyStart < contentLength)
        return {ParseStatus::NeedMore, 0, 0};

    request.body = buffer.mid(bodyStart, contentLength);
    return {ParseStatus::Complete, 0, bodyStart + contentLength};
}

bool wantsClose(const HttpRequest &request)
{
    const QList<QByteArray> tokens = request.header("Connection").toLower().split(',');
    bool close = false;
    bool keepAlive = false;
    for (const QByteArray &token : tokens) {
        close = close || token.trimmed() == "close";
        keepAlive = keepAlive || token.trimmed() == "keep-alive";
    }
    if (request.version == "HTTP/1.0")
        return !keepAlive;
    return close;
}

bool isServerOwnedHeader(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0
        || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
        || name.compare("Connection", Qt::CaseInsensitive) == 0;
}

// A handler's header value must not be able to smuggle a second header or a body.
QByteArray sanitizedHeaderValue(QByteArray value)
{
    for (char &c : value) {
        if (c == '\r' || c == '\n')
            c = ' ';
    }
    return value;
}

QByteArray statusLineAndHeaders(const HttpResponse &response)
{
    const QByteArray reason = response.reason.isEmpty()
            ? HttpStatus::reasonPhrase(response.status)
            : sanitizedHeaderValue(response.reason);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason + "\r\n";
    for (const auto &header : response.headers) {
        if (!isToken(header.first) || isServerOwnedHeader(header.first))
            continue;
        head += header.first + ": " + sanitizedHeaderValue(header.second) + "\r\n";
    }
    return head;
}

bool statusForbidsBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

LoopbackHttpServer::LoopbackHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackHttpServer::onNewConnection);
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    close();
}

bool LoopbackHttpServer::listen(quint16 port)
{
    if (m_server->isListening())
        return true;
    return m_server->listen(QHostAddress::LocalHost, port);
}

void LoopbackHttpServer::close()
{
    m_server->close();
    const QList<QTcpSocket *> sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets)
        resetConnection(socket);
}

bool LoopbackHttpServer::isListening() const
{
    return m_server->isListening();
}

quint16 LoopbackHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl LoopbackHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QString LoopbackHttpServer::errorString() const
{
    return m_server->errorString();
}

void LoopbackHttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void LoopbackHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_acceptedConnections;
        auto connection = std::make_shared<Connection>();
        // A client that opens a connection and goes quiet must not pin it forever.
        connection->idleTimer = new QTimer(socket);
        connection->idleTimer->setSingleShot(true);
        connection->idleTimer->setInterval(kIdleTimeoutMs);
        connect(connection->idleTimer, &QTimer::timeout, socket, [this, socket] {
            Connection *c = connectionOf(socket);
            if (c && !c->busy)
                closeGracefully(socket);
        });
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
        connection->idleTimer->start();
        // Bytes may have arrived before the readyRead connection existed.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

LoopbackHttpServer::Connection *LoopbackHttpServer::connectionOf(QTcpSocket *socket) const
{
    const auto it = m_connections.constFind(socket);
    return it == m_connections.constEnd() ? nullptr : it.value().get();
}

void LoopbackHttpServer::onReadyRead(QTcpSocket *socket)
{
    Connection *connection = connectionOf(socket);
    if (!connection)
        return;
    const QByteArray data = socket->readAll();
    if (connection->closing)
        return;
    connection->buffer += data;
    // Pipelined bytes wait while a response is pending (or trickling forever); a client that
    // keeps sending meanwhile must not be able to grow the buffer without bound.
    if (connection->buffer.size() > kMaxHeaderBytes + kMaxBodyBytes) {
        resetConnection(socket);
        return;
    }
    if (!connection->busy) {
        connection->idleTimer->start();
        processBuffer(socket);
    }
}

void LoopbackHttpServer::onDisconnected(QTcpSocket *socket)
{
    forget(socket);
}

void LoopbackHttpServer::processBuffer(QTcpSocket *socket)
{
    for (;;) {
        Connection *connection = connectionOf(socket);
        if (!connection || connection->busy || connection->closing)
            return;
        HttpRequest request;
        const ParseResult parsed = parseRequest(connection->buffer, request);
        if (parsed.status == ParseStatus::NeedMore) {
            connection->buffer.remove(0, parsed.consumed);
            return;
        }
        if (parsed.status == ParseStatus::Failed) {
            sendProtocolError(socket, parsed.errorStatus);
            return;
        }
        connection->buffer.remove(0, parsed.consumed);
        connection->busy = true;
        connection->idleTimer->stop();
        request.peerAddress = socket->peerAddress();
        request.peerPort = socket->peerPort();

        HttpResponse response;
        if (m_handler) {
            response = m_handler(request);
        } else {
            response = HttpResponse::text(404, QByteArrayLiteral("No handler\n"));
        }
        if (response.status < 100 || response.status > 999)
            response = HttpResponse::text(500, QByteArrayLiteral("Handler returned a bad status\n"));
        ++m_handledRequests;
        emit requestHandled(request, response.status);
        // The handler or a slot may have closed the server meanwhile.
        if (!connectionOf(socket))
            return;
        dispatch(socket, request, response, wantsClose(request));
    }
}

void LoopbackHttpServer::dispatch(QTcpSocket *socket, const HttpRequest &request,
                                  const HttpResponse &response, bool closeAfter)
{
    const bool isHead = request.method == "HEAD";
    if (response.delayMs <= 0) {
        sendResponse(socket, isHead, response, closeAfter);
        return;
    }
    // The socket is the context: if it goes away first, the timer is cancelled with it.
    QTimer::singleShot(response.delayMs, socket, [this, socket, isHead, response, closeAfter] {
        if (!connectionOf(socket))
            return;
        sendResponse(socket, isHead, response, closeAfter);
        processBuffer(socket);
    });
}

void LoopbackHttpServer::sendResponse(QTcpSocket *socket, bool isHead,
                                      const HttpResponse &response, bool closeAfter)
{
    if (response.resetConnection) {
        resetConnection(socket);
        return;
    }
    if (response.neverEnding) {
        startNeverEnding(socket, isHead, response);
        return;
    }

    const bool noBody = statusForbidsBody(response.status);
    const bool faulty = response.cutBodyAfter >= 0 || response.lieContentLength >= 0;
    const bool close = closeAfter || faulty;

    QByteArray head = statusLineAndHeaders(response);
    if (!noBody) {
        const qint64 announced = response.lieContentLength >= 0 ? response.lieContentLength
                                                                : response.body.size();
        head += "Content-Length: " + QByteArray::number(announced) + "\r\n";
    }
    head += close ? QByteArrayLiteral("Connection: close\r\n\r\n")
                  : QByteArrayLiteral("Connection: keep-alive\r\n\r\n");
    socket->write(head);

    if (!noBody && !isHead) {
        if (response.cutBodyAfter >= 0)
            socket->write(response.body.left(response.cutBodyAfter));
        else
            socket->write(response.body);
    }

    if (close) {
        closeGracefully(socket);
        return;
    }
    finishResponse(socket);
}

void LoopbackHttpServer::startNeverEnding(QTcpSocket *socket, bool isHead,
                                          const HttpResponse &response)
{
    QTimer *trickle = new QTimer(socket);
    trickle->setInterval(kTrickleIntervalMs);
    QByteArray head = statusLineAndHeaders(response);
    if (isHead) {
        // A HEAD response ends with its headers, so the only way never to end is never to finish
        // the header block.
        socket->write(head);
        connect(trickle, &QTimer::timeout, socket, [socket] {
            socket->write(QByteArrayLiteral("X-Trickle: 1\r\n"));
        });
    } else {
        head += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        socket->write(head);
        if (!response.body.isEmpty())
            socket->write(chunk(response.body));
        // JSON whitespace: whatever the client has buffered stays parseable, never complete.
        connect(trickle, &QTimer::timeout, socket, [socket] {
            socket->write(chunk(QByteArrayLiteral(" ")));
        });
    }
    trickle->start();
}

void LoopbackHttpServer::sendProtocolError(QTcpSocket *socket, int status)
{
    Connection *connection = connectionOf(socket);
    if (!connection)
        return;
    connection->busy = true;
    const QByteArray body = HttpStatus::reasonPhrase(status) + '\n';
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' '
            + HttpStatus::reasonPhrase(status) + "\r\n";
    head += "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    socket->write(head + body);
    // After a framing error the rest of the stream cannot be trusted: stop reading it.
    closeGracefully(socket);
}

void LoopbackHttpServer::finishResponse(QTcpSocket *socket)
{
    Connection *connection = connectionOf(socket);
    if (!connection)
        return;
    connection->busy = false;
    connection->idleTimer->start();
}

void LoopbackHttpServer::closeGracefully(QTcpSocket *socket)
{
    Connection *connection = connectionOf(socket);
    if (!connection)
        return;
    connection->closing = true;
    connection->busy = true;
    connection->buffer.clear();
    connection->idleTimer->stop();
    // Flushes what was written, then sends FIN; disconnected() follows and forgets the socket.
    socket->disconnectFromHost();
}

void LoopbackHttpServer::resetConnection(QTcpSocket *socket)
{
    if (!connectionOf(socket))
        return;
#ifdef Q_OS_UNIX
    // Linger with a zero timeout makes close() send RST instead of FIN: what a crashed proxy or
    // a kernel under pressure does, and what clients report as "connection reset".
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        struct linger lingerOption {};
        lingerOption.l_onoff = 1;
        lingerOption.l_linger = 0;
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof lingerOption);
    }
#endif
    forget(socket);
    socket->abort();
}

void LoopbackHttpServer::forget(QTcpSocket *socket)
{
    if (m_connections.remove(socket) == 0)
        return;
    // Disconnect first: abort() would otherwise re-enter onDisconnected for a socket we have
    // already let go of.
    socket->disconnect(this);
    socket->deleteLater();
}
