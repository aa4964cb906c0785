// SPDX-License-Identifier: MIT
#include "store/librarysearch.h"

#include "store/librarydatabase.h"
#include "store/librarysearchscan.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

LibrarySearch::LibrarySearch(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
    , m_secondHalves(std::make_unique<LibraryConnectionThread>(folder))
    , m_searches(std::make_unique<LibraryConnectionThread>(folder))
{
    qRegisterMetaType<LibrarySearchHit>();
    qRegisterMetaType<LibrarySearchSummary>();
}

LibrarySearch::~LibrarySearch()
{
    cancel();
    m_searches.reset();
    m_secondHalves.reset();
    m_valuesFuture.waitForFinished();
}

void LibrarySearch::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    ++m_generation;
    m_running = false;
}

void LibrarySearch::readQueryValues(QObject *context, std::function<void(const LibraryQueryValues &values)> done)
{
    const QString folder = m_folder;
    const QPointer<QObject> receiver(context);
    // One read at a time (the one under way answers its own caller); waited for on destruction,
    // so that no connection outlives the library's folder.
    if (m_valuesFuture.isRunning())
        return;
    m_valuesFuture = QtConcurrent::run([folder, receiver, done = std::move(done)] {
        LibraryQueryValues values;
        {
            LibraryDatabase database(folder);
            if (database.open())
                values = LibraryQueryValues::read(database.connection());
        }
        if (!receiver)
            return;
        QMetaObject::invokeMethod(receiver.data(), [receiver, done, values] {
            if (receiver)
                done(values);
        }, Qt::QueuedConnection);
    });
}

void LibrarySearch::start(const SearchQuery &query, qint64 maxHits)
{
    cancel();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    const int generation = m_generation;
    const std::shared_ptr<std::atomic<bool>> cancelled = m_cancel;
    LibraryConnectionThread *secondHalves = m_secondHalves.get();
    // Searches run one after another on the kept thread: one started while another is being
    // cancelled waits for it (a cancelled search returns within milliseconds).
    m_searches->post([this, query, maxHits, cancelled, generation, secondHalves](KeptLibraryConnection &kept) {
        LibrarySearchSummary summary;
        if (*cancelled) {
            summary.cancelled = true; // replaced before it began: its summary is not shown
        } else {
            const QSqlDatabase db = kept.connection(&summary.error);
            if (db.isValid()) {
                summary = LibrarySearchScan::run(db, query, maxHits, *cancelled,
                                                 [this, cancelled, generation](const QList<LibrarySearchHit> &hits) {
                                                     if (*cancelled)
                                                         return false;
                                                     QMetaObject::invokeMethod(this, [this, hits, generation] {
                                                         if (generation == m_generation)
                                                             emit hitsFound(hits);
                                                     }, Qt::QueuedConnection);
                                                     return true;
                                                 },
                                                 secondHalves);
                if (summary.unreadable)
                    kept.close(); // not kept in a bad state: the next search opens anew
            }
        }
        QMetaObject::invokeMethod(this, [this, summary, generation] {
            if (generation != m_generation)
                return;
            m_running = false;
            emit finished(summary);
        }, Qt::QueuedConnection);
    });
}
