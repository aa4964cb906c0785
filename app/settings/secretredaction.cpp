// SPDX-License-Identifier: MIT
#include "settings/secretredaction.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace {

QString redactBearerCredentials(QString text)
{
    // RFC 6750's b64token alphabet, which also covers JWTs and opaque API keys.
    static const QRegularExpression bearer(
        QStringLiteral("(\\bBearer\\s+)[A-Za-z0-9\\-._~+/]+=*"),
        QRegularExpression::CaseInsensitiveOption);
    return text.replace(bearer, QStringLiteral("\\1") + kRedactedSecret.toString());
}

QStringList secretSpellings(const QList<QByteArray> &secrets)
{
    QStringList spellings;
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        spellings << QString::fromUtf8(secret);
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
        if (encoded != secret)
            spellings << QString::fromLatin1(encoded);
    }
    // Longest first, so a secret that contains another is replaced whole, not in pieces.
    std::sort(spellings.begin(), spellings.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return spellings;
}

QMutex s_handlerMutex;
std::function<QList<QByteArray>()> s_currentSecrets;
QtMessageHandler s_previousHandler = nullptr;
thread_local bool t_insideSecretsCallback = false;

void redactingMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    QList<QByteArray> secrets;
    QtMessageHandler previous;
    std::function<QList<QByteArray>()> currentSecrets;
    {
        QMutexLocker lock(&s_handlerMutex);
        previous = s_previousHandler;
        currentSecrets = s_currentSecrets;
    }
    if (currentSecrets && !t_insideSecretsCallback) {
        t_insideSecretsCallback = true;
        secrets = currentSecrets();
        t_insideSecretsCallback = false;
    }
    const QString redacted = redactSecrets(message, secrets);
    if (previous) {
        previous(type, context, redacted);
    } else {
        // qInstallMessageHandler returned null: Qt's default handler was active. Restoring it
        // for one call would race with other threads, so print as it would.
        const QString line = qFormatLogMessage(type, context, redacted);
        fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
        fflush(stderr);
    }
}

} // namespace

QString redactSecrets(QString text, const QList<QByteArray> &secrets)
{
    const QString redacted = kRedactedSecret.toString();
    for (const QString &spelling : secretSpellings(secrets))
        text.replace(spelling, redacted);
    return redactBearerCredentials(std::move(text));
}

void installRedactingMessageHandler(std::function<QList<QByteArray>()> currentSecrets)
{
    QMutexLocker lock(&s_handlerMutex);
    s_currentSecrets = std::move(currentSecrets);
    const QtMessageHandler previous = qInstallMessageHandler(redactingMessageHandler);
    // Installing twice must not make the handler call itself forever.
    if (previous != redactingMessageHandler)
        s_previousHandler = previous;
}
