// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"
#include "store/libraryconnectionthread.h"
#include "store/libraryqueryvalues.h"
#include "store/librarysearchhit.h"
#include "store/librarysearchscan.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

// Search across every run in the library, on a worker thread with a connection of its own (the
// library's own thread goes on storing pages meanwhile). The thread and its connection are kept
// from one search to the next (the window searches at every keystroke: a warm page cache, one
// open and quick_check), and so are the second thread's that reads the second halves of big runs
// (LibraryConnectionThread: a file deleted or replaced since is reopened). Hits come in order as they are found
// (newest runs first, the first hit at once, then in batches), the user's notes' hits among
// them; a new start() or cancel() drops the search before it.
class LibrarySearch : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxHits = 10000;

    explicit LibrarySearch(const QString &folder, QObject *parent = nullptr);
    // Cancels a search still running, waits for its threads and closes their connections.
    ~LibrarySearch() override;

    void start(const SearchQuery &query, qint64 maxHits = kDefaultMaxHits);
    void cancel();
    // The values the library gives the query's keys (the completer's), read on a worker; `done`
    // is called on this object's thread unless `context` is gone. Ignored while a read is under way.
    void readQueryValues(QObject *context, std::function<void(const LibraryQueryValues &values)> done);
    bool isRunning() const { return m_running; }

signals:
    void hitsFound(const QList<LibrarySearchHit> &hits);
    void finished(const LibrarySearchSummary &summary);

private:
    QString m_folder;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFuture<void> m_valuesFuture;
    int m_generation = 0;
    bool m_running = false;
    // Declared in this order so that the searches' thread, which waits for the second halves',
    // ends first.
    std::unique_ptr<LibraryConnectionThread> m_secondHalves;
    std::unique_ptr<LibraryConnectionThread> m_searches;
};
