// SPDX-License-Identifier: MIT
#include "session/credentials.h"

#include "api/apiclient.h"
#include "run/apiendpoint.h"

#include "settings/knownsecrets.h"
#include "settings/tokenstore.h"

#include <QPointer>

#include <memory>

Credentials::Credentials(QObject *parent)
    : QObject(parent)
    , m_keychain(new TokenStore(this))
{
}

void Credentials::setEnvironmentToken(const QByteArray &token)
{
    KnownSecrets::add(token);
    m_environmentToken = token;
}

void Credentials::setSessionToken(const QByteArray &token, const QUrl &origin)
{
    KnownSecrets::add(token);
    m_sessionToken = token;
    m_sessionTokenOrigin = origin;
}

void Credentials::copyTokensFrom(const Credentials &other)
{
    m_environmentToken = other.m_environmentToken;
    m_sessionToken = other.m_sessionToken;
    m_sessionTokenOrigin = other.m_sessionTokenOrigin;
}

void Credentials::clearSessionToken()
{
    m_sessionToken.clear();
}

QByteArray Credentials::knownToken(const QUrl &baseUrl) const
{
    if (!m_sessionToken.isEmpty() && sameOrigin(m_sessionTokenOrigin, baseUrl))
        return m_sessionToken;
    return m_environmentToken;
}

QUrl Credentials::knownTokenOrigin(const QUrl &baseUrl) const
{
    if (!m_sessionToken.isEmpty() && sameOrigin(m_sessionTokenOrigin, baseUrl))
        return m_sessionTokenOrigin;
    return {};
}

QString Credentials::knownTokenSource(const QUrl &baseUrl) const
{
    if (!m_sessionToken.isEmpty() && sameOrigin(m_sessionTokenOrigin, baseUrl))
        return tr("this session");
    if (!m_environmentToken.isEmpty())
        return QStringLiteral("CODEGEN_API_TOKEN");
    return {};
}

bool Credentials::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80) == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

void Credentials::lookUpSaved(const QUrl &baseUrl, QObject *context, LookUpDone done)
{
    // One answer for this question: the first one from the keychain that is about baseUrl's
    // origin. Answers to other questions (another origin, asked earlier) are not ours.
    auto *answer = new QObject(this);
    QPointer<QObject> guard(context);
    const auto answered = std::make_shared<bool>(false);
    const auto finish = [answer, guard, done, answered](const QByteArray &token, const QString &error) {
        if (*answered)
            return;
        *answered = true;
        answer->deleteLater();
        if (guard)
            done(token, error);
    };
    connect(m_keychain, &TokenStore::loaded, answer, [baseUrl, finish](const QUrl &origin, const QByteArray &token) {
        if (!sameOrigin(origin, baseUrl))
            return;
        KnownSecrets::add(token);
        finish(token, QString());
    });
    connect(m_keychain, &TokenStore::failed, answer,
            [baseUrl, finish](const QString &message, const QUrl &origin, TokenStore::Operation operation) {
                if (operation == TokenStore::Operation::Load && sameOrigin(origin, baseUrl))
                    finish(QByteArray(), message);
            });
    if (context)
        connect(context, &QObject::destroyed, answer, &QObject::deleteLater);
    m_keychain->load(baseUrl);
}

void Credentials::answerFor(const QUrl &baseUrl, QObject *context, AnswerDone done)
{
    const QByteArray known = knownToken(baseUrl);
    if (!known.isEmpty()) {
        done(TokenAnswer{TokenAnswer::Kind::Known, known, {}});
        return;
    }
    lookUpSaved(baseUrl, context, [this, baseUrl, done](const QByteArray &token, const QString &error) {
        if (!token.isEmpty()) {
            setSessionToken(token, baseUrl);
            done(TokenAnswer{TokenAnswer::Kind::Saved, token, {}});
        } else if (ApiEndpoint::isLoopback(baseUrl)) {
            done(TokenAnswer{TokenAnswer::Kind::NotNeeded, {}, {}});
        } else {
            done(TokenAnswer{TokenAnswer::Kind::AskUser, {}, error});
        }
    });
}

bool Credentials::isOffline()
{
    return ApiClient::isOffline();
}

void Credentials::remember(const QUrl &baseUrl, const QByteArray &token)
{
    KnownSecrets::add(token);
    m_keychain->save(baseUrl, token);
}

void Credentials::forget(const QUrl &baseUrl)
{
    m_sessionToken.clear();
    m_keychain->forget(baseUrl);
}
