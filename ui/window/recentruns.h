// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"
#include "settings/appsettings.h"
#include "store/libraryrun.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// One run the start screen offers to open again: where it is and what the library knows of it.
struct RecentRunRow
{
    QUrl baseUrl;
    RunRef run;
    QString status;                // empty: not known
    QString title;                 // the run's summary's first line, else "Run N"
    std::optional<qint64> entries; // the server's count, else what the library holds
    qint64 whenMs = 0;             // last opened (UTC ms); 0: not known
};

namespace RecentRuns {

inline constexpr int kMaxRows = 8;

// Open Recent's runs first, in its order, with what the library knows of each; then the
// library's other runs, last opened first; at most kMaxRows.
QList<RecentRunRow> merge(const QList<RecentRun> &recent, const QList<LibraryRun> &library, const QUrl &defaultBaseUrl);

// The first line of a summary with something on it, without Markdown's heading and emphasis
// marks ("## Fixed the **login**" -> "Fixed the login").
QString titleFromSummary(const QString &summary);

} // namespace RecentRuns
