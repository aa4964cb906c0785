// SPDX-License-Identifier: MIT
#include "store/runlibrary.h"

#include "store/librarydatabase.h"
#include "store/librarynotes.h"
#include "store/libraryrecords.h"
#include "store/libraryworker.h"

#include <QDateTime>
#include <QThread>

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

RunLibrary::RunLibrary(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_folder(folder)
    , m_thread(new QThread(this))
    , m_worker(new LibraryWorker(folder))
{
    qRegisterMetaType<LibraryRun>();
    m_thread->setObjectName(QStringLiteral("runlog-library"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &LibraryWorker::setAside, this, &RunLibrary::setAside);
    connect(m_worker, &LibraryWorker::written, this, [this](int removedRuns) {
        if (removedRuns > 0)
            emit evicted(removedRuns);
        emit changed();
    });
    connect(m_worker, &LibraryWorker::compactingChanged, this, &RunLibrary::compactingChanged);
    connect(m_worker, &LibraryWorker::stopped, this, &RunLibrary::stopped);
    m_thread->start();
    post([](LibraryWorker &worker) { worker.records(); });
    post([](LibraryWorker &worker) { worker.compactOnce(); });
}

RunLibrary::~RunLibrary()
{
    flush();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->close(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

QString RunLibrary::filePath() const
{
    return LibraryDatabase(m_folder).filePath();
}

bool RunLibrary::isAvailable()
{
    bool available = false;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, &available] { available = worker->records() != nullptr; },
                              Qt::BlockingQueuedConnection);
    return available;
}

QString RunLibrary::lastError() const
{
    QString error;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, &error] { error = worker->errorString(); },
                              Qt::BlockingQueuedConnection);
    return error;
}

void RunLibrary::setSizeLimit(qint64 bytes)
{
    m_sizeLimit = std::max<qint64>(0, bytes);
}

void RunLibrary::setEntriesWithOpen(qint64 entries)
{
    m_entriesWithOpen = std::max<qint64>(0, entries);
}

void RunLibrary::flush()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->drain(); }, Qt::BlockingQueuedConnection);
}

void RunLibrary::post(std::function<void(LibraryWorker &worker)> operation)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, operation = std::move(operation)] { operation(*worker); },
                              Qt::QueuedConnection);
}

template<typename Result>
void RunLibrary::answer(QPointer<QObject> context, std::function<void(Result)> done, Result result)
{
    // Posted to this object (it lives as long as the library's thread), then checked here, on the
    // context's thread, where the guard is safe to read.
    QMetaObject::invokeMethod(this, [context, done = std::move(done), result = std::move(result)]() mutable {
        if (context)
            done(std::move(result));
    }, Qt::QueuedConnection);
}

void RunLibrary::openRun(const Key &key, QObject *context, OpenCallback done)
{
    QPointer<QObject> guard(context);
    post([this, key, guard, done = std::move(done)](LibraryWorker &worker) {
        Stored stored;
        if (LibraryRecords *records = worker.records()) {
            stored = records->openRun(key, nowMs(), m_entriesWithOpen);
            worker.checkForDamage();
        }
        answer<const Stored &>(guard, done, stored);
    });
}

void RunLibrary::readRows(const Key &key, qint64 firstPosition, int count, QObject *context, RowsCallback done)
{
    QPointer<QObject> guard(context);
    post([this, key, firstPosition, count, guard, done = std::move(done)](LibraryWorker &worker) {
        QList<LogEntry> entries;
        if (LibraryRecords *records = worker.records()) {
            entries = records->readRows(key, firstPosition, count);
            worker.checkForDamage();
        }
        answer<QList<LogEntry>>(guard, done, std::move(entries));
    });
}

void RunLibrary::store(const Key &key, const RunInfo &run, qint64 firstPosition, const QList<LogEntry> &entries)
{
    post([this, key, run, firstPosition, entries](LibraryWorker &worker) {
        worker.store(key, run, firstPosition, entries, m_sizeLimit);
    });
}

void RunLibrary::listRuns(QObject *context, std::function<void(const QList<LibraryRun> &)> done)
{
    QPointer<QObject> guard(context);
    post([this, guard, done = std::move(done)](LibraryWorker &worker) {
        QList<LibraryRun> runs;
        if (LibraryRecords *records = worker.records()) {
            runs = records->runs();
            worker.checkForDamage();
        }
        answer<const QList<LibraryRun> &>(guard, done, runs);
    });
}

void RunLibrary::removeRun(const Key &key)
{
    post([this, key](LibraryWorker &worker) {
        if (LibraryRecords *records = worker.records()) {
            records->removeRun(key);
            worker.checkForDamage();
        }
        QMetaObject::invokeMethod(this, &RunLibrary::changed, Qt::QueuedConnection);
    });
}

void RunLibrary::forgetRuns(std::function<bool(const QString &origin)> forgets)
{
    post([this, forgets = std::move(forgets)](LibraryWorker &worker) {
        LibraryRecords *records = worker.records();
        if (!records)
            return;
        const int removed = records->forgetRuns(forgets);
        worker.checkForDamage();
        if (removed > 0)
            QMetaObject::invokeMethod(this, &RunLibrary::changed, Qt::QueuedConnection);
    });
}

void RunLibrary::loadNotes(const QString &scopeKey, QObject *context,
                           std::function<void(const QList<StoredNote> &)> done)
{
    QPointer<QObject> guard(context);
    post([this, scopeKey, guard, done = std::move(done)](LibraryWorker &worker) {
        QList<StoredNote> notes;
        if (LibraryRecords *records = worker.records()) {
            LibraryNotes table(records->database());
            notes = table.load(scopeKey);
            if (table.error().isValid())
                qWarning("runlog: cannot read notes: %s", qPrintable(table.error().text()));
        }
        answer<const QList<StoredNote> &>(guard, done, notes);
    });
}

void RunLibrary::saveNotes(const NotesScope &scope, const QList<StoredNote> &notes)
{
    post([this, scope, notes](LibraryWorker &worker) {
        if (LibraryRecords *records = worker.records()) {
            LibraryNotes table(records->database());
            if (!table.replace(scope, notes))
                qWarning("runlog: cannot keep notes: %s", qPrintable(table.error().text()));
        }
        QMetaObject::invokeMethod(this, &RunLibrary::changed, Qt::QueuedConnection);
    });
}

void RunLibrary::clear()
{
    post([this](LibraryWorker &worker) {
        if (LibraryRecords *records = worker.records()) {
            records->clear();
            worker.checkForDamage();
        }
        QMetaObject::invokeMethod(this, &RunLibrary::changed, Qt::QueuedConnection);
    });
}

void RunLibrary::usedBytes(QObject *context, std::function<void(qint64)> done)
{
    QPointer<QObject> guard(context);
    post([this, guard, done = std::move(done)](LibraryWorker &worker) {
        qint64 bytes = 0;
        if (LibraryRecords *records = worker.records())
            bytes = std::max<qint64>(0, records->usedBytes());
        answer<qint64>(guard, done, bytes);
    });
}
