// SPDX-License-Identifier: MIT
#pragma once

#include "store/librarysearchhit.h"

#include <QAbstractTableModel>

// The hits of a search across the library, as a table: run, entry number, type, tool, the match
// in its context (a note's with FoundInRole, drawn as a badge). Hits come in batches
// (LibrarySearch::hitsFound) and are appended.
class LibrarySearchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Run, Entry, Type, Tool, Match, Organization, ColumnCount };
    enum Role {
        MatchStartRole = Qt::UserRole + 1,   // where the match is in the Match column's text
        MatchLengthRole,
        SortRole,
        FoundInRole,                         // Match column: "Note" when the match is in the user's note
    };

    explicit LibrarySearchModel(QObject *parent = nullptr);

    void clear();
    void append(const QList<LibrarySearchHit> &hits);
    const LibrarySearchHit &hit(int row) const { return m_hits.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LibrarySearchHit> m_hits;
};
