// SPDX-License-Identifier: MIT
#include "agentlogs/agentlogconversion.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace {

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
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
        if (value.isObject())
            out += QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        else if (value.isArray())
            out += QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        else {
            // A scalar: wrap it in an array and strip the brackets, to get QJsonDocument's
            // escaping of strings and numbers.
            const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
            out += wrapped.mid(1, wrapped.size() - 2);
        }
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
        const QByteArray key = QJsonDocument(QJsonArray{it.key()}).toJson(QJsonDocument::Compact);
        out += ',';
        out += key.mid(1, key.size() - 2);
        out += ':';
        const QByteArray value = QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact);
        out += value.mid(1, value.size() - 2);
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
