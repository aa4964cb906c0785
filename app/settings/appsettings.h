#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

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

    // Recently opened runs, newest first, as "org/run".
    QStringList recentRuns() const;
    void addRecentRun(qint64 orgId, qint64 runId);

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

    bool detailShowsRawJson() const;
    void setDetailShowsRawJson(bool raw);

    int rateLimitCount() const;
    int rateLimitWindowMs() const;
    void setRateLimit(int count, int windowMs);

    // The library of runs: whether fetched runs are kept on disk, and how much room it may take
    // (the least recently opened runs go first). Megabytes; 0: no limit.
    bool libraryEnabled() const;
    void setLibraryEnabled(bool enabled);
    qint64 librarySizeLimitMb() const;
    void setLibrarySizeLimitMb(qint64 megabytes);

private:
    mutable QSettings m_settings;
};
