// SPDX-License-Identifier: MIT
#pragma once

#include "demo/httpmessage.h"
#include "demo/runrecord.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QtGlobal>

#include <deque>
#include <functional>
#include <memory>

// What the endpoint saw of one request, for tests that check what a client sent and when.
struct LogsRequestRecord
{
    QByteArray method;
    QString path;               // decoded
    QByteArray target;          // raw request target, query included
    QString skip;               // the query values as sent; null QString when absent
    QString limit;
    QString reverse;
    QByteArray authorization;   // the Authorization header; null when absent
    int status = 0;             // what was answered
    qint64 elapsedMs = 0;       // since the endpoint was created (monotonic clock)
    bool intercepted = false;   // answered by a test interceptor, not by the endpoint
};

// GET /v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs as the public OpenAPI text
// describes it, over a set of in-memory runs; and the organization's run list over the same runs
// (RunListEndpoint), behind the same token and rate limit. Error bodies copy the real service's shapes
// (FastAPI/pydantic v2 for 422, {"message","status_code"} for the others).
//
// Order of checks (the real service's order is not documented; this one is FastAPI-like):
// route (404 {"detail":"Not Found"}), method (405), token (401), rate limit (429), parameter
// validation (422, every error at once), organization access (403), run lookup (404), run of
// another organization (403).
//
// Rate limit: a sliding window per Authorization header value (per peer address without one).
// A request counts when the limiter lets it through, whatever its final status; requests refused
// with 429 do not count, so a client retrying too early is refused but never locked out for
// longer than the window. No Retry-After header is sent: none is documented.
//
// Memory stays bounded whatever clients send: the request log keeps the newest
// kMaxRequestLogRecords records with each text field cut at kMaxRecordedFieldBytes, and the rate
// limiter keeps state for at most kMaxRateLimitClients clients (keyed by a hash, not the token):
// clients whose window has passed are forgotten first, then the least recently seen.
//
// Runs are held through shared pointers so that whoever grows a run (the demo's live run, a
// test) changes what the endpoint serves without copying entries.
class LogsEndpoint
{
public:
    static constexpr int kDefaultRateLimitCount = 60;
    static constexpr int kDefaultRateLimitWindowMs = 60 * 1000;
    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 100;
    // Enough for any test or demo session (a run of 100,000 entries is 1,000 pages); a client
    // looping for hours cannot grow the demo's memory.
    static constexpr int kMaxRequestLogRecords = 2048;
    // Query values, targets and tokens of real requests are far shorter; a 32 KB header is not
    // worth keeping 2,048 times.
    static constexpr int kMaxRecordedFieldBytes = 1024;
    // Distinct tokens (or addresses) with rate-limit state at once. A client inventing a token per
    // request evicts only other clients' state, never grows the map.
    static constexpr int kMaxRateLimitClients = 1024;

    LogsEndpoint();

    void addRun(const RunRecord &run);                 // replaces a run with the same id
    void addRun(std::shared_ptr<RunRecord> run);
    std::shared_ptr<RunRecord> run(qint64 runId) const; // nullptr when unknown
    bool removeRun(qint64 runId);
    void clearRuns();

    // The organizations the caller may see. Empty (the default): those of the runs added.
    void setAccessibleOrganizations(const QList<qint64> &organizationIds);
    bool isOrganizationAccessible(qint64 organizationId) const;

    // Non-empty: every request needs "Authorization: Bearer <token>". Empty (default): none.
    void setRequiredToken(const QByteArray &token);

    // count <= 0 switches rate limiting off.
    void setRateLimit(int count, int windowMs);
    int rateLimitCount() const { return m_rateLimitCount; }
    int rateLimitWindowMs() const { return m_rateLimitWindowMs; }
    void resetRateLimit();
    // Clients with rate-limit state now (for tests of the bound).
    int rateLimitedClientCount() const { return int(m_admittedAt.size()); }

    // Answers one request; suitable as (part of) a LoopbackHttpServer handler. HEAD is answered
    // like GET; the server leaves the body out.
    HttpResponse handle(const HttpRequest &request);

    // For servers that answer some requests themselves (test interceptors) but want them in the
    // same log.
    void recordRequest(const HttpRequest &request, int status, bool intercepted);
    // The newest kMaxRequestLogRecords requests, oldest first.
    QList<LogsRequestRecord> requestLog() const;
    void clearRequestLog();
    qint64 elapsedMs() const;
    // The rate limiter and the request log read the time from `now` instead of a monotonic
    // clock, so that a test states exactly when each request comes, however busy the machine is.
    // An empty function goes back to the real clock.
    void setClockForTesting(std::function<qint64()> now) { m_testClock = std::move(now); }

    static QString logsPath(qint64 organizationId, qint64 runId);
    // The 200 body for one page, built by concatenating the stored raw texts.
    static QByteArray pageBody(const RunRecord &run, qint64 skip, qint64 limit, bool reverse);

private:
    HttpResponse route(const HttpRequest &request);
    HttpResponse serveLogs(const HttpRequest &request, const QString &orgText,
                           const QString &runText);
    bool isAuthorized(const HttpRequest &request) const;
    bool admitByRateLimit(const HttpRequest &request);
    void makeRoomForRateLimitClient(qint64 now);

    QHash<qint64, std::shared_ptr<RunRecord>> m_runs;
    QSet<qint64> m_accessibleOrganizations;
    QByteArray m_requiredToken;
    int m_rateLimitCount = kDefaultRateLimitCount;
    int m_rateLimitWindowMs = kDefaultRateLimitWindowMs;
    QHash<QByteArray, std::deque<qint64>> m_admittedAt;   // per client key hash, oldest first
    std::deque<LogsRequestRecord> m_requestLog;            // the newest kMaxRequestLogRecords
    QElapsedTimer m_clock;
    std::function<qint64()> m_testClock;
};
