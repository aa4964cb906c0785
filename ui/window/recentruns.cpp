// SPDX-License-Identifier: MIT
#include "ui/window/recentruns.h"

#include "rows/pagecache.h"
#include "run/markdowntext.h"

#include <QCoreApplication>

#include <algorithm>

namespace RecentRuns {

QString titleFromSummary(const QString &summary)
{
    return MarkdownText::firstLine(summary);
}

namespace {
RecentRunRow rowOf(const QUrl &baseUrl, const RunRef &run, const LibraryRun *known)
{
    RecentRunRow row;
    row.baseUrl = baseUrl;
    row.run = run;
    if (known) {
        row.status = known->status;
        row.title = titleFromSummary(known->summary);
        row.entries = known->totalLogs ? known->totalLogs : std::optional<qint64>(known->storedEntries);
        row.whenMs = known->lastOpenedMs;
    }
    if (row.title.isEmpty())
        row.title = QCoreApplication::translate("RecentRuns", "Run %1").arg(run.runId);
    return row;
}
} // namespace

QList<RecentRunRow> merge(const QList<RecentRun> &recent, const QList<LibraryRun> &library, const QUrl &defaultBaseUrl)
{
    QList<const LibraryRun *> byLastOpened;
    for (const LibraryRun &run : library)
        byLastOpened.append(&run);
    std::stable_sort(byLastOpened.begin(), byLastOpened.end(),
                     [](const LibraryRun *a, const LibraryRun *b) { return a->lastOpenedMs > b->lastOpenedMs; });
    const auto find = [&](const QString &origin, const RunRef &run) -> const LibraryRun * {
        for (const LibraryRun *known : byLastOpened) {
            if (known->origin == origin && known->orgId == run.orgId && known->runId == run.runId)
                return known;
        }
        return nullptr;
    };

    QList<RecentRunRow> rows;
    QList<const LibraryRun *> listed;
    for (const RecentRun &opened : recent) {
        if (rows.size() >= kMaxRows)
            return rows;
        const QUrl base = opened.baseUrl.isEmpty() ? defaultBaseUrl : opened.baseUrl;
        const LibraryRun *known = find(PageCache::originOf(base), opened.run);
        rows.append(rowOf(base, opened.run, known));
        if (known)
            listed.append(known);
    }
    for (const LibraryRun *known : byLastOpened) {
        if (rows.size() >= kMaxRows)
            break;
        if (listed.contains(known))
            continue;
        rows.append(rowOf(QUrl(known->origin), RunRef{known->orgId, known->runId}, known));
    }
    return rows;
}

} // namespace RecentRuns
