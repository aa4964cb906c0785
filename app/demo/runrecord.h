// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

// One agent run as the demo backend and the test server store it: everything the logs endpoint
// needs to answer, kept as raw JSON text so that responses are built by concatenation and unknown
// fields (of the run and of entries) are served exactly as given.
struct RunRecord
{
    qint64 id = 0;
    qint64 organizationId = 0;
    // The run's top-level fields other than id, organization_id, logs and the paging fields, in
    // order, each value as raw JSON text (e.g. {"status", "\"COMPLETE\""}, {"metadata", "{}"}).
    QList<QPair<QString, QByteArray>> fields;
    // Each log entry as the raw text of one JSON object, oldest first.
    QList<QByteArray> entries;
    // Fields only the run list shows (summary, github_pull_requests; source_type when `fields`
    // does not have it), raw JSON like `fields`. Never in the logs endpoint's answers.
    QList<QPair<QString, QByteArray>> listFields;
    // Who started the run: the run list's user_id filter (the list does not show it).
    qint64 userId = 0;

    // Raw JSON of a field, or a null QByteArray when the record does not have it.
    QByteArray field(const QString &key) const;
    bool hasField(const QString &key) const;
    // Replaces the value in place (keeping the field's position) or appends the field.
    void setField(const QString &key, const QByteArray &rawJson);
    bool removeField(const QString &key);

    // The list's value of a field: from listFields, else from fields; null when neither has it.
    QByteArray listField(const QString &key) const;

    // The status as text; a null QString when absent or JSON null.
    QString status() const;
    // A null QString stores JSON null.
    void setStatus(const QString &status);
    void setStringField(const QString &key, const QString &value);
};
