// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

#include <atomic>

struct sqlite3;
struct sqlite3_stmt;

// Stored entries read row by row through SQLite's own API, for search across the library: the
// entry's bytes are read in place (no copy into a QVariant and a QByteArray per row, which cost
// more than the search of them). A statement selects `id, raw`; its named parameters are bound
// before each start().
class EntryCursor
{
public:
    EntryCursor(const QSqlDatabase &db, const QString &sql);
    ~EntryCursor();
    EntryCursor(const EntryCursor &) = delete;
    EntryCursor &operator=(const EntryCursor &) = delete;

    bool isValid() const { return m_statement != nullptr; }
    // The last error in words (empty: none, or the read was interrupted: see interrupted()).
    QString error() const { return m_error; }
    bool interrupted() const { return m_interrupted; }

    // Named parameters (":low"); one not in the statement is ignored.
    void bind(const char *name, qint64 value);
    void bind(const char *name, const QString &text);
    // From the first row again, with the bindings as they are.
    void start();
    // False at the end, on an error, or when interrupted.
    bool next();
    qint64 id() const;
    // Valid until the next call of next() or start().
    QByteArrayView raw() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
    bool m_interrupted = false;
};

// While it lives, SQLite's statements on the connection stop soon (within some thousands of
// virtual machine steps, well under a millisecond) once `cancel` (or `alsoStop`, when given)
// turns true: a new keystroke does not wait for a full-text query or a long row to end.
class SqliteCancellation
{
public:
    SqliteCancellation(const QSqlDatabase &db, const std::atomic<bool> &cancel, const std::atomic<bool> *alsoStop = nullptr);
    ~SqliteCancellation();
    SqliteCancellation(const SqliteCancellation &) = delete;
    SqliteCancellation &operator=(const SqliteCancellation &) = delete;

private:
    sqlite3 *m_db = nullptr;
    const std::atomic<bool> *m_flags[2];
};

// The connection's sqlite3 handle; nullptr for a driver that is not SQLite.
sqlite3 *sqliteHandleOf(const QSqlDatabase &db);
