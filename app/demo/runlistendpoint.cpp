// SPDX-License-Identifier: MIT
#include "demo/runlistendpoint.h"

#include "demo/fastapierrors.h"
#include "json/jsonwriter.h"
#include "run/timestamps.h"

#include <QStringList>

#include <algorithm>

namespace {

constexpr qint64 kDefaultLimit = 100;
constexpr qint64 kMaxLimit = 100;

const QStringList &sourceTypes()
{
    static const QStringList types = {
        QStringLiteral("LOCAL"),  QStringLiteral("SLACK"),   QStringLiteral("GITHUB"),
        QStringLiteral("GITHUB_CHECK_SUITE"), QStringLiteral("GITHUB_PR_REVIEW"), QStringLiteral("LINEAR"),
        QStringLiteral("API"),    QStringLiteral("CHAT"),    QStringLiteral("JIRA"),
        QStringLiteral("CLICKUP"), QStringLiteral("MONDAY"), QStringLiteral("SETUP_COMMANDS")};
    return types;
}

QByteArray valueOrNull(const QByteArray &raw)
{
    return raw.trimmed().isEmpty() ? JsonWriter::null() : raw;
}

qint64 createdMsOf(const RunRecord &run)
{
    const QString created = JsonWriter::decodeString(run.field(QStringLiteral("created_at")));
    return created.isNull() ? std::numeric_limits<qint64>::min() : Timestamps::parseUtcMsecs(created);
}

} // namespace

namespace RunListEndpoint {

Route match(const QString &path, QString *orgText, QString *runText)
{
    // Starlette matches each {param} as one non-empty path segment.
    const QStringList segments = path.split(u'/');
    const bool prefix = segments.size() >= 6 && segments.at(0).isEmpty() && segments.at(1) == QLatin1String("v1")
        && segments.at(2) == QLatin1String("organizations") && !segments.at(3).isEmpty()
        && segments.at(4) == QLatin1String("agent");
    if (!prefix)
        return Route::None;
    if (orgText)
        *orgText = segments.at(3);
    if (segments.size() == 6 && segments.at(5) == QLatin1String("runs"))
        return Route::List;
    if (segments.size() == 7 && segments.at(5) == QLatin1String("run") && !segments.at(6).isEmpty()) {
        if (runText)
            *runText = segments.at(6);
        return Route::Run;
    }
    return Route::None;
}

QByteArray itemJson(const RunRecord &run)
{
    QByteArray item = "{\"id\":" + QByteArray::number(run.id) + ",\"organization_id\":" + QByteArray::number(run.organizationId);
    for (const char *key : {"status", "created_at", "web_url", "result", "summary", "source_type"}) {
        item += ",\"";
        item += key;
        item += "\":" + valueOrNull(run.listField(QLatin1String(key)));
    }
    const QByteArray pulls = run.listField(QStringLiteral("github_pull_requests"));
    item += ",\"github_pull_requests\":" + (pulls.trimmed().isEmpty() ? QByteArray("[]") : pulls);
    item += ",\"metadata\":" + valueOrNull(run.field(QStringLiteral("metadata"))) + '}';
    return item;
}

HttpResponse serveList(const HttpRequest &request, const QString &orgText,
                       const QList<std::shared_ptr<RunRecord>> &runs, const Accessible &accessible)
{
    ValidationErrors errors;
    const IntParse org = parsePydanticInt(orgText);
    if (!org.ok)
        errors.intParsing("path", "org_id", orgText);
    const qint64 skip = errors.boundedQueryInt(request, "skip", 0, 0);
    const qint64 limit = errors.boundedQueryInt(request, "limit", kDefaultLimit, 1, int(kMaxLimit));
    std::optional<qint64> userId;
    const QString userText = request.queryValue(QStringLiteral("user_id"));
    if (!userText.isNull()) {
        const IntParse parsed = parsePydanticInt(userText);
        if (!parsed.ok)
            errors.intParsing("query", "user_id", userText);
        else
            userId = parsed.value;
    }
    const QString sourceType = request.queryValue(QStringLiteral("source_type"));
    if (!sourceType.isNull() && !sourceTypes().contains(sourceType))
        errors.enumeration("source_type", sourceType, sourceTypes());
    if (!errors.isEmpty())
        return errors.response();
    if (!accessible(org.value))
        return messageResponse(403, "You do not have access to this organization.");

    QList<std::shared_ptr<RunRecord>> matching;
    for (const auto &run : runs) {
        if (run->organizationId != org.value || (userId && run->userId != *userId))
            continue;
        if (!sourceType.isNull() && JsonWriter::decodeString(run->listField(QStringLiteral("source_type"))) != sourceType)
            continue;
        matching.append(run);
    }
    // Newest first, by creation; the larger id first when two were created together.
    std::stable_sort(matching.begin(), matching.end(), [](const auto &a, const auto &b) {
        const qint64 ta = createdMsOf(*a);
        const qint64 tb = createdMsOf(*b);
        return ta != tb ? ta > tb : a->id > b->id;
    });
    const qint64 total = matching.size();
    QByteArray body = "{\"items\":[";
    for (qint64 k = skip; k < std::min(total, skip + limit); ++k) {
        if (k > skip)
            body += ',';
        body += itemJson(*matching.at(k));
    }
    body += "],\"total\":" + QByteArray::number(total) + ",\"page\":" + QByteArray::number(skip / limit + 1)
        + ",\"size\":" + QByteArray::number(limit) + ",\"pages\":" + QByteArray::number((total + limit - 1) / limit) + '}';
    return HttpResponse::json(200, body);
}

HttpResponse serveRun(const QString &orgText, const QString &runText, const std::shared_ptr<RunRecord> &run,
                      const Accessible &accessible)
{
    ValidationErrors errors;
    const IntParse org = parsePydanticInt(orgText);
    if (!org.ok)
        errors.intParsing("path", "org_id", orgText);
    const IntParse runId = parsePydanticInt(runText);
    if (!runId.ok)
        errors.intParsing("path", "agent_run_id", runText);
    if (!errors.isEmpty())
        return errors.response();
    if (!accessible(org.value))
        return messageResponse(403, "You do not have access to this organization.");
    if (!run || run->id != runId.value)
        return messageResponse(404, "Agent run not found.");
    if (run->organizationId != org.value)
        return messageResponse(403, "You do not have access to this organization.");
    return HttpResponse::json(200, itemJson(*run));
}

} // namespace RunListEndpoint
