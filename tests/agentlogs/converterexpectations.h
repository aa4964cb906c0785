// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// What the converters' tests share: reading a sample file, and comparing a mapped entry with
// the one written by hand in the test (the source records checked by count: they are the file's
// own lines, as read).
namespace ConverterExpectations {

inline QByteArray sample(const char *name)
{
    QFile file(QStringLiteral(RUNLOG_AGENTLOGS_DATA "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing sample %s", name);
    return file.readAll();
}

inline QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("not a JSON object: %s (%s)", json.constData(), qPrintable(error.errorString()));
    return document.object();
}

// Whether `entry` is `expected` (without source_records) and has `sources` source records.
inline bool sameEntry(const QByteArray &entry, const QByteArray &expected, int sources)
{
    QJsonObject actual = object(entry);
    const QJsonArray records = actual.take(QStringLiteral("source_records")).toArray();
    const QJsonObject wanted = object(expected);
    if (actual != wanted) {
        qWarning("entry:    %s\nexpected: %s", QJsonDocument(actual).toJson(QJsonDocument::Compact).constData(),
                 QJsonDocument(wanted).toJson(QJsonDocument::Compact).constData());
        return false;
    }
    if (records.size() != sources) {
        qWarning("%lld source records, expected %d", qint64(records.size()), sources);
        return false;
    }
    return true;
}

} // namespace ConverterExpectations
