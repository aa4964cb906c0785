// SPDX-License-Identifier: MIT
#include "store/librarydatabase.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace {
QAtomicInt s_connectionCounter;

constexpr QFileDevice::Permissions kFolderPermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions kFilePermissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// SQLite's primary result codes (the low byte of an extended one).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADb = 26;
constexpr int kSqliteIoErrShortRead = 522;

std::atomic<qint64> s_quickCheckMaxBytes{64LL << 20};

// Version 1. Entry ids are (run key << 32) + position, so one run's entries are one range of the
// table and of the full-text index (cross-run search walks runs newest first, range by range).
// The full-text index holds what in-run search sees of each entry (SearchText), as trigrams, so
// any substring of three characters or more finds its candidates; it keeps no copy of the text
// (external content, positions left out): what it finds is checked against the entry itself.
const char *const kSchemaV1[] = {
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " origin TEXT NOT NULL, org_id INTEGER NOT NULL, run_id INTEGER NOT NULL,"
    " status TEXT, created_at TEXT, created_ms INTEGER, web_url TEXT, result TEXT, summary TEXT,"
    " total_logs INTEGER,"
    " run_json BLOB NOT NULL,"
    " stored_entries INTEGER NOT NULL DEFAULT 0, stored_bytes INTEGER NOT NULL DEFAULT 0,"
    " first_stored_ms INTEGER NOT NULL, last_written_ms INTEGER NOT NULL, last_opened_ms INTEGER NOT NULL,"
    " UNIQUE (origin, org_id, run_id))",
    "CREATE INDEX runs_by_last_opened ON runs (last_opened_ms)",
    "CREATE INDEX runs_by_created ON runs (created_ms)",
    "CREATE TABLE entries (id INTEGER PRIMARY KEY, raw BLOB NOT NULL)",
    // Entries holding a character that case-insensitive search folds into ASCII (the Kelvin sign,
    // the long s): SQLite's folding may differ from Qt's there, so they are always checked.
    "CREATE TABLE fold_entries (id INTEGER PRIMARY KEY)",
    "CREATE VIRTUAL TABLE entry_text USING fts5 (raw, content='entries', content_rowid='id',"
    " tokenize='trigram', detail='none')",
};

// Version 2: the user's notes and marks, kept apart from the pages (eviction leaves them). A scope
// names the run (an API run, or a run file by its identity); `entry` is the entry's chronological
// position and `entry_sha256` the hash of its bytes, which finds the entry when it moved.
const char *const kSchemaV2[] = {
    "CREATE TABLE notes ("
    " scope TEXT NOT NULL, org_id INTEGER, run_id INTEGER,"
    " entry INTEGER NOT NULL, entry_sha256 TEXT NOT NULL, text TEXT NOT NULL, marked INTEGER NOT NULL,"
    " updated_ms INTEGER NOT NULL,"
    " PRIMARY KEY (scope, entry, entry_sha256)) WITHOUT ROWID",
};

bool exec(QSqlQuery &query, const QString &sql)
{
    return query.exec(sql);
}
} // namespace

LibraryDatabase::LibraryDatabase(const QString &folder)
    : m_folder(QDir::cleanPath(QFileInfo(folder).absoluteFilePath()))
    , m_connectionName(QStringLiteral("runlog-library-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
}

LibraryDatabase::~LibraryDatabase()
{
    closeConnection();
}

QString LibraryDatabase::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/runlog");
}

QString LibraryDatabase::filePath() const
{
    return m_folder + QLatin1Char('/') + QLatin1String(kFileName);
}

bool LibraryDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && connection().isOpen();
}

QSqlDatabase LibraryDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

std::optional<LibraryDatabase::SetAside> LibraryDatabase::takeSetAside()
{
    return std::exchange(m_setAside, std::nullopt);
}

void LibraryDatabase::setQuickCheckMaxBytes(qint64 bytes)
{
    s_quickCheckMaxBytes = bytes;
}

bool LibraryDatabase::isDamage(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (!ok)
        return false;
    const int primary = code & 0xff;
    return primary == kSqliteCorrupt || primary == kSqliteNotADb || code == kSqliteIoErrShortRead
        || (primary == kSqliteIoErr && error.databaseText().contains(QLatin1String("short read")));
}

