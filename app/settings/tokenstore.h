// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

namespace QKeychain {
class Job;
}

// API tokens saved in the system keychain (Secret Service, KWallet, macOS Keychain, Windows
// Credential Manager, through QtKeychain), one per API origin, never in a plain file: QtKeychain's
// plain-text fallback is switched off, and nothing here writes the token to QSettings or a log.
//
// Every call is asynchronous and answered by exactly one signal. Calls run in the order they were
// made (QtKeychain queues its jobs), so save() then load() reads what was saved.
//
// When the keychain cannot be used, failed() carries a sentence to show the user as it is; it
// names the way on (enter the token each time, or set CODEGEN_API_TOKEN) and never the token.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Operation { Load, Save, Forget };
    Q_ENUM(Operation)

    explicit TokenStore(QObject *parent = nullptr);

    // "scheme://host:port" with the port always spelled out, the key a token is saved under:
    // https://api.codegen.com and https://api.codegen.com:443/v1 share one token. Empty for a URL
    // without a host.
    static QString originKey(const QUrl &baseUrl);

    // The sentence for "there is no keychain here at all".
    static QString noKeychainMessage();

    // Answers with loaded(baseUrl, token), token empty when none is saved, or failed().
    void load(const QUrl &baseUrl);
    // Answers with saved(baseUrl) or failed(). An empty token is refused: use forget().
    void save(const QUrl &baseUrl, const QByteArray &token);
    // Answers with forgotten(baseUrl), also when nothing was saved, or failed().
    void forget(const QUrl &baseUrl);

    // False once the keychain has been found missing or unusable (so the UI can hide "Remember
    // token" and say why), true again after the next call that succeeds. True before the first
    // answer: asking the keychain is the only reliable probe, and load() is that probe.
    bool isAvailable() const { return m_available; }
    // The failed() message that made isAvailable() false; empty while it is true.
    QString unavailableReason() const { return m_unavailableReason; }
    // The message of the last save() that failed; empty before any and after a save() that
    // worked. The UI stops offering "Remember" by default while it is set, and says it once.
    QString saveFailure() const { return m_saveFailure; }

Q_SIGNALS:
    void loaded(const QUrl &baseUrl, const QByteArray &token);
    void saved(const QUrl &baseUrl);
    void forgotten(const QUrl &baseUrl);
    // message is for the user, as it is. The arguments after it let one slot tell calls apart;
    // a slot taking only the message connects as well.
    void failed(const QString &message, const QUrl &baseUrl, TokenStore::Operation operation);
    void availabilityChanged(bool available);

private:
    void finishJob(QKeychain::Job *job, const QUrl &baseUrl, Operation operation,
                   const QByteArray &tokenToRedact);
    void fail(const QUrl &baseUrl, Operation operation, const QString &message, bool keychainUnusable);
    void failSoon(const QUrl &baseUrl, Operation operation, const QString &message);
    void setAvailable(bool available, const QString &reason);

    bool m_available = true;
    QString m_unavailableReason;
    QString m_saveFailure;
};
