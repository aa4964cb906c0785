// SPDX-License-Identifier: MIT
#include "store/libraryworker.h"

#include "store/librarydatabase.h"
#include "store/libraryrecords.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlError>
#include <QThread>
#include <QTimer>

namespace {
// SQLite's result codes (sqlite3.h): the disk is full, or a write failed outright (a write past
// a limit on file sizes fails with EFBIG, which SQLite reports as SQLITE_IOERR_WRITE).
constexpr int kSqliteFull = 13;
constexpr int kSqliteIoErrWrite = 778;
} // namespace

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
        // Taken out first: a write that stops the library (a full disk) lets every pending page go.
        const PendingWrite page = m_pending.takeFirst();
        if (!write(page)) {
            m_pending.prepend(page);
            if (!m_retry) {
                m_retry = new QTimer(this);
                m_retry->setSingleShot(true);
                connect(m_retry, &QTimer::timeout, this, &LibraryWorker::writePending);
            }
            m_retry->start(kRetryMs);
            return;
        }
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
    const QString error = stored ? QString() : records->error().text();
    checkForDamage();
    // A library that stopped (a full disk) has said so once with stopped(); not per page.
    if (!stored && !error.trimmed().isEmpty() && this->records())
        qWarning("the library could not keep a page of run %lld: %s", page.key.run.runId, qPrintable(error));
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
    if (stopIfTheDiskIsFull())
        return;
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

bool LibraryWorker::stopIfTheDiskIsFull()
{
    if (!m_records)
        return false;
    bool ok = false;
    const int code = m_records->error().nativeErrorCode().toInt(&ok);
    if (!ok || ((code & 0xff) != kSqliteFull && code != kSqliteIoErrWrite))
        return false;
    const QString folder = QDir::toNativeSeparators(m_folder);
    m_error = (code & 0xff) == kSqliteFull
            ? tr("The disk holding the library (%1) is full: Runlog goes on without the library until it is "
                 "started again. Runs already kept are intact.")
                      .arg(folder)
            : tr("The library (%1) could not be written (%2): Runlog goes on without the library until it is "
                 "started again. Runs already kept are intact.")
                      .arg(folder, m_records->error().databaseText());
    // No further operation reaches the file: records() stays null (m_tried is set), and the pages
    // waiting to be written go with it.
    m_pending.clear();
    close();
    emit stopped(m_error);
    return true;
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