bool LibraryDatabase::open()
{
    m_error.clear();
    QElapsedTimer waited;
    waited.start();
    for (int attempt = 0;; ++attempt) {
        if (!ensureFolder() || !ensureFile() || !openConnection())
            return false;
        bool fatal = false;
        m_lastFailureWasBusy = false;
        const QString problem = prepare(&fatal);
        if (problem.isEmpty())
            return true;
        if (!fatal)
            return setAsideAndReopen(problem);
        closeConnection();
        // SQLite answers "busy" at once, without its busy timeout, where waiting could deadlock
        // (several connections turning a new file to WAL, a reader that wants to write while
        // another one does): another process is making the library. Start again on a fresh
        // connection, which then finds the work done.
        if (!m_lastFailureWasBusy || waited.elapsed() > kBusyTimeoutMs) {
            m_error = problem;
            return false;
        }
        QThread::msleep(10 + 10 * std::min(attempt, 9));
    }
}

bool LibraryDatabase::isBusy(const QSqlError &error)
{
    bool ok = false;
    const int primary = error.nativeErrorCode().toInt(&ok) & 0xff;
    return ok && (primary == kSqliteBusy || primary == kSqliteLocked);
}

bool LibraryDatabase::recover(const QString &reason)
{
    return setAsideAndReopen(reason);
}

bool LibraryDatabase::ensureFolder()
{
    QDir dir(m_folder);
    if (!dir.exists() && !QDir().mkpath(m_folder)) {
        m_error = tr("cannot create the folder %1").arg(QDir::toNativeSeparators(m_folder));
        return false;
    }
    // The folder is the library's own: only its owner may look inside.
    if ((QFile::permissions(m_folder) & ~kFolderPermissions) != 0
        && !QFile::setPermissions(m_folder, kFolderPermissions)) {
        m_error = tr("cannot make the folder %1 private").arg(QDir::toNativeSeparators(m_folder));
        return false;
    }
    return true;
}

