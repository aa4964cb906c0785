// SPDX-License-Identifier: MIT
#include "store/libraryworker.h"

#include "store/librarydatabase.h"
#include "store/libraryrecords.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

LibraryWorker::LibraryWorker(const QString &folder)
    : m_folder(folder)
{
}

LibraryWorker::~LibraryWorker()
{
    close();
}

LibraryRecords *LibraryWorker::records()
{
    if (!m_tried) {
        // Tried once: a folder that cannot be written stays so, and every page would try again.
        m_tried = true;
        m_database = std::make_unique<LibraryDatabase>(m_folder);
        const bool opened = m_database->open();
        reportSetAside();
        if (opened)
            m_records = std::make_unique<LibraryRecords>(m_database->connection());
        else
            m_error = m_database->errorString();
        if (m_records)
            m_records->setBusyWaitMs(kWriteWaitMs);
    }
    return m_records.get();
}

void LibraryWorker::store(const PageCache::Key &key, const RunInfo &run, qint64 firstPosition,
                          const QList<LogEntry> &entries, qint64 sizeLimitBytes)
{
    m_pending.append(PendingWrite{key, run, firstPosition, entries, sizeLimitBytes});
    writePending();
}

void LibraryWorker::writePending()
{
    while (!m_pending.isEmpty()) {
        if (!write(m_pending.constFirst())) {
            if (!m_retry) {
                m_retry = new QTimer(this);
                m_retry->setSingleShot(true);
                connect(m_retry, &QTimer::timeout, this, &LibraryWorker::writePending);
            }
            m_retry->start(kRetryMs);
            return;
        }
        m_pending.removeFirst();
    }
}

bool LibraryWorker::write(const PendingWrite &page)
{
    LibraryRecords *records = this->records();
    if (!records)
        return true; // no library: nothing to keep
    const bool stored = records->store(page.key, page.run, page.firstPosition, page.entries,
                                       QDateTime::currentMSecsSinceEpoch());
    if (!stored && LibraryDatabase::isBusy(records->error()))
        return false;
    if (!stored && records->error().isValid())
        qWarning("the library could not keep a page of run %lld: %s", page.key.run.runId,
                 qPrintable(records->error().text()));
    checkForDamage();
    int removedRuns = 0;
    if (stored && (records = this->records())) {
        removedRuns = records->enforceSizeLimit(page.sizeLimitBytes, page.key);
        checkForDamage();
    }
    emit written(removedRuns);
    return true;
}

void LibraryWorker::compactOnce()
{
    LibraryRecords *records = this->records();
    if (!records || !records->needsAutoVacuum())
        return;
    emit compactingChanged(true);
    if (!records->turnOnAutoVacuum())
        qWarning("the library could not be compacted: %s", qPrintable(records->error().text()));
    checkForDamage();
    emit compactingChanged(false);
}

void LibraryWorker::drain()
{
    if (m_pending.isEmpty() || !m_records)
        return;
    // Now the lock is waited for: at exit (or a flush) the pages are worth the wait.
    m_records->setBusyWaitMs(LibraryDatabase::kBusyTimeoutMs);
    QElapsedTimer waited;
    waited.start();
    while (!m_pending.isEmpty() && waited.elapsed() < kDrainWaitMs) {
        writePending();
        if (!m_pending.isEmpty())
            QThread::msleep(100);
    }
    if (m_retry)
        m_retry->stop();
    if (!m_pending.isEmpty()) {
        qWarning("the library was locked by another process for %d s: %lld pages were not kept",
                 kDrainWaitMs / 1000, qint64(m_pending.size()));
        m_pending.clear();
    }
    if (m_records)
        m_records->setBusyWaitMs(kWriteWaitMs);
}

void LibraryWorker::checkForDamage()
{
    if (!m_records || !LibraryDatabase::isDamage(m_records->error()))
        return;
    const QString reason = LibraryDatabase::tr("it is damaged (%1)").arg(m_records->error().databaseText());
    m_records.reset();
    const bool reopened = m_database->recover(reason);
    reportSetAside();
    if (reopened)
        m_records = std::make_unique<LibraryRecords>(m_database->connection());
    else
        m_error = m_database->errorString();
}

void LibraryWorker::close()
{
    drain();
    m_records.reset();
    m_database.reset();
}

void LibraryWorker::reportSetAside()
{
    if (const auto setAsideFile = m_database->takeSetAside())
        emit setAside(setAsideFile->from, setAsideFile->to, setAsideFile->reason);
}
