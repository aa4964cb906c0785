// SPDX-License-Identifier: MIT
#include "api/apireply.h"

#include "api/inflightbudget.h"
#include "api/servermessage.h"

#include <QLocale>
#include <QNetworkReply>
#include <QRegularExpression>

namespace {
constexpr qint64 kReadBufferBytes = 256 * 1024;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
               == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

// An HTTP-date (RFC 9110 5.6.7): the IMF-fixdate servers send ("Sun, 06 Nov 1994 08:49:37 GMT"),
// or the obsolete RFC 850 and asctime forms, which a recipient must accept too. Qt's RFC 2822
// parser takes none of the first two (Qt 6.4 rejects the "GMT" zone): explicit formats, in the
// C locale's English names.
QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).simplified(); // asctime pads the day: "Nov  6"
    const QLocale c = QLocale::c();
    QDateTime when = c.toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    static const QRegularExpression rfc850(QStringLiteral("^[A-Za-z]+, (\\d\\d-[A-Za-z]{3}-)(\\d\\d)( \\d\\d:\\d\\d:\\d\\d) GMT$"));
    const QRegularExpressionMatch match = rfc850.match(text);
    if (!when.isValid() && match.hasMatch()) {
        // A two-digit year is the latest year with those digits not more than 50 years ahead.
        // (The weekday is left out: Qt checks it against the date, before the century is known.)
        const int thisYear = QDate::currentDate().year();
        int year = thisYear - thisYear % 100 + match.captured(2).toInt();
        if (year > thisYear + 50)
            year -= 100;
        when = c.toDateTime(match.captured(1) + QString::number(year) + match.captured(3),
                            QStringLiteral("dd-MMM-yyyy HH:mm:ss"));
    }
    if (!when.isValid())
        when = c.toDateTime(text, QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    return when.isValid() ? QDateTime(when.date(), when.time(), Qt::UTC) : QDateTime();
}

int parseRetryAfterMs(const QByteArray &value)
{
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok)
        return seconds < 0 ? -1 : std::min(seconds, 3600) * 1000;
    const QDateTime when = parseHttpDate(value);
    if (!when.isValid())
        return -1;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return int(std::clamp<qint64>(ms, 0, 3600 * 1000));
}

// OperationCanceledError is not here on purpose: when it reaches this far, Qt aborted the
// request by itself (a transfer timeout of the network access manager, a redirect it gave up
// on), not us, so it is a network failure to retry with backoff like any other. A cancel of ours
// sets m_abortedByUs before it aborts and never gets here.
ApiError::Kind kindOfNetworkError(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::TimeoutError ? ApiError::Kind::Timeout : ApiError::Kind::Network;
}
} // namespace

ApiReply::ApiReply(QNetworkReply *reply, const QUrl &allowedOrigin, const Limits &limits,
                     QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_allowedOrigin(allowedOrigin)
    , m_limits(limits)
{
    reply->setParent(this);
    connect(reply, &QNetworkReply::redirected, this, &ApiReply::onRedirected);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiReply::onProgress);
    connect(reply, &QNetworkReply::readyRead, this, &ApiReply::onReadyRead);
    // Qt's network thread reads ahead without bound by default: a body that never ends would
    // pile up faster than downloadProgress (queued to this thread) can stop it. A small read
    // buffer makes Qt wait for us, and we count what we take (after decompression, so a zip bomb
    // is measured by what it becomes).
    reply->setReadBufferSize(kReadBufferBytes);
    connect(reply, &QNetworkReply::finished, this, &ApiReply::onNetworkFinished);

    m_idleTimer.setSingleShot(true);
    m_totalTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        failBeforeFinish(ApiError::Kind::Timeout,
                         tr("no data for %1 s").arg(m_limits.idleTimeoutMs / 1000.0));
    });
    connect(&m_totalTimer, &QTimer::timeout, this, [this] {
        failBeforeFinish(ApiError::Kind::Timeout,
                         tr("no complete answer after %1 s").arg(m_limits.totalTimeoutMs / 1000.0));
    });
    m_idleTimer.start(m_limits.idleTimeoutMs);
    m_totalTimer.start(m_limits.totalTimeoutMs);
}

ApiReply::ApiReply(const ApiError &error, QObject *parent)
    : QObject(parent)
    , m_error(error)
{
    QMetaObject::invokeMethod(this, &ApiReply::finish, Qt::QueuedConnection);
}

