// SPDX-License-Identifier: MIT
#include "api/apiclient.h"

#include "api/runlistreply.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <atomic>

namespace {
std::atomic<bool> s_offline{false};
}

ApiClient::ApiClient(QNetworkAccessManager *network, const ApiEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
{
}

QString ApiClient::basePath() const
{
    QString path = m_endpoint.baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

QUrl ApiClient::pageUrl(const RunRef &run, const PageQuery &query) const
{
    QUrl url = m_endpoint.baseUrl;
    url.setPath(basePath()
                + QStringLiteral("/v1/alpha/organizations/%1/agent/run/%2/logs")
                      .arg(run.orgId)
                      .arg(run.runId));
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("skip"), QString::number(query.skip));
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    parameters.addQueryItem(QStringLiteral("reverse"),
                            query.reverse ? QStringLiteral("true") : QStringLiteral("false"));
    url.setQuery(parameters);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
}

QUrl ApiClient::runListUrl(const RunListQuery &query) const
{
    QUrl url = m_endpoint.baseUrl;
    // No "alpha" in this path, unlike the logs endpoint's (spec/list-agent-runs.md).
    url.setPath(basePath() + QStringLiteral("/v1/organizations/%1/agent/runs").arg(query.orgId));
    QUrlQuery parameters;
    parameters.addQueryItem(QStringLiteral("skip"), QString::number(query.skip));
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (query.userId)
        parameters.addQueryItem(QStringLiteral("user_id"), QString::number(*query.userId));
    if (!query.sourceType.isEmpty())
        parameters.addQueryItem(QStringLiteral("source_type"), query.sourceType);
    url.setQuery(parameters);
    url.setUserInfo(QString());
    url.setFragment(QString());
    return url;
}

void ApiClient::setOffline(bool offline)
{
    s_offline = offline;
}

bool ApiClient::isOffline()
{
    return s_offline;
}

QNetworkReply *ApiClient::get(const QUrl &url, ApiError *error)
{
    if (isOffline()) {
        error->kind = ApiError::Kind::Offline;
        return nullptr;
    }
    if (!m_endpoint.baseUrl.isValid() || !ApiEndpoint::isSecureEnough(m_endpoint.baseUrl)) {
        error->kind = ApiError::Kind::InsecureUrl;
        error->detail = m_endpoint.baseUrl.host().isEmpty() ? m_endpoint.baseUrl.toDisplayString()
                                                            : m_endpoint.baseUrl.host();
        return nullptr;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("Runlog/%1").arg(QLatin1String(RUNLOG_VERSION)));
    if (!m_endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token);
    // Every redirect is checked by the reply: same origin or nothing.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    // Our own idle and total timers replace Qt's transfer timeout, so errors say which it was.
    request.setTransferTimeout(0);
    return m_network->get(request);
}

PageReply *ApiClient::fetchPage(const RunRef &run, const PageQuery &query)
{
    ApiError error;
    QNetworkReply *reply = get(pageUrl(run, query), &error);
    if (!reply)
        return new PageReply(error, this);
    auto *page = new PageReply(reply, m_endpoint.baseUrl, m_limits, this);
    page->setSecret(m_endpoint.token);
    return page;
}

RunListReply *ApiClient::fetchRunList(const RunListQuery &query)
{
    ApiError error;
    QNetworkReply *reply = get(runListUrl(query), &error);
    if (!reply)
        return new RunListReply(error, this);
    auto *list = new RunListReply(reply, m_endpoint.baseUrl, m_limits, this);
    list->setSecret(m_endpoint.token);
    return list;
}
