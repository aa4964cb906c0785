// SPDX-License-Identifier: MIT
#include "search/facetcounts.h"

#include "rows/logtablemodel.h"

#include <QHash>

#include <algorithm>

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
        connect(model, &QAbstractItemModel::modelReset, this, &FacetCounts::refresh);
        connect(model, &QAbstractItemModel::rowsInserted, this, &FacetCounts::refresh);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &FacetCounts::refresh);
        connect(model, &QAbstractItemModel::dataChanged, this, &FacetCounts::refresh);
    }
    refresh();
}

QList<FacetCounts::Facet> FacetCounts::facetsOf(const QList<QPair<QString, int>> &counts)
{
    // Null and empty are one value: "no type" / "no tool".
    QHash<QString, int> merged;
    bool anyNone = false;
    int none = 0;
    for (const auto &[value, count] : counts) {
        if (value.isEmpty()) {
            anyNone = true;
            none += count;
        } else {
            merged[value] += count;
        }
    }
    QList<Facet> out;
    out.reserve(merged.size() + 1);
    for (auto it = merged.cbegin(); it != merged.cend(); ++it)
        out.append({it.key(), it.value()});
    if (anyNone && none > 0)
        out.append({QString(), none});
    std::sort(out.begin(), out.end(), [](const Facet &a, const Facet &b) {
        if (a.count != b.count)
            return a.count > b.count;
        return a.value < b.value;
    });
    return out;
}

int FacetCounts::countIn(const QList<Facet> &facets, const QString &value)
{
    const QString key = value.isEmpty() ? QString() : value;
    for (const Facet &facet : facets) {
        if (facet.value == key && facet.value.isNull() == key.isNull())
            return facet.count;
    }
    return 0;
}

void FacetCounts::refresh()
{
    const LogStore *store = m_model ? &m_model->store() : nullptr;
    QList<Facet> types = store ? facetsOf(store->messageTypeCounts()) : QList<Facet>();
    QList<Facet> tools = store ? facetsOf(store->toolNameCounts()) : QList<Facet>();
    const int counted = store ? store->loadedCount() : 0;
    if (types == m_types && tools == m_tools && counted == m_countedRows)
        return;
    m_types = std::move(types);
    m_tools = std::move(tools);
    m_countedRows = counted;
    emit changed();
}

QList<FacetCounts::Facet> FacetCounts::messageTypes() const
{
    return m_types;
}

QList<FacetCounts::Facet> FacetCounts::toolNames() const
{
    return m_tools;
}

int FacetCounts::messageTypeCount(const QString &type) const
{
    return countIn(m_types, type);
}

int FacetCounts::toolNameCount(const QString &tool) const
{
    return countIn(m_tools, tool);
}
