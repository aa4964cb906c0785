// SPDX-License-Identifier: MIT
#include "settings/tokenstore.h"

#include "settings/secretredaction.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>
#include <QStringList>

namespace {

// The keychain's service name: what the user sees next to the entries in Seahorse, KWallet
// Manager or Keychain Access.
const QString kServiceName = QStringLiteral("Runlog");

QString wayOn()
{
    return TokenStore::tr("Runlog will ask for it each time, or set CODEGEN_API_TOKEN.");
}

QString consequence(TokenStore::Operation operation)
{
    switch (operation) {
    case TokenStore::Operation::Load:
        return TokenStore::tr("so no saved token can be read");
    case TokenStore::Operation::Save:
        return TokenStore::tr("so the token cannot be saved");
    case TokenStore::Operation::Forget:
        return TokenStore::tr("so the saved token cannot be removed now");
    }
    return {};
}

// A missing keychain is a different error code on each platform: NoBackendAvailable from the
// KWallet and old GNOME paths, NotImplemented where QtKeychain has no backend, but plain
// OtherError from the libsecret path Linux desktops use, which passes on GLib's D-Bus error
// text. These are the English GLib/D-Bus texts for "no session bus" and "no Secret Service on
// it"; under another locale the detail is shown instead, which is still true, just less kind.
// QtKeychain's own "Unknown error" on Linux means the backend library could not be used at all
// (libsecret-1.so.0 missing, which Debian's libqt6keychain1 does not depend on).
bool isMissingKeychainText(const QString &detail)
{
    static const QStringList markers = {
        QStringLiteral("Unknown error"),
        QStringLiteral("org.freedesktop.secrets"),
        QStringLiteral("org.freedesktop.DBus.Error.ServiceUnknown"),
        QStringLiteral("org.freedesktop.DBus.Error.NoServer"),
        QStringLiteral("org.freedesktop.DBus.Error.FileNotFound"),
        QStringLiteral("not provided by any .service files"),
        QStringLiteral("Could not connect"),
        QStringLiteral("autolaunch"),
        QStringLiteral("D-Bus is not running"),
        QStringLiteral("No keychain service available"),
        QStringLiteral("No keyring daemon"),
    };
    for (const QString &marker : markers) {
        if (detail.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

QString TokenStore::originKey(const QUrl &baseUrl)
{
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return {};
    const QString scheme = baseUrl.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1;
    const int port = baseUrl.port(defaultPort);
    QString key = scheme + QLatin1String("://") + baseUrl.host(QUrl::FullyEncoded).toLower();
    if (port >= 0)
        key += QLatin1Char(':') + QString::number(port);
    return key;
}

QString TokenStore::noKeychainMessage()
{
    return tr("No system keychain is running, %1: %2").arg(consequence(Operation::Save), wayOn());
}

void TokenStore::load(const QUrl &baseUrl)
{
    const QString key = originKey(baseUrl);
    if (key.isEmpty()) {
        failSoon(baseUrl, Operation::Load, tr("The API address has no host, so no saved token can be read."));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, baseUrl](QKeychain::Job *finished) { finishJob(finished, baseUrl, Operation::Load, {}); });
    job->start();
}

void TokenStore::save(const QUrl &baseUrl, const QByteArray &token)
{
    const QString key = originKey(baseUrl);
    if (key.isEmpty()) {
        failSoon(baseUrl, Operation::Save, tr("The API address has no host, so the token cannot be saved."));
        return;
    }
    if (token.isEmpty()) {
        failSoon(baseUrl, Operation::Save, tr("An empty token cannot be saved."));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(token);
    // The job holds its own copy of the token; ours is only for scrubbing its error text.
    connect(job, &QKeychain::Job::finished, this, [this, baseUrl, token](QKeychain::Job *finished) {
        finishJob(finished, baseUrl, Operation::Save, token);
    });
    job->start();
}

void TokenStore::forget(const QUrl &baseUrl)
{
    const QString key = originKey(baseUrl);
    if (key.isEmpty()) {
        // Nothing can have been saved under no origin. Queued, as every answer is.
        QMetaObject::invokeMethod(this, [this, baseUrl] { Q_EMIT forgotten(baseUrl); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, baseUrl](QKeychain::Job *finished) { finishJob(finished, baseUrl, Operation::Forget, {}); });
    job->start();
}

void TokenStore::finishJob(QKeychain::Job *job, const QUrl &baseUrl, Operation operation,
                           const QByteArray &tokenToRedact)
{
    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
        setAvailable(true, {});
        switch (operation) {
        case Operation::Load: {
            const QByteArray token =
                error == QKeychain::NoError ? qobject_cast<QKeychain::ReadPasswordJob *>(job)->binaryData() : QByteArray();
            Q_EMIT loaded(baseUrl, token);
            return;
        }
        case Operation::Save:
            if (error == QKeychain::NoError) {
                m_saveFailure.clear();
                Q_EMIT saved(baseUrl);
                return;
            }
            break;  // "not found" while writing makes no sense: report it as the error it is.
        case Operation::Forget:
            Q_EMIT forgotten(baseUrl);
            return;
        }
    }

    // QtKeychain's texts come from the backend (GLib, D-Bus, Security.framework, Win32); none is
    // known to echo the secret, but the user sees this, so scrub it anyway.
    const QString detail = redactSecrets(job->errorString(), {tokenToRedact});
    const QString reason = consequence(operation);
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        fail(baseUrl, operation, tr("No system keychain is running, %1: %2").arg(reason, wayOn()), true);
        return;
    case QKeychain::AccessDeniedByUser:
        fail(baseUrl, operation, tr("Access to the system keychain was refused, %1: %2").arg(reason, wayOn()), false);
        return;
    case QKeychain::AccessDenied:
        fail(baseUrl, operation,
             tr("The system keychain is locked or refused access, %1. Unlock it and try again, or: %2")
                 .arg(reason, wayOn()),
             false);
        return;
    case QKeychain::CouldNotDeleteEntry:
        fail(baseUrl, operation, tr("The system keychain could not remove the saved token (%1).").arg(detail), false);
        return;
    default:
        break;
    }
    if (isMissingKeychainText(detail)) {
        fail(baseUrl, operation, tr("No system keychain is running, %1: %2").arg(reason, wayOn()), true);
        return;
    }
    fail(baseUrl, operation, tr("The system keychain reported an error (%1), %2: %3").arg(detail, reason, wayOn()), false);
}

void TokenStore::fail(const QUrl &baseUrl, Operation operation, const QString &message, bool keychainUnusable)
{
    if (keychainUnusable)
        setAvailable(false, message);
    if (operation == Operation::Save)
        m_saveFailure = message;
    Q_EMIT failed(message, baseUrl, operation);
}

void TokenStore::failSoon(const QUrl &baseUrl, Operation operation, const QString &message)
{
    // Callers connect before calling, but a caller that reacts to failed() by calling again
    // must not recurse inside its own call: answer from the event loop, like a job does.
    QMetaObject::invokeMethod(
        this, [this, baseUrl, operation, message] { fail(baseUrl, operation, message, false); },
        Qt::QueuedConnection);
}

void TokenStore::setAvailable(bool available, const QString &reason)
{
    m_unavailableReason = available ? QString() : reason;
    if (m_available == available)
        return;
    m_available = available;
    Q_EMIT availabilityChanged(available);
}
