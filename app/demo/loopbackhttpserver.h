// SPDX-License-Identifier: MIT
#pragma once

#include "demo/httpmessage.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

// A small HTTP/1.1 server on 127.0.0.1 for the demo backend and the tests. It exists because the
// app must be exercised over real sockets (keep-alive, pipelining, cut bodies, resets), which a
// mocked QNetworkAccessManager cannot show, and because Qt 6.4's QHttpServer cannot inject faults.
//
// Requests on one connection are answered strictly in order, one at a time; bytes of pipelined
// requests wait in the buffer meanwhile. Request bodies are only accepted with Content-Length
// (up to kMaxBodyBytes); chunked request bodies get 501. Everything runs in the owner's thread.
class LoopbackHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    static constexpr int kMaxHeaderBytes = 32 * 1024;
    static constexpr int kMaxHeaderCount = 100;
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;
    static constexpr int kTrickleIntervalMs = 100;
    static constexpr int kIdleTimeoutMs = 60 * 1000;

    explicit LoopbackHttpServer(QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    // Binds 127.0.0.1 only: the server holds demo data and test faults, never anything for the
    // network at large. Port 0 lets the system pick a free port.
    bool listen(quint16 port = 0);
    // Stops listening and drops every open connection (including never-ending responses).
    void close();
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const;          // http://127.0.0.1:PORT, no trailing slash
    QString errorString() const;

    // Without a handler every request gets 404.
    void setHandler(Handler handler);

    int openConnectionCount() const { return int(m_connections.size()); }
    int acceptedConnectionCount() const { return m_acceptedConnections; }
    int handledRequestCount() const { return m_handledRequests; }

signals:
    // After the handler ran, before the (possibly delayed or faulty) response goes out.
    void requestHandled(const HttpRequest &request, int status);

private:
    struct Connection;

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onDisconnected(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    void dispatch(QTcpSocket *socket, const HttpRequest &request, const HttpResponse &response,
                  bool closeAfter);
    void sendResponse(QTcpSocket *socket, bool isHead, const HttpResponse &response,
                      bool closeAfter);
    void startNeverEnding(QTcpSocket *socket, bool isHead, const HttpResponse &response);
    void sendProtocolError(QTcpSocket *socket, int status);
    void finishResponse(QTcpSocket *socket);
    void closeGracefully(QTcpSocket *socket);
    void resetConnection(QTcpSocket *socket);
    void forget(QTcpSocket *socket);
    Connection *connectionOf(QTcpSocket *socket) const;

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    int m_acceptedConnections = 0;
    int m_handledRequests = 0;
};
