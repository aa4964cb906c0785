// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

class QSqlError;

// One connection to the library's SQLite file, for the thread that opens it (a Qt SQL connection
// belongs to one thread). The library lives in a folder of its own: the folder is made 0700 and
// the file 0600 (logs can hold secrets; SQLite gives its -wal and -shm files the file's mode).
// It creates the schema, migrates an older one, and sets aside (renames) a file that is damaged,
// not a database, another program's database or a newer Runlog's, then starts a new one: a bad
// file never stops Runlog from opening runs.
//
// Journal: WAL, synchronous=NORMAL, so a crash (kill -9) loses at most the transaction being
// written, readers never wait for the writer, and several processes share the file. Opening a
// library that is made and current takes no lock at all; only creating or migrating one does
// (BEGIN IMMEDIATE, a busy file waited for up to kBusyTimeoutMs). auto_vacuum is INCREMENTAL, set
// before WAL on a new file, so removed runs give their space back.
class LibraryDatabase
{
    Q_DECLARE_TR_FUNCTIONS(LibraryDatabase)
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr qint32 kApplicationId = 0x524c4f47; // "RLOG"
    static constexpr int kBusyTimeoutMs = 15000;
    static constexpr const char *kFileName = "library.sqlite";

    struct SetAside
    {
        QString from;
        QString to;
        QString reason;
    };

    // `folder` holds the database file (created when missing).
    explicit LibraryDatabase(const QString &folder);
    ~LibraryDatabase();
    LibraryDatabase(const LibraryDatabase &) = delete;
    LibraryDatabase &operator=(const LibraryDatabase &) = delete;

    // $XDG_DATA_HOME/runlog (~/.local/share/runlog).
    static QString defaultFolder();

    QString folder() const { return m_folder; }
    QString filePath() const;

    // False with errorString() when no library can be had (a folder that cannot be made, a file
    // that cannot be renamed); a damaged file was set aside and replaced (takeSetAside()).
    bool open();
    bool isOpen() const;
    QString errorString() const { return m_error; }
    QSqlDatabase connection() const;

    // The file that was set aside since the last call, if any: the user is told once.
    std::optional<SetAside> takeSetAside();

    // Files up to this size are quick-checked when opened (bigger ones show damage as they are
    // used: checking gigabytes would hold up the first run for seconds). Tests change it.
    static void setQuickCheckMaxBytes(qint64 bytes);

    // The error says the file is damaged (corrupt, not a database, cut short).
    static bool isDamage(const QSqlError &error);
    // The error is SQLite's "busy" or "locked": another connection holds the file for now.
    static bool isBusy(const QSqlError &error);
    // Sets the damaged file aside and opens a new one; false when that fails too.
    bool recover(const QString &reason);

private:
    bool ensureFolder();
    bool ensureFile();
    bool openConnection();
    void closeConnection();
    // Empty when the file is a usable library (created or migrated if needed); else why it is not.
    QString prepare(bool *fatal);
    bool createSchema();
    // Version 1 to 2: the notes table (existing runs and pages stay as they are).
    bool migrateTo2();
    static bool isWal(QSqlQuery &query);
    bool setAsideAndReopen(const QString &reason);

    QString m_folder;
    QString m_connectionName;
    QString m_error;
    bool m_lastFailureWasBusy = false; // set by prepare() when it fails
    std::optional<SetAside> m_setAside;
};
