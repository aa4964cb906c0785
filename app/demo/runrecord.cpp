// SPDX-License-Identifier: MIT
#include "demo/runrecord.h"

#include "json/jsonwriter.h"

QByteArray RunRecord::field(const QString &key) const
{
    for (const auto &field : fields) {
        if (field.first == key)
            return field.second;
    }
    return QByteArray();
}

QByteArray RunRecord::listField(const QString &key) const
{
    for (const auto &field : listFields) {
        if (field.first == key)
            return field.second;
    }
    return field(key);
}

bool RunRecord::hasField(const QString &key) const
{
    for (const auto &field : fields) {
        if (field.first == key)
            return true;
    }
    return false;
}

void RunRecord::setField(const QString &key, const QByteArray &rawJson)
{
    for (auto &field : fields) {
        if (field.first == key) {
            field.second = rawJson;
            return;
        }
    }
    fields.append({key, rawJson});
}

bool RunRecord::removeField(const QString &key)
{
    return fields.removeIf([&key](const QPair<QString, QByteArray> &field) {
               return field.first == key;
           }) > 0;
}

QString RunRecord::status() const
{
    return JsonWriter::decodeString(field(QStringLiteral("status")));
}

void RunRecord::setStatus(const QString &status)
{
    setStringField(QStringLiteral("status"), status);
}

void RunRecord::setStringField(const QString &key, const QString &value)
{
    setField(key, value.isNull() ? JsonWriter::null() : JsonWriter::string(value));
}
