// SPDX-License-Identifier: MIT
#include "demo/logsendpoint.h"

#include "demo/fastapierrors.h"
#include "demo/runlistendpoint.h"
#include "json/jsonwriter.h"

#include <QCryptographicHash>
#include <QStringList>

#include <algorithm>
#include <limits>
#include <optional>

namespace {

const char kPathPrefix[] = "/v1/alpha/organizations/";

QByteArray valueOrNull(const QByteArray &raw)
{
    return raw.trimmed().isEmpty() ? JsonWriter::null() : raw;
}

// Starlette matches each {param} as one non-empty path segment.
bool matchLogsRoute(const QString &path, QString *orgText, QString *runText)
{
    const QStringList segments = path.split(u'/');
    const bool matches = segments.size() == 9 && segments.at(0).isEmpty()
            && segments.at(1) == QLatin1String("v1") && segments.at(2) == QLatin1String("alpha")
            && segments.at(3) == QLatin1String("organizations") && !segments.at(4).isEmpty()
            && segments.at(5) == QLatin1String("agent") && segments.at(6) == QLatin1String("run")
            && !segments.at(7).isEmpty() && segments.at(8) == QLatin1String("logs");
    if (matches && orgText)
        *orgText = segments.at(4);
    if (matches && runText)
        *runText = segments.at(7);
    return matches;
}

bool isReservedField(const QString &key)
{
    static const QStringList reserved = {
        QStringLiteral("id"),         QStringLiteral("organization_id"),
        QStringLiteral("status"),     QStringLiteral("created_at"),
        QStringLiteral("web_url"),    QStringLiteral("result"),
        QStringLiteral("metadata"),   QStringLiteral("logs"),
        QStringLiteral("total_logs"), QStringLiteral("page"),
        QStringLiteral("size"),       QStringLiteral("pages")};
    return reserved.contains(key);
}

} // namespace

LogsEndpoint::LogsEndpoint()
{
    m_clock.start();
}

void LogsEndpoint::addRun(const RunRecord &run)
{
    addRun(std::make_shared<RunRecord>(run));
}

void LogsEndpoint::addRun(std::shared_ptr<RunRecord> run)
{
    if (!run)
        return;
    const qint64 id = run->id;
    m_runs.insert(id, std::move(run));
}

std::shared_ptr<RunRecord> LogsEndpoint::run(qint64 runId) const
{
    return m_runs.value(runId);
}

bool LogsEndpoint::removeRun(qint64 runId)
{
    return m_runs.remove(runId) > 0;
}

void LogsEndpoint::clearRuns()
{
    m_runs.clear();
}

void LogsEndpoint::setAccessibleOrganizations(const QList<qint64> &organizationIds)
{
    m_accessibleOrganizations = QSet<qint64>(organizationIds.cbegin(), organizationIds.cend());
}

bool LogsEndpoint::isOrganizationAccessible(qint64 organizationId) const
{
    if (!m_accessibleOrganizations.isEmpty())
        return m_accessibleOrganizations.contains(organizationId);
    for (const auto &run : m_runs) {
        if (run->organizationId == organizationId)
            return true;
    }
    return false;
}

void LogsEndpoint::setRequiredToken(const QByteArray &token)
{
    m_requiredToken = token;
}

void LogsEndpoint::setRateLimit(int count, int windowMs)
{
    m_rateLimitCount = count;
    m_rateLimitWindowMs = std::max(windowMs, 1);
    m_admittedAt.clear();
}

void LogsEndpoint::resetRateLimit()
{
    m_admittedAt.clear();
}

HttpResponse LogsEndpoint::handle(const HttpRequest &request)
{
    HttpResponse response = route(request);
    recordRequest(request, response.status, false);
    return response;
}

void LogsEndpoint::recordRequest(const HttpRequest &request, int status, bool intercepted)
{
    // left() keeps a null value null (an absent header or parameter stays absent).
    const auto bytes = [](const QByteArray &value) { return value.left(kMaxRecordedFieldBytes); };
    const auto text = [](const QString &value) { return value.left(kMaxRecordedFieldBytes); };
    LogsRequestRecord record;
    record.method = bytes(request.method);
    record.path = text(request.path);
    record.target = bytes(request.target);
    record.skip = text(request.queryValue(QStringLiteral("skip")));
    record.limit = text(request.queryValue(QStringLiteral("limit")));
    record.reverse = text(request.queryValue(QStringLiteral("reverse")));
    record.authorization = bytes(request.header("Authorization"));
    record.status = status;
    record.elapsedMs = elapsedMs();
    record.intercepted = intercepted;
    m_requestLog.push_back(std::move(record));
    while (m_requestLog.size() > size_t(kMaxRequestLogRecords))
        m_requestLog.pop_front();
}

