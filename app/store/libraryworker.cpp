// SPDX-License-Identifier: MIT
#include "store/libraryworker.h"

#include "store/librarydatabase.h"
#include "store/libraryrecords.h"

#include <QDir>
#include <QSqlError>

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
    }
    return m_records.get();
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
    // No further operation reaches the file: records() stays null (m_tried is set).
    close();
    emit stopped(m_error);
    return true;
}

void LibraryWorker::close()
{
    m_records.reset();
    m_database.reset();
}

void LibraryWorker::reportSetAside()
{
    if (const auto setAsideFile = m_database->takeSetAside())
        emit setAside(setAsideFile->from, setAsideFile->to, setAsideFile->reason);
}
