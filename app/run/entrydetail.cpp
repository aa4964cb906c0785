// SPDX-License-Identifier: MIT
#include "run/entrydetail.h"

#include "json/jsontext.h"
#include "json/jsonvalidation.h"
#include "json/paddedjson.h"
#include "json/parsebudget.h"
#include "json/simdjsonvalues.h"

#include <simdjson.h>

#include <algorithm>
#include <string_view>

namespace {

using simdjson::error_code;
using simdjson::ondemand::json_type;
namespace ondemand = simdjson::ondemand;
using namespace SimdjsonValues;

constexpr size_t kMaxDepth = 512;

QString keyOf(const ondemand::field &field, const char *documentEnd)
{
    const char *start = field.key().raw();
    const char *p = start;
    while (p < documentEnd && *p != '"')
        p += *p == '\\' ? 2 : 1;
    p = std::min(p, documentEnd);
    return JsonText::unescapeString(QByteArrayView(start, p - start));
}

// Null stays null; a string is unescaped; any other value is shown as its raw JSON.
QString displayText(ondemand::value &value, json_type type, std::string_view raw)
{
    if (type == json_type::null)
        return QString();
    return type == json_type::string ? stringText(value, raw) : text(raw);
}

EntryDetail failure(const QString &message)
{
    EntryDetail d;
    d.ok = false;
    d.error = message;
    return d;
}

QString validate(const PaddedJson &json)
{
    const JsonValidation::Verdict verdict = JsonValidation::check(json, int(kMaxDepth));
    if (verdict.tooLarge)
        return QStringLiteral("the entry is too large to parse (%1)").arg(verdict.engineMessage);
    return verdict.where;
}

} // namespace

EntryDetail parseEntryDetail(const QByteArray &rawEntryJson)
{
    if (rawEntryJson.isEmpty())
        return failure(QStringLiteral("the entry is empty"));
    const ByteBudget::Reservation budget(ParseBudget::shared(), rawEntryJson.size());
    const PaddedJson json(rawEntryJson);
    if (!json.isValid())
        return failure(QStringLiteral("not enough memory to parse an entry of %1 bytes").arg(rawEntryJson.size()));
    const QString invalid = validate(json);
    if (!invalid.isNull())
        return failure(invalid);

    const auto internalError = [](error_code e) {
        return failure(QStringLiteral("could not read the entry: %1").arg(QString::fromUtf8(simdjson::error_message(e))));
    };
    ondemand::parser parser;
    ondemand::document doc;
    if (error_code e = parser.iterate(json.view()).get(doc))
        return internalError(e);
    json_type rootType;
    if (error_code e = doc.type().get(rootType))
        return internalError(e);
    if (rootType != json_type::object)
        return failure(QStringLiteral("the entry is not a JSON object"));
    ondemand::object object;
    if (error_code e = doc.get_object().get(object))
        return internalError(e);

    EntryDetail d;
    const char *documentEnd = json.data() + json.size();
    for (auto fieldResult : object) {
        ondemand::field field;
        if (error_code e = std::move(fieldResult).get(field))
            return internalError(e);
        const QString key = keyOf(field, documentEnd);
        ondemand::value &value = field.value();
        json_type type;
        if (error_code e = value.type().get(type))
            return internalError(e);
        std::string_view raw;
        if (error_code e = rawValue(value, type, raw))
            return internalError(e);

        if (key == QLatin1String("agent_run_id")) {
            int64_t id = 0;
            d.agentRunId = (type == json_type::number && value.get_int64().get(id) == simdjson::SUCCESS) ? qint64(id) : 0;
        } else if (key == QLatin1String("created_at")) {
            d.createdAtText = displayText(value, type, raw);
        } else if (key == QLatin1String("message_type")) {
            d.messageType = displayText(value, type, raw);
        } else if (key == QLatin1String("tool_name")) {
            d.toolName = displayText(value, type, raw);
        } else if (key == QLatin1String("thought")) {
            d.thought = displayText(value, type, raw);
        } else if (key == QLatin1String("observation")) {
            d.observation = type == json_type::null ? QByteArray() : bytes(raw);
            d.observationIsString = type == json_type::string;
            d.observationText = d.observationIsString ? stringText(value, raw) : QString();
        } else if (key == QLatin1String("tool_input")) {
            d.toolInput = type == json_type::null ? QByteArray() : bytes(raw);
        } else if (key == QLatin1String("tool_output")) {
            d.toolOutput = type == json_type::null ? QByteArray() : bytes(raw);
        } else {
            d.otherFields.append({key, bytes(raw)});
        }
    }
    d.ok = true;
    return d;
}
