// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "api/apierror.h"
#include "api/apireply.h"
#include "api/requestpacer.h"
#include "run/runlist.h"
#include "api/runlistreply.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class ApiClient;
class QNetworkAccessManager;

// Pages through an organization's run list (newest first), one page at a time, through the
// shared RequestPacer of the origin and token: the list draws on the same budget as the logs.
// Pages come when asked (fetchMore: the view reached the end) or all of them (loadAll: the
// command line). A run seen on an earlier page is not added twice (runs started while paging
// push the list down). A 429 waits and asks the same page again; other transient failures are
// tried a few times; the rest stop with failed(). A full page with no run not seen before, or
// more pages than the first total can fill, stops with failed() too: a server that repeats
// itself must not keep the loader asking forever.
class RunListLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = RunListQuery::kMaxLimit;

    explicit RunListLoader(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~RunListLoader() override;

    // Starts over with the first page: `filters` gives the organization, user and source type.
    void open(const ApiEndpoint &endpoint, const RunListQuery &filters);
    void close();
    void fetchMore();
    void loadAll();
    // After failed(): asks the page that failed again.
    void retry();

    void setPacer(RequestPacer *pacer); // default: RequestPacer::shared(origin, token)
    void setReplyLimits(const ApiReply::Limits &limits) { m_limits = limits; }
    void setRetryDelays(int baseDelayMs, int rateLimitDelayMs);

    const QList<RunListItem> &items() const { return m_items; }
    const RunListQuery &filters() const { return m_filters; }
    ApiEndpoint endpoint() const { return m_endpoint; }
    qint64 total() const { return m_total; }
    bool isOpen() const { return m_client != nullptr; }
    bool isLoading() const { return m_ticket != 0 || m_reply != nullptr || m_waiting; }
    bool isAtEnd() const { return m_atEnd; }
    bool canFetchMore() const { return isOpen() && !m_atEnd && !m_failed; }
    const ApiError &lastError() const { return m_lastError; }
    int requestsSent() const { return m_requestsSent; }

signals:
    void itemsAppended(int first, int count);
    void loadingChanged(bool loading);
    void failed(const ApiError &error);
    void retrying(const ApiError &error, int retryInMs);
    // The last page came: every run is in items().
    void finished();

private:
    void request();
    void send(RequestPacer::Ticket ticket);
    void onFinished(RunListReply *reply);
    void handleFailure(const ApiError &error);
    void setWaiting(bool waiting);
    static qint64 justifiedPages(qint64 total);

    QNetworkAccessManager *m_network;
    ApiClient *m_client = nullptr;
    RequestPacer *m_pacer = nullptr;
    bool m_customPacer = false;
    ApiReply::Limits m_limits;
    int m_baseDelayMs = 1000;
    int m_rateLimitDelayMs = 2000;

    ApiEndpoint m_endpoint;
    RunListQuery m_filters;
    QList<RunListItem> m_items;
    QSet<qint64> m_ids;
    qint64 m_total = 0;
    int m_nextPage = 0;
    qint64 m_maxPages = 0;      // set by the first page: what its total can justify
    bool m_atEnd = false;
    bool m_failed = false;
    bool m_loadAll = false;
    bool m_waiting = false;     // in a backoff before asking again
    int m_attempts = 0;
    int m_rateLimitHits = 0;
    int m_requestsSent = 0;
    int m_generation = 0;
    RequestPacer::Ticket m_ticket = 0;
    QPointer<RunListReply> m_reply;
    ApiError m_lastError;
};
