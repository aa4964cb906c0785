// SPDX-License-Identifier: MIT
#include "json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>

namespace JsonWriter {

void appendString(QByteArray &out, const QByteArray &utf8)
{
    static const char hexDigits[] = "0123456789abcdef";
    // Room for the string unescaped, growing as appending would: reserving the exact size on
    // every call copied the whole of a growing buffer once a string.
    const qsizetype needed = out.size() + utf8.size() + 2;
    if (needed > out.capacity())
        out.reserve(std::max(needed, 2 * out.capacity()));
    out += '"';
    const char *data = utf8.constData();
    const qsizetype size = utf8.size();
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        // Copy the clean run in one go: most text needs no escaping at all.
        out.append(data + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', hexDigits[c >> 4], hexDigits[c & 0xf]};
            out.append(escape, sizeof escape);
            break;
        }
        }
    }
    out.append(data + runStart, size - runStart);
    out += '"';
}

QByteArray string(const QByteArray &utf8)
{
    QByteArray out;
    appendString(out, utf8);
    return out;
}

QByteArray string(const QString &text)
{
    return string(text.toUtf8());
}

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

QByteArray boolean(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

QByteArray null()
{
    return QByteArrayLiteral("null");
}

QString decodeString(const QByteArray &json)
{
    const QByteArray trimmed = json.trimmed();
    if (!trimmed.startsWith('"'))
        return QString();
    // Qt 6.4 cannot parse a bare string document; an array around it is the documented way.
    const QJsonDocument document = QJsonDocument::fromJson('[' + trimmed + ']');
    const QJsonValue value = document.array().at(0);
    return value.isString() ? value.toString() : QString();
}

}
