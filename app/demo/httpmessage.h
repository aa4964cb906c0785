// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <QtGlobal>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as LoopbackHttpServer parsed it. Header names keep the client's spelling (tests
// may want to see it); look them up with header(), which ignores case as HTTP requires.
struct HttpRequest
{
    QByteArray method;            // as sent, e.g. "GET"; methods are case-sensitive in HTTP
    QString path;                 // percent-decoded path, without the query
    QUrlQuery query;              // the query as sent; read values with QUrl::FullyDecoded
    QByteArray target;            // the raw request target, e.g. "/v1/...?skip=0&limit=100"
    QByteArray version;           // "HTTP/1.1" or "HTTP/1.0"
    HttpHeaders headers;
    QByteArray body;              // only when the client sent a Content-Length body
    QHostAddress peerAddress;
    quint16 peerPort = 0;

    // The first header of that name (case-insensitive), or a null QByteArray when absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // The last value of a query item, fully decoded; a null QString when absent. The last one
    // wins because that is what Starlette (and so FastAPI) does with repeated scalar parameters.
    QString queryValue(const QString &key) const;
    bool hasQueryItem(const QString &key) const { return query.hasQueryItem(key); }
};

// What the handler wants sent back. The server writes Content-Length, Connection and
// Transfer-Encoding itself; the same names in `headers` are ignored. The fault fields let a
// test (or the demo) act like a broken or hostile server; all default to "behave".
struct HttpResponse
{
    int status = 200;
    QByteArray reason;            // empty: the standard phrase for the status
    HttpHeaders headers;
    QByteArray body;

    int delayMs = 0;              // wait this long before sending anything
    qint64 cutBodyAfter = -1;     // >= 0: true Content-Length, only this many body bytes, close
    bool resetConnection = false; // abort the TCP connection (RST) without any response
    bool neverEnding = false;     // chunked headers, then trickle bytes until the peer leaves
    qint64 lieContentLength = -1; // >= 0: announce this length, send the real body, close

    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse text(int status, const QByteArray &body,
                             const QByteArray &contentType = QByteArrayLiteral("text/plain; charset=utf-8"));

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // Replaces every header of that name (case-insensitive) by one with this value.
    void setHeader(const QByteArray &name, const QByteArray &value);
};

namespace HttpStatus {
// The standard reason phrase, or "Unknown" for codes HTTP does not name.
QByteArray reasonPhrase(int status);
}
