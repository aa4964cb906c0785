// SPDX-License-Identifier: MIT
#include "api/runlistparser.h"

#include "json/jsonvalidation.h"
#include "json/paddedjson.h"
#include "json/parsebudget.h"
#include "json/simdjsonvalues.h"

#include <QStringList>

#include <simdjson.h>

namespace {

using simdjson::error_code;
using simdjson::ondemand::json_type;
namespace ondemand = simdjson::ondemand;
using namespace SimdjsonValues;

constexpr int kMaxDepth = 512;

RunListParseResult failure(const QString &message)
{
    RunListParseResult result;
    result.error = message;
    return result;
}

RunListParseResult internalError(error_code e)
{
    return failure(QStringLiteral("could not read the response: %1").arg(QString::fromUtf8(simdjson::error_message(e))));
}

std::optional<qint64> integerOf(ondemand::value &value, json_type type)
{
    int64_t v = 0;
    if (type != json_type::number || value.get_int64().get(v) != simdjson::SUCCESS)
        return std::nullopt;
    return qint64(v);
}

// A nullable string field: null stays null; another type shows as its raw JSON, so a server's
// surprise stays visible and the list stays usable.
error_code textOf(ondemand::value &value, json_type type, std::optional<QString> &out)
{
    out.reset();
    if (type == json_type::null)
        return simdjson::SUCCESS;
    std::string_view raw;
    if (error_code e = rawValue(value, type, raw))
        return e;
    out = type == json_type::string ? stringText(value, raw) : text(raw);
    return simdjson::SUCCESS;
}

error_code pullRequestsOf(ondemand::value &value, json_type type, QList<PullRequestLink> &out)
{
    if (type != json_type::array)
        return simdjson::SUCCESS;
    ondemand::array array;
    if (error_code e = value.get_array().get(array))
        return e;
    for (auto elementResult : array) {
        ondemand::value element;
        if (error_code e = std::move(elementResult).get(element))
            return e;
        json_type elementType;
        if (error_code e = element.type().get(elementType))
            return e;
        if (elementType != json_type::object)
            continue;
        ondemand::object object;
        if (error_code e = element.get_object().get(object))
            return e;
        PullRequestLink link;
        for (auto fieldResult : object) {
            ondemand::field field;
            if (error_code e = std::move(fieldResult).get(field))
                return e;
            std::string_view key;
            if (field.unescaped_key().get(key) != simdjson::SUCCESS)
                continue;
            ondemand::value &fieldValue = field.value();
            json_type fieldType;
            if (error_code e = fieldValue.type().get(fieldType))
                return e;
            std::optional<QString> textValue;
            if (key == "title" || key == "url" || key == "head_branch_name") {
                if (error_code e = textOf(fieldValue, fieldType, textValue))
                    return e;
                (key == "title" ? link.title : key == "url" ? link.url : link.headBranch) = textValue.value_or(QString());
            }
        }
        out.append(link);
    }
    return simdjson::SUCCESS;
}

// One item: its exact bytes, then its fields.
RunListParseResult parseItem(ondemand::object &object, qsizetype index, RunListItem &item)
{
    std::string_view whole;
    if (error_code e = object.raw_json().get(whole))
        return internalError(e);
    item.rawJson = bytes(trimTrailingSpace(whole));
    bool rewound = false;
    if (error_code e = object.reset().get(rewound))
        return internalError(e);
    bool haveId = false;
    bool haveOrg = false;
    for (auto fieldResult : object) {
        ondemand::field field;
        if (error_code e = std::move(fieldResult).get(field))
            return internalError(e);
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS)
            continue; // a key simdjson cannot unescape is none of ours
        ondemand::value &value = field.value();
        json_type type;
        if (error_code e = value.type().get(type))
            return internalError(e);
        error_code e = simdjson::SUCCESS;
        if (key == "id" || key == "organization_id") {
            const std::optional<qint64> v = integerOf(value, type);
            if (!v)
                return failure(QStringLiteral("run %1 of the list: \"%2\" must be an integer")
                                   .arg(index)
                                   .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
            (key == "id" ? item.id : item.organizationId) = *v;
            (key == "id" ? haveId : haveOrg) = true;
        } else if (key == "status") {
            e = textOf(value, type, item.status);
        } else if (key == "created_at") {
            e = textOf(value, type, item.createdAt);
        } else if (key == "web_url") {
            e = textOf(value, type, item.webUrl);
        } else if (key == "result") {
            e = textOf(value, type, item.result);
        } else if (key == "summary") {
            e = textOf(value, type, item.summary);
        } else if (key == "source_type") {
            e = textOf(value, type, item.sourceType);
        } else if (key == "github_pull_requests") {
            e = pullRequestsOf(value, type, item.pullRequests);
        }
        if (e)
            return internalError(e);
    }
    if (!haveId)
        return failure(QStringLiteral("run %1 of the list: \"id\" is missing").arg(index));
    if (!haveOrg)
        return failure(QStringLiteral("run %1 of the list: \"organization_id\" is missing").arg(index));
    RunListParseResult ok;
    ok.ok = true;
    return ok;
}

} // namespace

