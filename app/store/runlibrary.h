// SPDX-License-Identifier: MIT
#pragma once

#include "rows/pagecache.h"
#include "store/libraryrun.h"
#include "store/storednote.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>

class LibraryWorker;
class QThread;

// The local library of runs: one SQLite database that every page fetched from the API goes
// into (each entry's bytes exact, with the run's fields), keyed by origin, organization and run,
// so that a finished run reopens with no request and works offline. The API token is never
// stored here.
//
// Every read and write runs on a thread of the library's own, one operation after another
// (a page's read waits at most for the page being written); answers come back on this object's
// thread, to callbacks guarded by a context object. Other processes may use the same file at the
// same time (a window and a command-line export).
class RunLibrary : public QObject, public PageCache
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultSizeLimitBytes = 2LL << 30;

    // `folder`: where the database lives (LibraryDatabase::defaultFolder() in the app). Opens it
    // on the library's thread at once; a failure shows in lastError(), and the library then
    // keeps nothing: runs open from the API as without it.
    explicit RunLibrary(const QString &folder, QObject *parent = nullptr);
    // Writes what is queued, then closes the database.
    ~RunLibrary() override;

    QString folder() const { return m_folder; }
    QString filePath() const;
    // Whether the database is open (waits for the library's thread to have tried).
    bool isAvailable();
    QString lastError() const;

    // Bytes the database may use; the least recently opened runs go first. 0: no limit.
    void setSizeLimit(qint64 bytes);
    qint64 sizeLimit() const { return m_sizeLimit; }

    // Runs keeping at most this many entries come whole with openRun(); larger ones are read by
    // pages (default PageCache::kEntriesWithOpen; tests lower it to see both ways).
    void setEntriesWithOpen(qint64 entries);

    // PageCache
    void openRun(const Key &key, QObject *context, OpenCallback done) override;
    void readRows(const Key &key, qint64 firstPosition, int count, QObject *context, RowsCallback done) override;
    void store(const Key &key, const RunInfo &run, qint64 firstPosition, const QList<LogEntry> &entries) override;

    void listRuns(QObject *context, std::function<void(const QList<LibraryRun> &runs)> done);
    void removeRun(const Key &key);
    // Removes the runs whose origin `forgets` picks (called on the library's thread), keeping the
    // user's notes, as eviction does: for copies nobody asked to keep (an earlier demo's).
    void forgetRuns(std::function<bool(const QString &origin)> forgets);

    // The user's notes and marks on one run (see StoredNote), by NotesScope.
    void loadNotes(const QString &scopeKey, QObject *context, std::function<void(const QList<StoredNote> &notes)> done);
    // Replaces what is kept for the scope; written in order with every other operation.
    void saveNotes(const NotesScope &scope, const QList<StoredNote> &notes);
    void clear();
    // Bytes the database uses now (free space inside the file not counted).
    void usedBytes(QObject *context, std::function<void(qint64 bytes)> done);

    // Blocks until every operation asked for so far is done (the command line before it exits,
    // tests before they look at the file).
    void flush();

signals:
    // Runs were added, grew, changed or went (the Library view lists them again).
    void changed();
    // The database file was unusable and was renamed to `setAsidePath`; a new one was started.
    // Said once, when it happens.
    void setAside(const QString &originalPath, const QString &setAsidePath, const QString &reason);
    // The library stopped keeping runs for this session (the disk holding it is full): runs
    // open from the API as without it. Said once; `reason` is a sentence naming the disk.
    void stopped(const QString &reason);
    // Runs went to stay under the size limit.
    void evicted(int runs);
    // A library made by an older Runlog is being compacted, once (it could not give space back).
    void compactingChanged(bool compacting);

private:
    void post(std::function<void(LibraryWorker &worker)> operation);
    template<typename Result>
    void answer(QPointer<QObject> context, std::function<void(Result)> done, Result result);

    QString m_folder;
    QThread *m_thread;
    LibraryWorker *m_worker;
    std::atomic<qint64> m_sizeLimit{kDefaultSizeLimitBytes};
    std::atomic<qint64> m_entriesWithOpen{PageCache::kEntriesWithOpen};
};
