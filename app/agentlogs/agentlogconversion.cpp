// SPDX-License-Identifier: MIT
#include "agentlogs/agentlogconversion.h"

#include "agentlogs/qtorderedjson.h"
#include "json/jsonwriter.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <limits>

namespace {

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// A value as compact JSON, written straight into `out`: QJsonDocument's writer (and wrapping each
// scalar into an array to reach it) took most of a conversion's time. Numbers as QJsonDocument
// writes them: whole ones as integers (64-bit ones exactly), others shortest, non-finite null.
void appendJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        JsonWriter::appendString(out, value.toString().toUtf8());
        break;
    case QJsonValue::Double: {
        // A 64-bit integer exactly (toDouble() would round it); other numbers as QtOrderedJson.
        constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
        const qint64 whole = value.toInteger(notWhole);
        if (whole != notWhole)
            QtOrderedJson::appendInteger(out, whole);
        else
            QtOrderedJson::appendDouble(out, value.toDouble());
        break;
    }
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out += '{';
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first)
                out += ',';
            first = false;
            JsonWriter::appendString(out, it.key().toUtf8());
            out += ':';
            appendJson(out, it.value());
        }
        out += '}';
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJson(out, array.at(i));
        }
        out += ']';
        break;
    }
    default:
        out += "null";
        break;
    }
}

} // namespace

QByteArray agentEntryJson(const AgentEntryFields &fields)
{
    // QJsonObject sorts its keys; the endpoint's order is written by hand so that an exported
    // entry reads like a Codegen one.
    QByteArray out;
    out.reserve(256);
    auto append = [&out](const char *key, const QJsonValue &value) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        out += key;
        out += "\":";
        appendJson(out, value);
    };
    out += '{';
    append("agent_run_id", QJsonValue(fields.agentRunId));
    append("id", QJsonValue(fields.id));
    append("created_at", stringOrNull(fields.createdAt));
    append("message_type", stringOrNull(fields.messageType));
    append("thought", stringOrNull(fields.thought));
    append("tool_name", stringOrNull(fields.toolName));
    append("tool_input", fields.toolInput.isObject() ? fields.toolInput : QJsonValue(QJsonValue::Null));
    append("tool_output", fields.toolOutput.isObject() ? fields.toolOutput : QJsonValue(QJsonValue::Null));
    append("observation", fields.observation);
    for (auto it = fields.extra.constBegin(); it != fields.extra.constEnd(); ++it) {
        out += ',';
        JsonWriter::appendString(out, it.key().toUtf8());
        out += ':';
        appendJson(out, it.value());
    }
    if (!fields.sourceRecords.isEmpty())
        append("source_records", fields.sourceRecords);
    out += '}';
    return out;
}

qint64 agentRunIdFor(QByteArrayView sessionKey)
{
    const QByteArray digest = QCryptographicHash::hash(sessionKey, QCryptographicHash::Sha256);
    qint64 id = 0;
    for (int i = 0; i < 6; ++i)
        id = (id << 8) | static_cast<unsigned char>(digest.at(i));
    // 48 bits stay exact in a JSON number read as a double; 0 is not an id.
    return id == 0 ? 1 : id;
}

QJsonObject toolOutputObject(const QJsonValue &result)
{
    if (result.isObject())
        return result.toObject();
    return QJsonObject{{QStringLiteral("content"), result}};
}