QList<LogsRequestRecord> LogsEndpoint::requestLog() const
{
    return QList<LogsRequestRecord>(m_requestLog.cbegin(), m_requestLog.cend());
}

void LogsEndpoint::clearRequestLog()
{
    m_requestLog.clear();
}

qint64 LogsEndpoint::elapsedMs() const
{
    return m_testClock ? m_testClock() : m_clock.elapsed();
}

QString LogsEndpoint::logsPath(qint64 organizationId, qint64 runId)
{
    return QLatin1String(kPathPrefix) + QString::number(organizationId)
            + QStringLiteral("/agent/run/") + QString::number(runId) + QStringLiteral("/logs");
}

HttpResponse LogsEndpoint::route(const HttpRequest &request)
{
    QString orgText;
    QString runText;
    const RunListEndpoint::Route listRoute = RunListEndpoint::match(request.path, &orgText, &runText);
    if (listRoute == RunListEndpoint::Route::None && !matchLogsRoute(request.path, &orgText, &runText)) {
        // FastAPI answers a trailing slash with a redirect to the route without it.
        QString withoutSlash = request.path;
        if (withoutSlash.endsWith(u'/') && withoutSlash.size() > 1) {
            withoutSlash.chop(1);
            const qsizetype question = request.target.indexOf('?');
            QByteArray rawPath = question < 0 ? request.target : request.target.left(question);
            const QByteArray rawQuery = question < 0 ? QByteArray() : request.target.mid(question);
            if (matchLogsRoute(withoutSlash, nullptr, nullptr) && rawPath.startsWith('/')
                && rawPath.endsWith('/')) {
                rawPath.chop(1);
                const QByteArray host = request.header("Host");
                HttpResponse redirect;
                redirect.status = 307;
                redirect.setHeader("Location", host.isEmpty()
                                           ? rawPath + rawQuery
                                           : "http://" + host + rawPath + rawQuery);
                return redirect;
            }
        }
        return detailResponse(404, "Not Found");
    }
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = detailResponse(405, "Method Not Allowed");
        response.setHeader("Allow", "GET, HEAD");
        return response;
    }
    if (!isAuthorized(request))
        return messageResponse(401, "Invalid or expired API token.");
    if (!admitByRateLimit(request))
        return messageResponse(429, "Rate limit exceeded. Please try again later.");
    const auto accessible = [this](qint64 organizationId) { return isOrganizationAccessible(organizationId); };
    if (listRoute == RunListEndpoint::Route::List)
        return RunListEndpoint::serveList(request, orgText, m_runs.values(), accessible);
    if (listRoute == RunListEndpoint::Route::Run)
        return RunListEndpoint::serveRun(orgText, runText, m_runs.value(parsePydanticInt(runText).value), accessible);
    return serveLogs(request, orgText, runText);
}

HttpResponse LogsEndpoint::serveLogs(const HttpRequest &request, const QString &orgText,
                                     const QString &runText)
{
    ValidationErrors errors;
    const IntParse org = parsePydanticInt(orgText);
    if (!org.ok)
        errors.intParsing("path", "org_id", orgText);
    const IntParse runId = parsePydanticInt(runText);
    if (!runId.ok)
        errors.intParsing("path", "agent_run_id", runText);

    const qint64 skip = errors.boundedQueryInt(request, "skip", 0, 0);
    const qint64 limit = errors.boundedQueryInt(request, "limit", kDefaultLimit, 1, int(kMaxLimit));

    bool reverse = false;
    const QString reverseText = request.queryValue(QStringLiteral("reverse"));
    if (!reverseText.isNull()) {
        const std::optional<bool> parsed = parsePydanticBool(reverseText);
        if (!parsed)
            errors.boolParsing("query", "reverse", reverseText);
        else
            reverse = *parsed;
    }

    if (!errors.isEmpty())
        return errors.response();

    if (!isOrganizationAccessible(org.value))
        return messageResponse(403, "You do not have access to this organization.");
    const std::shared_ptr<RunRecord> run = m_runs.value(runId.value);
    if (!run)
        return messageResponse(404, "Agent run not found.");
    if (run->organizationId != org.value)
        return messageResponse(403, "You do not have access to this organization.");

    return HttpResponse::json(200, pageBody(*run, skip, limit, reverse));
}

