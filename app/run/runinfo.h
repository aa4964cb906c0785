// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// The run's own fields, as the latest page response described them. Nullable fields are
// std::optional so that "null" and "empty" stay different things.
struct RunInfo
{
    qint64 id = 0;
    qint64 organizationId = 0;
    std::optional<QString> status;
    std::optional<QString> createdAt;
    std::optional<QString> webUrl;
    std::optional<QString> result;
    QByteArray metadataJson;      // raw JSON object text; empty when null or absent
    std::optional<qint64> totalLogs;
    std::optional<qint64> page;
    std::optional<qint64> size;
    std::optional<qint64> pages;

    // Every top-level field but "logs", in the server's order, each value as its raw JSON text.
    // Exports write these back exactly, unknown fields included.
    QList<QPair<QString, QByteArray>> rawFields;

    // Set for a run converted from another agent's log (issue 28): the agent ("Claude Code"), the
    // format as named in messages ("Claude Code transcript"), what may title the run (the
    // session's summary or first request), whether its entries have times at all, and what the
    // conversion read over ("line 7: not JSON; skipped"). Empty for a Codegen run.
    QString agentName;
    QString agentFormat;
    QString agentTitle;
    bool hasTimes = true;
    QStringList agentWarnings;
};
