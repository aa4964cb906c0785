// SPDX-License-Identifier: MIT
#include "store/librarysearchmodel.h"

LibrarySearchModel::LibrarySearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LibrarySearchModel::clear()
{
    beginResetModel();
    m_hits.clear();
    endResetModel();
}

void LibrarySearchModel::append(const QList<LibrarySearchHit> &hits)
{
    if (hits.isEmpty())
        return;
    beginInsertRows(QModelIndex(), int(m_hits.size()), int(m_hits.size() + hits.size() - 1));
    m_hits += hits;
    endInsertRows();
}

int LibrarySearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int LibrarySearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LibrarySearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= m_hits.size())
        return {};
    const LibrarySearchHit &hit = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Run: return QString::number(hit.runId);
        case Entry: return QString::number(hit.position + 1);
        case Type: return hit.messageType;
        case Tool: return hit.toolName;
        case Match: return hit.snippet;
        case Organization: return QString::number(hit.orgId);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Run)
            return tr("Run %1 of organization %2 (%3), %4").arg(hit.runId).arg(hit.orgId).arg(hit.origin, hit.runStatus);
        if (index.column() == Match)
            return hit.fromNote ? tr("Your note on this entry: %1").arg(hit.snippet) : hit.snippet;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Run || index.column() == Entry || index.column() == Organization)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case MatchStartRole: return index.column() == Match ? QVariant(hit.matchStart) : QVariant();
    case FoundInRole: return index.column() == Match && hit.fromNote ? QVariant(tr("Note")) : QVariant();
    case MatchLengthRole: return index.column() == Match ? QVariant(hit.matchLength) : QVariant();
    case SortRole:
        if (index.column() == Entry)
            return hit.position;
        if (index.column() == Run)
            return hit.runId;
        return data(index, Qt::DisplayRole);
    default: return {};
    }
}

QVariant LibrarySearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Run: return tr("Run");
    case Entry: return tr("Entry");
    case Type: return tr("Type");
    case Tool: return tr("Tool");
    case Match: return tr("Match");
    case Organization: return tr("Org");
    default: return {};
    }
}
