// SPDX-License-Identifier: MIT
#include "demo/httpmessage.h"

#include <QUrl>

namespace {

const QByteArray *findHeader(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return &header.second;
    }
    return nullptr;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    const QByteArray *value = findHeader(headers, name);
    return value ? *value : QByteArray();
}

bool HttpRequest::hasHeader(const QByteArray &name) const
{
    return findHeader(headers, name) != nullptr;
}

QString HttpRequest::queryValue(const QString &key) const
{
    const QStringList values = query.allQueryItemValues(key, QUrl::FullyDecoded);
    if (values.isEmpty())
        return QString();
    // An empty value ("?limit=") must stay distinguishable from an absent one.
    const QString &last = values.constLast();
    return last.isNull() ? QStringLiteral("") : last;
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    return text(status, body, QByteArrayLiteral("application/json"));
}

HttpResponse HttpResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    return response;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    const QByteArray *value = findHeader(headers, name);
    return value ? *value : QByteArray();
}

bool HttpResponse::hasHeader(const QByteArray &name) const
{
    return findHeader(headers, name) != nullptr;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&name](const QPair<QByteArray, QByteArray> &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({name, value});
}

QByteArray HttpStatus::reasonPhrase(int status)
{
    switch (status) {
    case 100: return QByteArrayLiteral("Continue");
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 202: return QByteArrayLiteral("Accepted");
    case 204: return QByteArrayLiteral("No Content");
    case 206: return QByteArrayLiteral("Partial Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 303: return QByteArrayLiteral("See Other");
    case 304: return QByteArrayLiteral("Not Modified");
    case 307: return QByteArrayLiteral("Temporary Redirect");
    case 308: return QByteArrayLiteral("Permanent Redirect");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 411: return QByteArrayLiteral("Length Required");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 414: return QByteArrayLiteral("URI Too Long");
    case 422: return QByteArrayLiteral("Unprocessable Entity");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 502: return QByteArrayLiteral("Bad Gateway");
    case 503: return QByteArrayLiteral("Service Unavailable");
    case 504: return QByteArrayLiteral("Gateway Timeout");
    case 505: return QByteArrayLiteral("HTTP Version Not Supported");
    default: return QByteArrayLiteral("Unknown");
    }
}
