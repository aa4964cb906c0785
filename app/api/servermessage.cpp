// SPDX-License-Identifier: MIT
#include "api/servermessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {
constexpr int kMaxChars = 300;
constexpr qsizetype kMaxJsonBytes = 1 << 20;

QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.isSpace())
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.size() > kMaxChars) {
        int cut = kMaxChars;
        if (text.at(cut - 1).isHighSurrogate())
            --cut;
        text = text.left(cut) + QChar(0x2026);
    }
    return text;
}

QString describeValidationItem(const QJsonObject &item)
{
    QStringList location;
    for (const QJsonValue &part : item.value(QLatin1String("loc")).toArray())
        location << (part.isDouble() ? QString::number(part.toInteger()) : part.toString());
    const QString message = item.value(QLatin1String("msg")).toString();
    return location.isEmpty() ? message : location.join(QLatin1Char('.')) + QStringLiteral(": ") + message;
}

QString fromJson(const QJsonObject &object)
{
    const QJsonValue message = object.value(QLatin1String("message"));
    if (message.isString())
        return message.toString();
    const QJsonValue detail = object.value(QLatin1String("detail"));
    if (detail.isString())
        return detail.toString();
    if (detail.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : detail.toArray())
            parts << (item.isObject() ? describeValidationItem(item.toObject())
                                      : QString::fromUtf8(QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact)));
        return parts.join(QStringLiteral("; "));
    }
    return {};
}
} // namespace

namespace ServerMessage {

QString fromBody(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith('{') && trimmed.size() <= kMaxJsonBytes) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed);
        if (document.isObject()) {
            const QString words = fromJson(document.object());
            if (!words.isEmpty())
                return oneLine(words);
        }
    }
    return oneLine(QString::fromUtf8(trimmed.left(4 * kMaxChars)));
}

} // namespace ServerMessage