bool LibraryDatabase::ensureFile()
{
    const QString path = filePath();
    if (!QFileInfo::exists(path)) {
        // Made here, 0600 from its first byte, rather than by SQLite with the umask's mode. An
        // empty file is a valid new database. Another process may win the race: that is fine.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kFilePermissions) && !QFileInfo::exists(path)) {
            m_error = tr("cannot create %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString file = path + suffix;
        if (QFileInfo::exists(file) && (QFile::permissions(file) & ~kFilePermissions) != 0)
            QFile::setPermissions(file, kFilePermissions);
    }
    return true;
}

bool LibraryDatabase::openConnection()
{
    closeConnection();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(filePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open()) {
        m_error = tr("cannot open %1: %2").arg(QDir::toNativeSeparators(filePath()), db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    return true;
}

void LibraryDatabase::closeConnection()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString LibraryDatabase::prepare(bool *fatal)
{
    *fatal = false;
    QSqlDatabase db = connection();
    QSqlQuery query(db);
    const auto damaged = [&query] {
        return tr("it is damaged or not a database (%1)").arg(query.lastError().databaseText());
    };
    const auto failed = [this, &query, fatal] {
        // Not damage (a full disk, a lock held too long): the file stays as it is.
        *fatal = true;
        m_lastFailureWasBusy = isBusy(query.lastError());
        return query.lastError().text();
    };
    // The first read: a file that is not SQLite fails here. One statement, so one snapshot:
    // another process creating the library commits all of it or nothing in between.
    if (!exec(query, QStringLiteral("SELECT (SELECT application_id FROM pragma_application_id()),"
                                    " (SELECT count(*) FROM sqlite_master),"
                                    " (SELECT user_version FROM pragma_user_version())"))
        || !query.next())
        return LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
    qint32 applicationId = query.value(0).toInt();
    const int objects = query.value(1).toInt();
    const int firstVersion = query.value(2).toInt();
    query.finish();
    if (applicationId != kApplicationId && (applicationId != 0 || objects != 0))
        return tr("it is not Runlog's library (another program's database)");
    // Before anything writes to the file (WAL below changes its header): a newer Runlog's file
    // is set aside as it is.
    if (applicationId == kApplicationId && firstVersion > kSchemaVersion)
        return tr("it was made by a newer Runlog (library version %1)").arg(firstVersion);

    if (QFileInfo(filePath()).size() <= s_quickCheckMaxBytes) {
        if (!exec(query, QStringLiteral("PRAGMA quick_check(1)")) || !query.next())
            return LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
        if (query.value(0).toString() != QLatin1String("ok"))
            return tr("it is damaged (%1)").arg(query.value(0).toString());
    }

    exec(query, QStringLiteral("PRAGMA synchronous=NORMAL"));
    // A library made and current needs no write lock to open: in WAL mode readers never wait for
    // a writer, so --search and a window's reads go on while another process writes.
    if (applicationId == kApplicationId && firstVersion == kSchemaVersion && objects > 0 && isWal(query))
        return {};

    // Before WAL: auto_vacuum takes effect only on a file with no tables yet, and only when set
    // before the journal mode (SQLite fixes it with the first write, which WAL's header is).
    if (objects == 0)
        exec(query, QStringLiteral("PRAGMA auto_vacuum=INCREMENTAL"));
    // WAL is a property of the file; it cannot be set inside a transaction.
    if (!exec(query, QStringLiteral("PRAGMA journal_mode=WAL")))
        return LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();

    // Created or migrated by one process at a time; another one waiting here finds it done.
    if (!exec(query, QStringLiteral("BEGIN IMMEDIATE")))
        return LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
    const auto rollback = [&db] { QSqlQuery(db).exec(QStringLiteral("ROLLBACK")); };
    if (!exec(query, QStringLiteral("PRAGMA application_id")) || !query.next()) {
        const QString why = LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
        rollback();
        return why;
    }
    applicationId = query.value(0).toInt();
    if (!exec(query, QStringLiteral("PRAGMA user_version")) || !query.next()) {
        const QString why = LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
        rollback();
        return why;
    }
    const int version = query.value(0).toInt();
    if (applicationId == 0) {
        if (!createSchema()) {
            const QString why = tr("cannot create the library's tables: %1").arg(query.lastError().text());
            rollback();
            *fatal = true;
            return why;
        }
    } else if (version > kSchemaVersion) {
        rollback();
        return tr("it was made by a newer Runlog (library version %1)").arg(version);
    } else if (version < 1) {
        rollback();
        return tr("it has no known library version");
    }
    // Older versions migrate here, one step at a time.
    if (applicationId != 0 && version < 2 && !migrateTo2()) {
        const QString why = tr("cannot add the notes table: %1").arg(m_error);
        rollback();
        *fatal = true;
        return why;
    }
    if (!exec(query, QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion))) {
        const QString why = failed();
        rollback();
        return why;
    }
    if (!exec(query, QStringLiteral("COMMIT"))) {
        const QString why = LibraryDatabase::isDamage(query.lastError()) ? damaged() : failed();
        rollback();
        return why;
    }
    return {};
}

bool LibraryDatabase::isWal(QSqlQuery &query)
{
    const bool wal = exec(query, QStringLiteral("PRAGMA journal_mode")) && query.next()
        && query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
    query.finish();
    return wal;
}

bool LibraryDatabase::createSchema()
{
    QSqlQuery query(connection());
    for (const char *statement : kSchemaV1) {
        if (!query.exec(QString::fromLatin1(statement))) {
            m_error = query.lastError().text();
            return false;
        }
    }
    if (!migrateTo2())
        return false;
    return query.exec(QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId))
        && query.exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion));
}

bool LibraryDatabase::migrateTo2()
{
    QSqlQuery query(connection());
    for (const char *statement : kSchemaV2) {
        if (!query.exec(QString::fromLatin1(statement))) {
            m_error = query.lastError().text();
            return false;
        }
    }
    return true;
}

bool LibraryDatabase::setAsideAndReopen(const QString &reason)
{
    closeConnection();
    const QString from = filePath();
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString to = QStringLiteral("%1.set-aside-%2").arg(from, stamp);
    for (int n = 2; QFileInfo::exists(to); ++n)
        to = QStringLiteral("%1.set-aside-%2-%3").arg(from, stamp).arg(n);
    if (QFileInfo::exists(from) && !QFile::rename(from, to)) {
        m_error = tr("%1 is unusable (%2) and cannot be renamed")
                      .arg(QDir::toNativeSeparators(from), reason);
        return false;
    }
    // The journal belongs to the old file: it goes with it, and the shared-memory index is rebuilt.
    if (QFileInfo::exists(from + QStringLiteral("-wal")))
        QFile::rename(from + QStringLiteral("-wal"), to + QStringLiteral("-wal"));
    QFile::remove(from + QStringLiteral("-shm"));
    m_setAside = SetAside{from, to, reason};
    if (!ensureFile() || !openConnection())
        return false;
    bool fatal = false;
    const QString problem = prepare(&fatal);
    if (!problem.isEmpty()) {
        m_error = problem;
        closeConnection();
        return false;
    }
    return true;
}
