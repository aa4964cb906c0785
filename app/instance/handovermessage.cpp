// SPDX-License-Identifier: MIT
#include "instance/handovermessage.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const QString kProtocol = QStringLiteral("runlog-handover");

QByteArray line(QJsonObject object)
{
    object.insert(QStringLiteral("protocol"), kProtocol);
    object.insert(QStringLiteral("version"), HandOverRequest::kVersion);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// The object of a line of this protocol and version, or empty with `error` set.
std::optional<QJsonObject> objectOf(const QByteArray &bytes, QString *error)
{
    if (bytes.size() > HandOverRequest::kMaxBytes) {
        *error = QCoreApplication::translate("HandOverMessage", "The message is too long.");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QCoreApplication::translate("HandOverMessage", "The message is not a JSON object.");
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("protocol")).toString() != kProtocol) {
        *error = QCoreApplication::translate("HandOverMessage", "The message is not Runlog's hand-over.");
        return std::nullopt;
    }
    if (object.value(QStringLiteral("version")).toInt(-1) != HandOverRequest::kVersion) {
        *error = QCoreApplication::translate("HandOverMessage", "The message is of another version of Runlog (%1; this one speaks %2).")
                     .arg(object.value(QStringLiteral("version")).toVariant().toString())
                     .arg(HandOverRequest::kVersion);
        return std::nullopt;
    }
    return object;
}
} // namespace

QStringList HandOverRequest::forwardedVariables()
{
    return {QStringLiteral("CODEGEN_ORG_ID"), QStringLiteral("CODEGEN_API_BASE_URL")};
}

QByteArray HandOverRequest::encode() const
{
    QJsonObject variables;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
        if (forwardedVariables().contains(it.key()))
            variables.insert(it.key(), it.value());
    }
    return line(QJsonObject{{QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                            {QStringLiteral("cwd"), workingDirectory},
                            {QStringLiteral("environment"), variables}});
}

std::optional<HandOverRequest> HandOverRequest::decode(const QByteArray &bytes, QString *error)
{
    const std::optional<QJsonObject> object = objectOf(bytes, error);
    if (!object)
        return std::nullopt;
    const QJsonValue arguments = object->value(QStringLiteral("arguments"));
    const QJsonValue cwd = object->value(QStringLiteral("cwd"));
    const QJsonValue variables = object->value(QStringLiteral("environment"));
    if (!arguments.isArray() || arguments.toArray().isEmpty() || !cwd.isString() || !variables.isObject()) {
        *error = QCoreApplication::translate("HandOverMessage", "The message lacks its arguments, folder or environment.");
        return std::nullopt;
    }
    HandOverRequest request;
    for (const QJsonValue &argument : arguments.toArray()) {
        if (!argument.isString()) {
            *error = QCoreApplication::translate("HandOverMessage", "The message's arguments must be strings.");
            return std::nullopt;
        }
        request.arguments << argument.toString();
    }
    request.workingDirectory = cwd.toString();
    const QJsonObject variableObject = variables.toObject();
    for (auto it = variableObject.begin(); it != variableObject.end(); ++it) {
        // Only the variables that choose a run; anything else is dropped, not obeyed.
        if (forwardedVariables().contains(it.key()) && it.value().isString())
            request.environment.insert(it.key(), it.value().toString());
    }
    return request;
}

QByteArray HandOverReply::encode() const
{
    QJsonObject object{{QStringLiteral("accepted"), accepted}};
    if (accepted) {
        object.insert(QStringLiteral("window"), window);
        object.insert(QStringLiteral("windows"), windows);
    } else {
        object.insert(QStringLiteral("error"), error);
    }
    return line(object);
}

std::optional<HandOverReply> HandOverReply::decode(const QByteArray &bytes, QString *error)
{
    const std::optional<QJsonObject> object = objectOf(bytes, error);
    if (!object)
        return std::nullopt;
    if (!object->value(QStringLiteral("accepted")).isBool()) {
        *error = QCoreApplication::translate("HandOverMessage", "The answer does not say whether it was accepted.");
        return std::nullopt;
    }
    HandOverReply reply;
    reply.accepted = object->value(QStringLiteral("accepted")).toBool();
    reply.window = object->value(QStringLiteral("window")).toString();
    reply.windows = object->value(QStringLiteral("windows")).toInt();
    reply.error = object->value(QStringLiteral("error")).toString();
    return reply;
}