namespace RunListParser {

RunListParseResult parse(const QByteArray &body)
{
    if (body.isEmpty())
        return failure(QStringLiteral("the response body is empty"));
    // Waits (on this worker thread) while other documents fill the process's parse budget.
    const ByteBudget::Reservation budget(ParseBudget::shared(), body.size());
    const PaddedJson json(body);
    if (!json.isValid())
        return failure(QStringLiteral("not enough memory to parse a response of %1 bytes").arg(body.size()));
    const JsonValidation::Verdict verdict = JsonValidation::check(json, kMaxDepth);
    if (!verdict.ok)
        return failure(verdict.where.isEmpty() ? verdict.engineMessage : verdict.where);

    ondemand::parser parser;
    ondemand::document doc;
    if (error_code e = parser.iterate(json.view()).get(doc))
        return internalError(e);
    json_type rootType;
    if (error_code e = doc.type().get(rootType))
        return internalError(e);
    if (rootType != json_type::object)
        return failure(QStringLiteral("the response is not a JSON object"));
    ondemand::object root;
    if (error_code e = doc.get_object().get(root))
        return internalError(e);

    RunListParseResult result;
    bool haveItems = false;
    bool haveTotal = false;
    for (auto fieldResult : root) {
        ondemand::field field;
        if (error_code e = std::move(fieldResult).get(field))
            return internalError(e);
        std::string_view key;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS)
            continue;
        ondemand::value &value = field.value();
        json_type type;
        if (error_code e = value.type().get(type))
            return internalError(e);
        if (key == "items") {
            if (type != json_type::array)
                return failure(QStringLiteral("field \"items\" is not an array"));
            haveItems = true;
            ondemand::array items;
            if (error_code e = value.get_array().get(items))
                return internalError(e);
            qsizetype index = 0;
            for (auto elementResult : items) {
                ondemand::value element;
                if (error_code e = std::move(elementResult).get(element))
                    return internalError(e);
                json_type elementType;
                if (error_code e = element.type().get(elementType))
                    return internalError(e);
                if (elementType != json_type::object)
                    return failure(QStringLiteral("run %1 of the list is not an object").arg(index));
                ondemand::object object;
                if (error_code e = element.get_object().get(object))
                    return internalError(e);
                RunListItem item;
                RunListParseResult itemResult = parseItem(object, index, item);
                if (!itemResult.ok)
                    return itemResult;
                result.page.items.append(std::move(item));
                ++index;
            }
        } else if (key == "total" || key == "page" || key == "size" || key == "pages") {
            const std::optional<qint64> v = integerOf(value, type);
            if (!v)
                return failure(QStringLiteral("field \"%1\" must be an integer").arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
            if (key == "total") {
                result.page.total = *v;
                haveTotal = true;
            } else {
                (key == "page" ? result.page.page : key == "size" ? result.page.size : result.page.pages) = *v;
            }
        }
    }
    if (!haveItems)
        return failure(QStringLiteral("field \"items\" is missing"));
    if (!haveTotal)
        return failure(QStringLiteral("field \"total\" is missing"));
    result.ok = true;
    return result;
}

} // namespace RunListParser
