// SPDX-License-Identifier: MIT
#include "store/libraryworker.h"

#include "store/librarydatabase.h"
#include "store/libraryrecords.h"

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
    m_records.reset();
    m_database.reset();
}

void LibraryWorker::reportSetAside()
{
    if (const auto setAsideFile = m_database->takeSetAside())
        emit setAside(setAsideFile->from, setAsideFile->to, setAsideFile->reason);
}
