// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "api/pagequery.h"
#include "api/pagereply.h"
#include "run/runlist.h"

#include <QObject>

class QNetworkAccessManager;

class RunListReply;

// Talks to GET /v1/alpha/organizations/{org}/agent/run/{run}/logs and to the organization's run
// list, GET /v1/organizations/{org}/agent/runs. Sends the token only to the endpoint's own
// origin and refuses redirects elsewhere; pacing is the caller's (RequestPacer).
class ApiClient : public QObject
{
    Q_OBJECT
public:
    ApiClient(QNetworkAccessManager *network, const ApiEndpoint &endpoint,
              QObject *parent = nullptr);

    const ApiEndpoint &endpoint() const { return m_endpoint; }
    void setLimits(const PageReply::Limits &limits) { m_limits = limits; }

    // The URL of one page (without any credentials).
    QUrl pageUrl(const RunRef &run, const PageQuery &query) const;

    // Starts the request. The reply is owned by the caller (parented to this client until then)
    // and always finishes, with a page or an error: an insecure base URL fails without sending.
    PageReply *fetchPage(const RunRef &run, const PageQuery &query);

    QUrl runListUrl(const RunListQuery &query) const;
    // One page of the run list; owned like fetchPage()'s reply.
    RunListReply *fetchRunList(const RunListQuery &query);

    // --offline: from then on no client of this process sends anything; every request fails at
    // once with an Offline error, so only what the library holds can be shown.
    static void setOffline(bool offline);
    static bool isOffline();

private:
    // The GET of `url` with our headers; nullptr with `error` set when nothing may be sent.
    QNetworkReply *get(const QUrl &url, ApiError *error);
    QString basePath() const;

    QNetworkAccessManager *m_network;
    ApiEndpoint m_endpoint;
    PageReply::Limits m_limits;
};
