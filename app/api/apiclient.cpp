#include "api/apiclient.h"

#include <QHostAddress>
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

bool ApiClient::isSecureEnough(const QUrl &baseUrl)
{
    if (baseUrl.scheme() == QLatin1String("https"))
        return true;
    if (baseUrl.scheme() != QLatin1String("http"))
        return false;
    return isLoopback(baseUrl);
}

bool ApiClient::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QUrl ApiClient::pageUrl(const RunRef &run, const PageQuery &query) const
{
    QUrl url = m_endpoint.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath
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

void ApiClient::setOffline(bool offline)
{
    s_offline = offline;
}

bool ApiClient::isOffline()
{
    return s_offline;
}

PageReply *ApiClient::fetchPage(const RunRef &run, const PageQuery &query)
{
    if (isOffline()) {
        ApiError error;
        error.kind = ApiError::Kind::Offline;
        return new PageReply(error, this);
    }
    if (!m_endpoint.baseUrl.isValid() || !isSecureEnough(m_endpoint.baseUrl)) {
        ApiError error;
        error.kind = ApiError::Kind::InsecureUrl;
        error.detail = m_endpoint.baseUrl.host().isEmpty() ? m_endpoint.baseUrl.toDisplayString()
                                                           : m_endpoint.baseUrl.host();
        return new PageReply(error, this);
    }
    QNetworkRequest request(pageUrl(run, query));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("Runlog/%1").arg(QLatin1String(RUNLOG_VERSION)));
    if (!m_endpoint.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_endpoint.token);
    // Every redirect is checked by PageReply: same origin or nothing.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    // Our own idle and total timers replace Qt's transfer timeout, so errors say which it was.
    request.setTransferTimeout(0);
    QNetworkReply *reply = m_network->get(request);
    auto *page = new PageReply(reply, m_endpoint.baseUrl, m_limits, this);
    page->setSecret(m_endpoint.token);
    return page;
}
