// SPDX-License-Identifier: MIT
#include "store/librarysearchnotes.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

bool LibrarySearchNotes::read(const QSqlDatabase &db, QString *error)
{
    m_notes.clear();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT scope, entry, text FROM notes WHERE text != '' ORDER BY scope, entry"))) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    while (query.next())
        m_notes[query.value(0).toString()].append(Note{query.value(1).toLongLong(), query.value(2).toString()});
    return true;
}

QSet<qint64> LibrarySearchNotes::notedPositions(const QString &scopeKey) const
{
    QSet<qint64> positions;
    for (const Note &note : m_notes.value(scopeKey))
        positions.insert(note.position);
    return positions;
}
