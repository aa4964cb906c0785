// SPDX-License-Identifier: MIT
#include "store/entrycursor.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace {
constexpr int kStepsBetweenChecks = 1000;

// `flags`: two flags, the second may be null.
int stopWhenCancelled(void *flags)
{
    const auto *const *pair = static_cast<const std::atomic<bool> *const *>(flags);
    return pair[0]->load(std::memory_order_relaxed) || (pair[1] && pair[1]->load(std::memory_order_relaxed)) ? 1 : 0;
}
} // namespace

sqlite3 *sqliteHandleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

EntryCursor::EntryCursor(const QSqlDatabase &db, const QString &sql)
    : m_db(sqliteHandleOf(db))
{
    if (!m_db) {
        m_error = QStringLiteral("not an SQLite connection");
        return;
    }
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, text.constData(), int(text.size()), &m_statement, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_statement = nullptr;
    }
}

EntryCursor::~EntryCursor()
{
    sqlite3_finalize(m_statement);
}

void EntryCursor::bind(const char *name, qint64 value)
{
    if (!m_statement)
        return;
    if (const int index = sqlite3_bind_parameter_index(m_statement, name))
        sqlite3_bind_int64(m_statement, index, value);
}

void EntryCursor::bind(const char *name, const QString &text)
{
    if (!m_statement)
        return;
    if (const int index = sqlite3_bind_parameter_index(m_statement, name)) {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
}

void EntryCursor::start()
{
    if (m_statement)
        sqlite3_reset(m_statement);
    m_error.clear();
    m_interrupted = false;
}

bool EntryCursor::next()
{
    if (!m_statement)
        return false;
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result == SQLITE_INTERRUPT)
        m_interrupted = true;
    else if (result != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_reset(m_statement);
    return false;
}

qint64 EntryCursor::id() const
{
    return sqlite3_column_int64(m_statement, 0);
}

QByteArrayView EntryCursor::raw() const
{
    const void *data = sqlite3_column_blob(m_statement, 1);
    const int size = sqlite3_column_bytes(m_statement, 1);
    return QByteArrayView(static_cast<const char *>(data), data ? size : 0);
}

SqliteCancellation::SqliteCancellation(const QSqlDatabase &db, const std::atomic<bool> &cancel,
                                       const std::atomic<bool> *alsoStop)
    : m_db(sqliteHandleOf(db))
    , m_flags{&cancel, alsoStop}
{
    if (m_db)
        sqlite3_progress_handler(m_db, kStepsBetweenChecks, stopWhenCancelled, static_cast<void *>(m_flags));
}

SqliteCancellation::~SqliteCancellation()
{
    if (m_db)
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
}
