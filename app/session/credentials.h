// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class TokenStore;

// Which API token a run is opened with, and where it came from: one the user typed in this
// session, the CODEGEN_API_TOKEN environment variable, or the system keychain (one per API
// origin). Every token it hands out is registered for redaction first. A keychain answer is used
// only for the origin it was asked for: a token saved for one server never reaches another.
class Credentials : public QObject
{
    Q_OBJECT

public:
    explicit Credentials(QObject *parent = nullptr);

    void setEnvironmentToken(const QByteArray &token);
    // A token the user typed (Open Run) or the keychain gave for `origin` (a base URL): preferred
    // to the environment's for the rest of the session, and only ever for that origin.
    void setSessionToken(const QByteArray &token, const QUrl &origin);
    void clearSessionToken();
    // A new window starts with the tokens this one knows (typed, environment).
    void copyTokensFrom(const Credentials &other);

    // The token known for baseUrl without asking the keychain: this session's, when it was given
    // for that origin, else the environment's (which the user set for whatever they point Runlog
    // at); empty if none.
    QByteArray knownToken(const QUrl &baseUrl) const;
    // Where knownToken() came from, in words for the Open Run dialog.
    QString knownTokenSource(const QUrl &baseUrl) const;
    // The origin knownToken(baseUrl) is bound to: empty for the environment's token.
    QUrl knownTokenOrigin(const QUrl &baseUrl) const;

    // Asks the keychain for the token saved for baseUrl's origin; `done` runs once, with the
    // token (empty when none is saved) or with the keychain's error. Nothing runs after
    // `context` is destroyed.
    using LookUpDone = std::function<void(const QByteArray &token, const QString &error)>;
    void lookUpSaved(const QUrl &baseUrl, QObject *context, LookUpDone done);
    void remember(const QUrl &baseUrl, const QByteArray &token);
    void forget(const QUrl &baseUrl);

    // The one answer to "which token opens a run at baseUrl?": the token known (typed this
    // session, or the environment's), else the one the keychain saved for that origin (then used
    // for the rest of the session), else none for a server of this machine's, else: ask the user
    // (with the keychain's problem, if it had one). `done` runs once: at once when the token is
    // known, else when the keychain answers; never after `context` is destroyed.
    struct TokenAnswer
    {
        enum class Kind { Known, Saved, NotNeeded, AskUser };
        Kind kind = Kind::AskUser;
        QByteArray token;
        QString problem;   // AskUser: why the keychain could not say (empty: it has none saved)
    };
    using AnswerDone = std::function<void(const TokenAnswer &answer)>;
    void answerFor(const QUrl &baseUrl, QObject *context, AnswerDone done);
    // --offline: no request leaves this process, so no run needs a token.
    static bool isOffline();

    TokenStore *keychain() const { return m_keychain; }

    // True when both addresses are the same origin (scheme, host, port).
    static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    TokenStore *m_keychain;
    QByteArray m_environmentToken;
    QByteArray m_sessionToken;
    QUrl m_sessionTokenOrigin;
};
