// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <optional>

// The organization's runs, as GET /v1/organizations/{org}/agent/runs describes them
// (spec/list-agent-runs.md). Each item keeps its JSON bytes exactly as sent, for scripts
// (runlog --list-runs --format json), and the few fields the Runs view shows.

struct RunListQuery
{
    static constexpr int kMaxLimit = 100;

    qint64 orgId = 0;
    qint64 skip = 0;
    int limit = kMaxLimit;
    std::optional<qint64> userId;   // only runs started by this user
    QString sourceType;             // e.g. GITHUB; empty: every source
};

struct PullRequestLink
{
    QString title;
    QString url;
    QString headBranch;
};

struct RunListItem
{
    QByteArray rawJson;            // the item exactly as received
    qint64 id = 0;
    qint64 organizationId = 0;
    std::optional<QString> status;
    std::optional<QString> createdAt;
    std::optional<QString> webUrl;
    std::optional<QString> result;
    std::optional<QString> summary;
    std::optional<QString> sourceType;
    QList<PullRequestLink> pullRequests;
};

struct RunListPage
{
    QList<RunListItem> items;
    qint64 total = 0;
    qint64 page = 0;
    qint64 size = 0;
    qint64 pages = 0;
};

// The source types the reference lists, for the Runs view's filter.
QStringList knownSourceTypes();

Q_DECLARE_METATYPE(RunListItem)
