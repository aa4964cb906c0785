// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

class LibraryDatabase;

// A connection to the library kept across searches by the one thread that uses it (Qt SQL's
// rule): the Library window searches at every keystroke, and a connection opened for each search
// pays its open (the quick_check of a library up to 64 MB) and reads every page into a cold page
// cache again. Before each use it checks that it still reads the folder's library file: a file
// deleted, replaced or set aside since (another file, or none) has its connection closed and a new
// one opened (which makes a new library where there is none, as opening one always did), so a
// search never reads a file that is gone. Runs written or removed meanwhile through the file
// itself (WAL) are seen anyway: each search reads in a transaction of its own.
class KeptLibraryConnection
{
public:
    explicit KeptLibraryConnection(const QString &folder);
    ~KeptLibraryConnection();
    KeptLibraryConnection(const KeptLibraryConnection &) = delete;
    KeptLibraryConnection &operator=(const KeptLibraryConnection &) = delete;

    // The open connection, opened or reopened as needed; invalid, with `error` set, when no
    // library can be had.
    QSqlDatabase connection(QString *error);
    // Closes it; the next connection() opens a new one (after a search that failed: a connection
    // in a bad state is not kept).
    void close();
    // How many times a connection was opened (tests: kept, or opened anew).
    int opens() const { return m_opens; }

private:
    struct FileIdentity
    {
        bool known = false;
        quint64 device = 0;
        quint64 inode = 0;
        bool operator==(const FileIdentity &other) const
        {
            return known && other.known && device == other.device && inode == other.inode;
        }
    };
    // Which file the path names now (device and inode; unknown where it is missing, or on a
    // system without them, where the connection is then opened for each use as before).
    static FileIdentity identityOf(const QString &path);

    QString m_folder;
    std::unique_ptr<LibraryDatabase> m_database;
    FileIdentity m_file;
    int m_opens = 0;
};

// One thread, kept, that runs work with its KeptLibraryConnection: the searches of one
// LibrarySearch, or the second halves that a search's second thread reads. Work runs in the
// order posted, one at a time. Destruction waits for the work posted and closes the connection
// on its thread (no connection outlives its owner, or is left to a folder that is then removed).
class LibraryConnectionThread
{
public:
    explicit LibraryConnectionThread(const QString &folder);
    ~LibraryConnectionThread();
    LibraryConnectionThread(const LibraryConnectionThread &) = delete;
    LibraryConnectionThread &operator=(const LibraryConnectionThread &) = delete;

    void post(std::function<void(KeptLibraryConnection &connection)> work);

private:
    KeptLibraryConnection m_connection; // used on m_pool's thread only
    QThreadPool m_pool;
};
