// SPDX-License-Identifier: MIT
#include "store/librarysearch.h"

#include "store/librarydatabase.h"
#include "store/librarysearchscan.h"

#include <QtConcurrent/QtConcurrentRun>

LibrarySearch::LibrarySearch(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
{
    qRegisterMetaType<LibrarySearchHit>();
    qRegisterMetaType<LibrarySearchSummary>();
}

LibrarySearch::~LibrarySearch()
{
    cancel();
    m_future.waitForFinished();
}

void LibrarySearch::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    ++m_generation;
    m_running = false;
}

void LibrarySearch::start(const SearchQuery &query, qint64 maxHits)
{
    cancel();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    const int generation = m_generation;
    const std::shared_ptr<std::atomic<bool>> cancelled = m_cancel;
    const QString folder = m_folder;
    m_future = QtConcurrent::run([this, folder, query, maxHits, cancelled, generation] {
        LibraryDatabase database(folder);
        LibrarySearchSummary summary;
        if (!database.open()) {
            summary.error = database.errorString();
        } else {
            summary = LibrarySearchScan::run(database.connection(), query, maxHits, *cancelled,
                                             [this, cancelled, generation](const QList<LibrarySearchHit> &hits) {
                                                 if (*cancelled)
                                                     return false;
                                                 QMetaObject::invokeMethod(this, [this, hits, generation] {
                                                     if (generation == m_generation)
                                                         emit hitsFound(hits);
                                                 }, Qt::QueuedConnection);
                                                 return true;
                                             });
        }
        QMetaObject::invokeMethod(this, [this, summary, generation] {
            if (generation != m_generation)
                return;
            m_running = false;
            emit finished(summary);
        }, Qt::QueuedConnection);
    });
}
