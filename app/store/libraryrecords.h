// SPDX-License-Identifier: MIT
#pragma once

#include "rows/pagecache.h"
#include "store/libraryrun.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>

#include <functional>

// The library's reads and writes, over one open connection (LibraryDatabase), on the thread that
// owns it. Each write is one transaction: a crash loses at most the page being written. Every
// method leaves the last error in error() (a damaged file shows there: LibraryDatabase::isDamage).
class LibraryRecords
{
public:
    // Entry ids: (run key << 32) + chronological position.
    static constexpr int kPositionBits = 32;
    static qint64 entryId(qint64 runKey, qint64 position) { return (runKey << kPositionBits) + position; }
    static qint64 runKeyOf(qint64 entryId) { return entryId >> kPositionBits; }
    static qint64 positionOf(qint64 entryId) { return entryId & ((qint64(1) << kPositionBits) - 1); }

    explicit LibraryRecords(const QSqlDatabase &db);

    const QSqlError &error() const { return m_error; }
    QSqlDatabase database() const { return m_db; }
    // How long a statement waits for another connection's lock before failing busy.
    void setBusyWaitMs(int ms);

    // What is kept of the run; marks it opened at nowMs when kept.
    // With the entries when at most `entriesWithOpen` are kept (PageCache::Stored::entries).
    PageCache::Stored openRun(const PageCache::Key &key, qint64 nowMs, qint64 entriesWithOpen);
    QList<LogEntry> readRows(const PageCache::Key &key, qint64 firstPosition, int count);
    bool store(const PageCache::Key &key, const RunInfo &run, qint64 firstPosition,
               const QList<LogEntry> &entries, qint64 nowMs);

    QList<LibraryRun> runs();
    bool removeRun(const PageCache::Key &key);
    // Removes every run whose origin `forgets` picks, as eviction does: the user's notes stay.
    // Returns how many runs went.
    int forgetRuns(const std::function<bool(const QString &origin)> &forgets);
    bool clear();
    // Bytes of the file in use (free pages not counted).
    qint64 usedBytes();
    // When usedBytes() is over limitBytes: removes the least recently opened runs (never `keep`)
    // until it is about 90 % of it, and gives the freed space back to the file system (the
    // full-text index merged, incremental vacuum). Returns how many runs went.
    int enforceSizeLimit(qint64 limitBytes, const PageCache::Key &keep);

    // A library made before auto_vacuum was set (it stayed off) never gives space back: made to
    // by one VACUUM, which rewrites the file. Returns false when nothing was to do or it failed.
    bool needsAutoVacuum();
    bool turnOnAutoVacuum();

    // The run's fields as the JSON object PageParser reads back: every field but the entries.
    static QByteArray runShell(const RunInfo &run);

private:
    bool readEntries(qint64 run, qint64 first, qint64 last, bool consecutive, QList<LogEntry> &entries);
    qint64 runKey(const PageCache::Key &key);
    qint64 upsertRun(const PageCache::Key &key, const RunInfo &run, qint64 nowMs);
    bool deleteRunEntries(qint64 key);
    int dropRuns(const QList<qint64> &runs);
    // How many notes (and marks) each scope holds, by NotesScope key.
    QHash<QString, int> noteCountsByScope();
    QList<qint64> runsToEvict(qint64 used, qint64 target, qint64 keepKey);
    void compact();
    void vacuumFreePages();
    bool begin();
    bool commit();
    void rollback();
    bool fail(const QSqlError &error);

    QSqlDatabase m_db;
    QSqlError m_error;
};
