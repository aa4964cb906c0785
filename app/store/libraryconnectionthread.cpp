// SPDX-License-Identifier: MIT
#include "store/libraryconnectionthread.h"

#include "store/librarydatabase.h"

#include <QFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

KeptLibraryConnection::KeptLibraryConnection(const QString &folder)
    : m_folder(folder)
{
}

KeptLibraryConnection::~KeptLibraryConnection() = default;

KeptLibraryConnection::FileIdentity KeptLibraryConnection::identityOf(const QString &path)
{
    FileIdentity identity;
#ifdef Q_OS_UNIX
    struct stat info{};
    if (::stat(QFile::encodeName(path).constData(), &info) == 0) {
        identity.known = true;
        identity.device = quint64(info.st_dev);
        identity.inode = quint64(info.st_ino);
    }
#else
    Q_UNUSED(path);
#endif
    return identity;
}

QSqlDatabase KeptLibraryConnection::connection(QString *error)
{
    // While this connection holds the file open, its inode cannot be given to a new file: another
    // identity means another file.
    if (m_database && m_database->isOpen() && identityOf(m_database->filePath()) == m_file)
        return m_database->connection();
    close();
    auto database = std::make_unique<LibraryDatabase>(m_folder);
    ++m_opens;
    if (!database->open()) {
        *error = database->errorString();
        return {};
    }
    m_file = identityOf(database->filePath());
    m_database = std::move(database);
    return m_database->connection();
}

void KeptLibraryConnection::close()
{
    m_database.reset();
    m_file = {};
}

LibraryConnectionThread::LibraryConnectionThread(const QString &folder)
    : m_connection(folder)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1); // the same thread for every search: the connection stays on it
}

LibraryConnectionThread::~LibraryConnectionThread()
{
    post([](KeptLibraryConnection &connection) { connection.close(); });
    m_pool.waitForDone();
}

void LibraryConnectionThread::post(std::function<void(KeptLibraryConnection &connection)> work)
{
    m_pool.start([this, work = std::move(work)] { work(m_connection); });
}
