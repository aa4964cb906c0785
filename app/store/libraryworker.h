// SPDX-License-Identifier: MIT
#pragma once

#include "rows/pagecache.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class LibraryDatabase;
class LibraryRecords;
class QTimer;

// RunLibrary's thread side: owns the connection (a Qt SQL connection belongs to the thread that
// made it) and turns damage found while working into a new, empty library.
//
// Writes never hold up reads: while another process holds the write lock, a page to store is kept
// (with every later one, in order) and written by a timer once the lock is free, so the reads
// queued behind it go on at once (WAL readers need no lock). close() waits for the kept pages.
class LibraryWorker : public QObject
{
    Q_OBJECT
public:
    explicit LibraryWorker(const QString &folder);
    ~LibraryWorker() override;

    // The records over an open database, opening it on first use; nullptr when there is none.
    LibraryRecords *records();
    // After an operation: an error that says the file is damaged sets it aside and starts anew;
    // one that says the disk took no more (full, or a limit on file sizes) closes the library
    // for the rest of the session (SQLite rolled the write back: the file is whole) and says so
    // once with stopped(). Writing on would fail page after page.
    void checkForDamage();
    // A page as it arrived (see PageCache::store()); then the size limit is enforced.
    void store(const PageCache::Key &key, const RunInfo &run, qint64 firstPosition, const QList<LogEntry> &entries,
               qint64 sizeLimitBytes);
    // An existing library that cannot give space back is compacted once (see
    // LibraryRecords::turnOnAutoVacuum()), saying so while it runs.
    void compactOnce();
    // Writes the kept pages, waiting for the write lock (up to kDrainWaitMs in all).
    void drain();
    void close();
    QString errorString() const { return m_error; }

    // How long a write waits for another process's lock before its page is kept for later.
    static constexpr int kWriteWaitMs = 200;
    static constexpr int kRetryMs = 1000;
    static constexpr int kDrainWaitMs = 120000;

signals:
    void setAside(const QString &originalPath, const QString &setAsidePath, const QString &reason);
    void compactingChanged(bool compacting);
    // Pages were written (runs added or grown): `removedRuns` went to stay under the size limit.
    void written(int removedRuns);
    // The library is closed for this session; `reason` is a sentence naming the disk.
    void stopped(const QString &reason);

private:
    struct PendingWrite {
        PageCache::Key key;
        RunInfo run;
        qint64 firstPosition = 0;
        QList<LogEntry> entries;
        qint64 sizeLimitBytes = 0;
    };
    // False when the write lock was taken by another process (the page stays pending).
    bool write(const PendingWrite &page);
    void writePending();
    bool stopIfTheDiskIsFull();
    void reportSetAside();

    QList<PendingWrite> m_pending;
    QTimer *m_retry = nullptr;

    QString m_folder;
    std::unique_ptr<LibraryDatabase> m_database;
    std::unique_ptr<LibraryRecords> m_records;
    bool m_tried = false;
    QString m_error;
};
