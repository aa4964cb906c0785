// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

// The user's notes as search across the library reads them: every note with text, by the key of
// its scope (NotesScope), read once per search (notes are typed by hand: a few per run). A mark
// alone is no note (has:note does not hold for it).
class LibrarySearchNotes
{
public:
    struct Note
    {
        qint64 position = 0; // 0-based, oldest first: the entry it was written on
        QString text;
    };

    // False with `error` when the notes cannot be read.
    bool read(const QSqlDatabase &db, QString *error);

    // The notes of one scope, oldest entry first.
    QList<Note> of(const QString &scopeKey) const { return m_notes.value(scopeKey); }
    // The entries of one scope that have a note.
    QSet<qint64> notedPositions(const QString &scopeKey) const;
    bool isEmpty() const { return m_notes.isEmpty(); }

private:
    QHash<QString, QList<Note>> m_notes;
};
