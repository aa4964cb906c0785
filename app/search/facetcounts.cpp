// SPDX-License-Identifier: MIT
#include "search/facetcounts.h"

#include "model/logtablemodel.h"

#include <algorithm>

int FacetCounts::Table::intern(const QString &value)
{
    // Null and empty are one value: "no type" / "no tool".
    const QString key = value.isEmpty() ? QString() : value;
    const auto it = ids.constFind(key);
    if (it != ids.constEnd())
        return it.value();
    const int id = int(values.size());
    ids.insert(key, id);
    values.append(key);
    counts.append(0);
    return id;
}

QList<FacetCounts::Facet> FacetCounts::Table::facets() const
{
    QList<Facet> out;
    for (qsizetype id = 0; id < values.size(); ++id) {
        if (counts.at(id) > 0)
            out.append({values.at(id), counts.at(id)});
    }
    std::sort(out.begin(), out.end(), [](const Facet &a, const Facet &b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.value < b.value;
    });
    return out;
}

int FacetCounts::Table::count(const QString &value) const
{
    const auto it = ids.constFind(value.isEmpty() ? QString() : value);
    return it == ids.constEnd() ? 0 : counts.at(it.value());
}

FacetCounts::FacetCounts(QObject *parent)
    : QObject(parent)
{
}

void FacetCounts::setModel(LogTableModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &FacetCounts::recountAll);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
            if (parent.isValid())
                return;
            if (first < int(m_rowType.size())) { // rows shifted (LogTableModel only appends)
                recountAll();
                return;
            }
            m_rowType.resize(size_t(m_model->rowCount()), -1);
            m_rowTool.resize(size_t(m_model->rowCount()), -1);
            countRows(first, last);
        });
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &parent, int first, int last) {
                    if (!parent.isValid())
                        uncountRows(first, last);
                });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &parent, int first, int last) {
            if (parent.isValid())
                return;
            m_rowType.erase(m_rowType.begin() + first, m_rowType.begin() + last + 1);
            m_rowTool.erase(m_rowTool.begin() + first, m_rowTool.begin() + last + 1);
            emit changed();
        });
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    countRows(topLeft.row(), bottomRight.row());
                });
    }
    recountAll();
}

void FacetCounts::recountAll()
{
    m_types = {};
    m_tools = {};
    m_countedRows = 0;
    const int rows = m_model ? m_model->rowCount() : 0;
    m_rowType.assign(size_t(rows), -1);
    m_rowTool.assign(size_t(rows), -1);
    if (rows > 0)
        countRows(0, rows - 1);
    else
        emit changed();
}

void FacetCounts::uncountRows(int firstRow, int lastRow)
{
    firstRow = std::max(0, firstRow);
    lastRow = std::min(int(m_rowType.size()) - 1, lastRow);
    for (int row = firstRow; row <= lastRow; ++row) {
        int &type = m_rowType[size_t(row)];
        int &tool = m_rowTool[size_t(row)];
        if (type < 0)
            continue;
        --m_types.counts[type];
        --m_tools.counts[tool];
        type = tool = -1;
        --m_countedRows;
    }
}

void FacetCounts::countRows(int firstRow, int lastRow)
{
    if (!m_model)
        return;
    const LogStore &store = m_model->store();
    if (int(m_rowType.size()) < store.size()) {
        m_rowType.resize(size_t(store.size()), -1);
        m_rowTool.resize(size_t(store.size()), -1);
    }
    firstRow = std::max(0, firstRow);
    lastRow = std::min(store.size() - 1, lastRow);
    bool any = false;
    for (int row = firstRow; row <= lastRow; ++row) {
        if (!store.isLoaded(row))
            continue;
        const int type = m_types.intern(store.messageTypeAt(row));
        const int tool = m_tools.intern(store.toolNameAt(row));
        int &rowType = m_rowType[size_t(row)];
        int &rowTool = m_rowTool[size_t(row)];
        if (rowType == type && rowTool == tool)
            continue; // dataChanged for a neighbour's gap, or the same entry again
        if (rowType >= 0) {
            --m_types.counts[rowType];
            --m_tools.counts[rowTool];
        } else {
            ++m_countedRows;
        }
        ++m_types.counts[type];
        ++m_tools.counts[tool];
        rowType = type;
        rowTool = tool;
        any = true;
    }
    if (any || (firstRow == 0 && lastRow == store.size() - 1))
        emit changed();
}

QList<FacetCounts::Facet> FacetCounts::messageTypes() const
{
    return m_types.facets();
}

QList<FacetCounts::Facet> FacetCounts::toolNames() const
{
    return m_tools.facets();
}

int FacetCounts::messageTypeCount(const QString &type) const
{
    return m_types.count(type);
}

int FacetCounts::toolNameCount(const QString &tool) const
{
    return m_tools.count(tool);
}
