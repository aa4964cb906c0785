// SPDX-License-Identifier: MIT
#include "model/runlistloader.h"

#include "api/apiclient.h"
#include "api/runlistreply.h"

#include <QTimer>

namespace {
constexpr int kMaxAttempts = 4;
constexpr int kMaxRateLimitHits = 10;
constexpr int kMaxDelayMs = 60000;
}

RunListLoader::RunListLoader(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

RunListLoader::~RunListLoader()
{
    close();
}

void RunListLoader::setPacer(RequestPacer *pacer)
{
    m_pacer = pacer;
    m_customPacer = pacer != nullptr;
}

void RunListLoader::setRetryDelays(int baseDelayMs, int rateLimitDelayMs)
{
    m_baseDelayMs = std::max(1, baseDelayMs);
    m_rateLimitDelayMs = std::max(1, rateLimitDelayMs);
}

void RunListLoader::open(const ApiEndpoint &endpoint, const RunListQuery &filters)
{
    close();
    m_endpoint = endpoint;
    m_filters = filters;
    m_filters.limit = kPageSize;
    m_client = new ApiClient(m_network, endpoint, this);
    m_client->setLimits(m_limits);
    if (!m_customPacer)
        m_pacer = RequestPacer::shared(endpoint.baseUrl, endpoint.token);
    request();
}

void RunListLoader::close()
{
    ++m_generation;
    const bool wasLoading = isLoading();
    if (m_ticket != 0 && m_pacer)
        m_pacer->cancel(m_ticket);
    m_ticket = 0;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    // Later: close() may run inside a reply's signal, and the client owns the replies.
    if (m_client)
        m_client->deleteLater();
    m_client = nullptr;
    m_items.clear();
    m_ids.clear();
    m_total = 0;
    m_nextPage = 0;
    m_maxPages = 0;
    m_atEnd = m_failed = m_loadAll = m_waiting = false;
    m_attempts = m_rateLimitHits = 0;
    m_requestsSent = 0;
    m_lastError = ApiError();
    if (wasLoading)
        emit loadingChanged(false);
}

void RunListLoader::fetchMore()
{
    if (canFetchMore() && !isLoading())
        request();
}

void RunListLoader::loadAll()
{
    m_loadAll = true;
    if (m_atEnd)
        emit finished();
    else
        fetchMore();
}

void RunListLoader::retry()
{
    if (!isOpen() || !m_failed)
        return;
    m_failed = false;
    m_attempts = m_rateLimitHits = 0;
    m_lastError = ApiError();
    request();
}

void RunListLoader::request()
{
    if (!m_client || m_ticket != 0 || m_reply)
        return;
    const bool wasLoading = isLoading();
    m_ticket = m_pacer->acquire(RequestPacer::Priority::Visible, this,
                                [this](RequestPacer::Ticket ticket) { send(ticket); });
    if (!wasLoading)
        emit loadingChanged(true);
}

void RunListLoader::send(RequestPacer::Ticket ticket)
{
    if (ticket != m_ticket) {
        m_pacer->returnUnused(ticket);
        return;
    }
    RunListQuery query = m_filters;
    query.skip = qint64(m_nextPage) * kPageSize;
    m_reply = m_client->fetchRunList(query);
    ++m_requestsSent;
    const int generation = m_generation;
    RunListReply *reply = m_reply;
    connect(reply, &ApiReply::finished, this, [this, reply, generation] {
        reply->deleteLater();
        if (generation == m_generation)
            onFinished(reply);
    });
}

void RunListLoader::onFinished(RunListReply *reply)
{
    m_reply = nullptr;
    m_pacer->finished(m_ticket);
    m_ticket = 0;
    if (reply->error().isError()) {
        handleFailure(reply->error());
        return;
    }
    m_attempts = m_rateLimitHits = 0;
    RunListPage page = reply->takePage();
    m_total = page.total;
    const int pageCount = int(page.items.size());
    QList<RunListItem> fresh;
    for (RunListItem &item : page.items) {
        if (m_ids.contains(item.id))
            continue;
        m_ids.insert(item.id);
        fresh.append(std::move(item));
    }
    ++m_nextPage;
    if (m_nextPage == 1)
        m_maxPages = justifiedPages(page.total);
    // The documented end: a page shorter than asked, or the count reached.
    m_atEnd = pageCount < kPageSize || qint64(m_nextPage) * kPageSize >= page.total;
    ApiError endless;
    if (!m_atEnd && fresh.isEmpty()) {
        // A full page of runs already listed: a server that repeats itself would be asked forever.
        endless = ApiError::invalidResponse(tr("page %1 of the run list brought no run that was not on an earlier page, "
                                               "though the server counts %2 runs")
                                                    .arg(m_nextPage)
                                                    .arg(page.total));
    } else if (!m_atEnd && m_nextPage >= m_maxPages) {
        endless = ApiError::invalidResponse(tr("the run list goes on past %1 pages, more than its first count of runs "
                                               "can fill")
                                                    .arg(m_nextPage));
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_items.size());
        m_items.append(fresh);
        emit itemsAppended(first, int(fresh.size()));
    }
    if (endless.isError()) {
        // Retry asks the same page again: a server that mended itself goes on from there.
        --m_nextPage;
        m_failed = true;
        m_lastError = endless;
        emit loadingChanged(false);
        emit failed(endless);
    } else if (m_atEnd) {
        emit loadingChanged(false);
        emit finished();
    } else if (m_loadAll) {
        request();
    } else {
        emit loadingChanged(false);
    }
}

qint64 RunListLoader::justifiedPages(qint64 total)
{
    // Every page the first count fills, and one more for runs started while paging.
    return (std::max<qint64>(0, total) + kPageSize - 1) / kPageSize + 1;
}

void RunListLoader::handleFailure(const ApiError &error)
{
    int delay = -1;
    if (error.isRateLimited() && ++m_rateLimitHits <= kMaxRateLimitHits) {
        const int backoff = int(std::min<qint64>(kMaxDelayMs, qint64(m_rateLimitDelayMs) << std::min(m_rateLimitHits - 1, 16)));
        delay = error.retryAfterMs >= 0 ? error.retryAfterMs : backoff;
        m_pacer->pauseFor(delay);
    } else if (error.isTransient() && !error.isRateLimited() && ++m_attempts < kMaxAttempts) {
        delay = int(std::min<qint64>(kMaxDelayMs, qint64(m_baseDelayMs) << std::min(m_attempts - 1, 16)));
    }
    if (delay >= 0) {
        setWaiting(true);
        emit retrying(error, delay);
        const int generation = m_generation;
        QTimer::singleShot(delay, this, [this, generation] {
            if (generation != m_generation)
                return;
            m_waiting = false;
            request();
        });
        return;
    }
    m_failed = true;
    m_lastError = error;
    emit loadingChanged(false);
    emit failed(error);
}

void RunListLoader::setWaiting(bool waiting)
{
    m_waiting = waiting;
}
