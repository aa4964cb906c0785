// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlError>

// The notes and marks table of the library, over the connection LibraryRecords uses, on the
// library's thread. Notes are the user's own data: they are kept apart from the run's pages, so
// that evicting the pages to stay under the size limit leaves them, and go only when the run is
// removed (or the library cleared).
class LibraryNotes
{
public:
    explicit LibraryNotes(const QSqlDatabase &db);

    const QSqlError &error() const { return m_error; }

    QList<StoredNote> load(const QString &scopeKey);
    // Replaces every note of the scope with `notes` (one transaction): a run has few.
    bool replace(const NotesScope &scope, const QList<StoredNote> &notes);
    bool removeScope(const QString &scopeKey);
    // How many notes (with text) or marks each scope has.
    int count(const QString &scopeKey);

private:
    bool fail(const QSqlError &error);

    QSqlDatabase m_db;
    QSqlError m_error;
};