bool LogsEndpoint::isAuthorized(const HttpRequest &request) const
{
    if (m_requiredToken.isEmpty())
        return true;
    const QByteArray authorization = request.header("Authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0)
        return false;
    const QByteArray scheme = authorization.left(space);
    const QByteArray token = authorization.mid(space + 1).trimmed();
    return scheme.compare("Bearer", Qt::CaseInsensitive) == 0 && token == m_requiredToken;
}

bool LogsEndpoint::admitByRateLimit(const HttpRequest &request)
{
    if (m_rateLimitCount <= 0)
        return true;
    QByteArray client = request.header("Authorization");
    if (client.isNull())
        client = "peer " + request.peerAddress.toString().toUtf8();
    // A fixed-size key: a header of 32 KB costs 32 bytes here, and no token is kept in memory.
    const QByteArray key = QCryptographicHash::hash(client, QCryptographicHash::Sha256);
    const qint64 now = elapsedMs();
    if (!m_admittedAt.contains(key))
        makeRoomForRateLimitClient(now);
    std::deque<qint64> &admitted = m_admittedAt[key];
    while (!admitted.empty() && now - admitted.front() >= m_rateLimitWindowMs)
        admitted.pop_front();
    if (qsizetype(admitted.size()) >= m_rateLimitCount)
        return false;
    admitted.push_back(now);
    return true;
}

void LogsEndpoint::makeRoomForRateLimitClient(qint64 now)
{
    if (m_admittedAt.size() < kMaxRateLimitClients)
        return;
    // Clients whose last admitted request has left the window have nothing left to limit.
    for (auto it = m_admittedAt.begin(); it != m_admittedAt.end();) {
        if (it->empty() || now - it->back() >= m_rateLimitWindowMs)
            it = m_admittedAt.erase(it);
        else
            ++it;
    }
    if (m_admittedAt.size() < kMaxRateLimitClients)
        return;
    // Still full: forget the client seen least recently.
    auto oldest = m_admittedAt.begin();
    for (auto it = m_admittedAt.begin(); it != m_admittedAt.end(); ++it) {
        if (it->back() < oldest->back())
            oldest = it;
    }
    m_admittedAt.erase(oldest);
}

QByteArray LogsEndpoint::pageBody(const RunRecord &run, qint64 skip, qint64 limit, bool reverse)
{
    limit = std::max<qint64>(limit, 1);
    skip = std::max<qint64>(skip, 0);
    const qint64 total = run.entries.size();
    const qint64 first = std::min(skip, total);
    const qint64 count = std::min(limit, total - first);

    qint64 entryBytes = 0;
    for (qint64 k = 0; k < count; ++k) {
        const qint64 index = reverse ? total - 1 - first - k : first + k;
        entryBytes += run.entries.at(index).size() + 1;
    }

    QByteArray body;
    body.reserve(entryBytes + 512);
    body += "{\"id\":" + QByteArray::number(run.id)
            + ",\"organization_id\":" + QByteArray::number(run.organizationId);
    static const char *const knownFields[] = {"status", "created_at", "web_url", "result",
                                              "metadata"};
    for (const char *key : knownFields) {
        body += ",\"";
        body += key;
        body += "\":";
        body += valueOrNull(run.field(QLatin1String(key)));
    }
    for (const auto &field : run.fields) {
        if (isReservedField(field.first))
            continue;
        body += ',' + JsonWriter::string(field.first) + ':' + valueOrNull(field.second);
    }
    body += ",\"logs\":[";
    for (qint64 k = 0; k < count; ++k) {
        const qint64 index = reverse ? total - 1 - first - k : first + k;
        if (k > 0)
            body += ',';
        body += run.entries.at(index);
    }
    body += "],\"total_logs\":" + QByteArray::number(total)
            + ",\"page\":" + QByteArray::number(skip / limit + 1)
            + ",\"size\":" + QByteArray::number(limit)
            + ",\"pages\":" + QByteArray::number((total + limit - 1) / limit) + '}';
    return body;
}
