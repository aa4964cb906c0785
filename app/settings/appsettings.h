// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"
#include "run/sampleref.h"

#include <QByteArray>
#include <QMap>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

struct RecentRun
{
    QUrl baseUrl;   // empty for entries written before the address was kept: the current one
    RunRef run;
};

struct RecentFile
{
    QString path;                    // absolute
    std::optional<SampleRef> sample; // of a log of several runs (an Inspect eval log's samples)

    bool operator==(const RecentFile &other) const { return path == other.path && sample == other.sample; }
};

// The app's preferences, typed, over QSettings. Never holds a secret: the API token lives in the
// system keychain or only in memory.
class AppSettings
{
public:
    AppSettings();

    QUrl baseUrl() const;
    void setBaseUrl(const QUrl &url);

    qint64 lastOrgId() const;
    void setLastOrgId(qint64 orgId);

    // Runs opened lately, newest first; each with the API address it came from.
    QList<RecentRun> recentRuns() const;
    void addRecentRun(const RecentRun &run);
    // Files opened lately (exports and other agents' logs), newest first, absolute paths; a
    // sample of a log of several is an entry of its own, so that it opens again as that sample.
    QList<RecentFile> recentFiles() const;
    void addRecentFile(const RecentFile &file);

    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    QByteArray tableHeaderState() const;
    void setTableHeaderState(const QByteArray &state);
    // The table's columns the user resized, by column (not position): their widths in pixels.
    QMap<int, int> tableColumnWidths() const;
    void setTableColumnWidths(const QMap<int, int> &widths);

    bool detailShowsRawJson() const;
    void setDetailShowsRawJson(bool raw);
    // View > Fold Repeats.
    bool foldsRepeats() const;
    void setFoldsRepeats(bool fold);
    bool detailWrapsLines() const;
    void setDetailWrapsLines(bool wrap);
    // View > Zoom, in steps of one point from the usual size (0), for the table and the detail.
    int zoomSteps() const;
    void setZoomSteps(int steps);

    // The entries a user marked in one run (positions from the oldest), by a key naming the run:
    // its API origin, organization and ID, or its file's path.
    QList<int> marks(const QString &runKey) const;
    void setMarks(const QString &runKey, const QList<int> &entries);

    // View > Theme: "system", "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);
    // View > Time Column: "local", "utc" or "since-start".
    QString timeColumn() const;
    void setTimeColumn(const QString &style);

    int rateLimitCount() const;
    int rateLimitWindowMs() const;
    void setRateLimit(int count, int windowMs);

    // Where these settings are kept (a file on Linux), for Help > About.
    QString location() const { return m_settings.fileName(); }

    // The library of runs: whether fetched runs are kept on disk, and how much room it may take
    // (the least recently opened runs go first). Megabytes; 0: no limit.
    bool libraryEnabled() const;
    void setLibraryEnabled(bool enabled);
    qint64 librarySizeLimitMb() const;
    void setLibrarySizeLimitMb(qint64 megabytes);
    // The origins (a new loopback port at every start) under which demo backends put their runs
    // into the library, each with the process it runs in (0 once it has ended), so that a later
    // start can drop the copies of those that have ended (EarlierDemoRuns).
    QMap<QString, qint64> demoOrigins() const;
    void setDemoOrigins(const QMap<QString, qint64> &processByOrigin);

private:
    mutable QSettings m_settings;
};