ApiReply::~ApiReply()
{
    releaseBudget();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ApiReply::abort()
{
    if (m_finished)
        return;
    m_abortedByUs = true;
    if (dropParse()) {
        m_error = ApiError::cancelled();
        finish();
        return;
    }
    failBeforeFinish(ApiError::Kind::Cancelled, QString());
}

void ApiReply::onRedirected(const QUrl &target)
{
    // Only same-origin redirects are followed: the Authorization header must never travel to
    // another host, port or scheme.
    if (sameOrigin(target, m_allowedOrigin)) {
        emit m_reply->redirectAllowed();
        return;
    }
    failBeforeFinish(ApiError::Kind::Redirect,
                     target.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
                         .toDisplayString());
}

void ApiReply::onProgress(qint64 received, qint64 total)
{
    m_idleTimer.start(m_limits.idleTimeoutMs);
    if (received > m_limits.maxBodyBytes || total > m_limits.maxBodyBytes)
        failBeforeFinish(ApiError::Kind::TooLarge,
                         QLocale::system().formattedDataSize(m_limits.maxBodyBytes));
}

void ApiReply::onReadyRead()
{
    // Not open: Qt aborted the request by itself; there is nothing more to read.
    if (!m_reply || m_error.isError() || !m_reply->isOpen())
        return;
    m_idleTimer.start(m_limits.idleTimeoutMs);
    const qint64 available = m_reply->bytesAvailable();
    const qint64 room = m_limits.maxBodyBytes - m_body.size();
    if (available > room) {
        failBeforeFinish(ApiError::Kind::TooLarge, QLocale::system().formattedDataSize(m_limits.maxBodyBytes));
        return;
    }
    if (!InFlightBudget::shared().tryTake(available)) {
        failBeforeFinish(ApiError::Kind::TooManyAtOnce,
                         QLocale::system().formattedDataSize(InFlightBudget::shared().maxBytes()));
        return;
    }
    m_budgetHeld += available;
    if (m_body.isEmpty()) {
        // One allocation of the announced size (and the parser's padding) instead of doubling
        // up to it; a lie costs address space only, never more than the limit.
        const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (announced > 0 && announced <= m_limits.maxBodyBytes)
            m_body.reserve(qsizetype(announced) + 64);
    }
    m_body += m_reply->read(available);
}

void ApiReply::releaseBudget()
{
    InFlightBudget::shared().give(std::exchange(m_budgetHeld, 0));
}

void ApiReply::failBeforeFinish(ApiError::Kind kind, const QString &detail)
{
    if (m_finished || m_error.isError())
        return;
    m_error.kind = kind;
    m_error.detail = detail;
    m_abortedByUs = true;
    if (m_reply)
        m_reply->abort(); // finished() follows and keeps m_error
    else
        finish();
}

void ApiReply::onNetworkFinished()
{
    m_idleTimer.stop();
    m_totalTimer.stop();
    if (m_abortedByUs) { // we aborted on purpose and already know why
        finish();
        return;
    }
    const QVariant statusAttribute = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError networkError = m_reply->error();
    onReadyRead();
    if (m_error.isError()) { // the last bytes made it too large
        finish();
        return;
    }
    QByteArray body = std::exchange(m_body, {});
    m_bodyBytes = body.size();

    const bool hasStatus = statusAttribute.isValid();
    const int status = statusAttribute.toInt();
    // Qt reports HTTP error statuses as "content" (2xx codes) or "server" (4xx codes) errors;
    // anything else (connection cut mid-body, broken chunking, ...) means the body is incomplete,
    // so it is a transport failure even when a status line arrived.
    // 400 comes as ProtocolInvalidOperationError and 407 as a proxy error: statuses too, not
    // transport failures (else a 400 would be retried as if the network had failed).
    const bool statusError = (networkError >= QNetworkReply::ContentAccessDenied
                              && networkError <= QNetworkReply::UnknownContentError)
        || (networkError >= QNetworkReply::InternalServerError
            && networkError <= QNetworkReply::UnknownServerError)
        || (hasStatus && (networkError == QNetworkReply::ProtocolInvalidOperationError
                          || networkError == QNetworkReply::ProxyAuthenticationRequiredError));
    // When the connection closes early, Qt reports either the status's error or
    // RemoteHostClosedError, depending on how the bytes and the FIN were read. Compare the body
    // with its announced length (unless Qt decompressed it) so that a cut body is always a
    // transport failure, whatever the timing.
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    const QVariant announced = m_reply->header(QNetworkRequest::ContentLengthHeader);
    const bool bodyCut = hasStatus && (encoding.isEmpty() || encoding == "identity")
        && announced.isValid() && body.size() < announced.toLongLong();
    const bool qtTransportError = networkError != QNetworkReply::NoError && !statusError;
    if (!hasStatus || qtTransportError || bodyCut) {
        m_error.kind = qtTransportError ? kindOfNetworkError(networkError) : ApiError::Kind::Network;
        m_error.detail = m_reply->errorString();
        if (networkError == QNetworkReply::OperationCanceledError)
            m_error.detail = tr("the network layer gave up on the request (%1)").arg(m_reply->errorString());
        if (bodyCut || (networkError == QNetworkReply::RemoteHostClosedError && hasStatus))
            m_error.detail = tr("the connection closed before the whole answer arrived");
        finish();
        return;
    }
    if (status < 200 || status > 299) {
        m_error.kind = ApiError::Kind::Http;
        m_error.httpStatus = status;
        m_error.serverMessage = ServerMessage::fromBody(body);
        m_error.retryAfterMs = parseRetryAfterMs(m_reply->rawHeader("Retry-After"));
        finish();
        return;
    }
    parseBody(std::move(body));
}

void ApiReply::finishParsed(bool ok, const QString &parseError)
{
    releaseBudget(); // the body is gone with the parse; what it held belongs to the caller now
    if (!ok) {
        m_error.kind = ApiError::Kind::InvalidResponse;
        m_error.detail = parseError;
    }
    finish();
}

void ApiReply::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    // A parse still running (after an abort) keeps its own copy until it ends: the budget is
    // about replies the loader waits for, and a cancelled parse is not one.
    releaseBudget();
    if (!m_secret.isEmpty()) {
        const QString secret = QString::fromUtf8(m_secret);
        const QString hidden = QStringLiteral("•••");
        m_error.serverMessage.replace(secret, hidden);
        m_error.detail.replace(secret, hidden);
    }
    m_idleTimer.stop();
    m_totalTimer.stop();
    emit finished();
}
