// SPDX-License-Identifier: MIT
#include "store/librarynotes.h"

#include <QSqlQuery>
#include <QVariant>

LibraryNotes::LibraryNotes(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<StoredNote> LibraryNotes::load(const QString &scopeKey)
{
    m_error = QSqlError();
    QList<StoredNote> notes;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT entry, entry_sha256, text, marked, updated_ms FROM notes"
                                 " WHERE scope = ? ORDER BY entry"));
    query.addBindValue(scopeKey);
    if (!query.exec()) {
        fail(query.lastError());
        return notes;
    }
    while (query.next()) {
        StoredNote note;
        note.position = query.value(0).toLongLong();
        note.entrySha256 = query.value(1).toString().toLatin1();
        note.text = query.value(2).toString();
        note.marked = query.value(3).toBool();
        note.updatedMs = query.value(4).toLongLong();
        notes.append(note);
    }
    return notes;
}

bool LibraryNotes::replace(const NotesScope &scope, const QList<StoredNote> &notes)
{
    m_error = QSqlError();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(query.lastError());
    const auto rollback = [this] { QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); };
    query.prepare(QStringLiteral("DELETE FROM notes WHERE scope = ?"));
    query.addBindValue(scope.key);
    if (!query.exec()) {
        fail(query.lastError());
        rollback();
        return false;
    }
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT OR REPLACE INTO notes (scope, org_id, run_id, entry, entry_sha256, text,"
                                  " marked, updated_ms) VALUES (?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''), ?, ?)"));
    for (const StoredNote &note : notes) {
        if (note.text.isEmpty() && !note.marked)
            continue;
        insert.addBindValue(scope.key);
        insert.addBindValue(scope.orgId ? QVariant(*scope.orgId) : QVariant());
        insert.addBindValue(scope.runId ? QVariant(*scope.runId) : QVariant());
        insert.addBindValue(note.position);
        insert.addBindValue(QString::fromLatin1(note.entrySha256));
        insert.addBindValue(note.text);
        insert.addBindValue(note.marked ? 1 : 0);
        insert.addBindValue(note.updatedMs);
        if (!insert.exec()) {
            fail(insert.lastError());
            rollback();
            return false;
        }
    }
    if (!query.exec(QStringLiteral("COMMIT"))) {
        fail(query.lastError());
        rollback();
        return false;
    }
    return true;
}

bool LibraryNotes::removeScope(const QString &scopeKey)
{
    m_error = QSqlError();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM notes WHERE scope = ?"));
    query.addBindValue(scopeKey);
    return query.exec() || fail(query.lastError());
}

int LibraryNotes::count(const QString &scopeKey)
{
    m_error = QSqlError();
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count(*) FROM notes WHERE scope = ?"));
    query.addBindValue(scopeKey);
    if (!query.exec() || !query.next()) {
        fail(query.lastError());
        return 0;
    }
    return query.value(0).toInt();
}

bool LibraryNotes::fail(const QSqlError &error)
{
    m_error = error;
    return false;
}
