// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include "rows/logtablemodel.h"

#include <QPointer>
#include <QString>



// How many loaded entries there are of each message type and of each tool name, kept up to date
// as pages arrive: the choices of the filter, with their counts. Lives on the UI thread; the
// store keeps the counts (nothing per row here), the work per page is proportional to the
// number of distinct values.
//
// An entry without a type or without a tool (null in the JSON) counts under a null QString: the
// UI names it ("no tool"), and LogFilterProxyModel takes a null QString in its allowed sets to
// mean exactly those entries.
class FacetCounts : public QObject
{
    Q_OBJECT
public:
    struct Facet
    {
        QString value;
        int count = 0;
        friend bool operator==(const Facet &a, const Facet &b)
        {
            return a.count == b.count && a.value == b.value && a.value.isNull() == b.value.isNull();
        }
    };

    explicit FacetCounts(QObject *parent = nullptr);

    void setModel(LogTableModel *model);

    // Most frequent first, then by name; values with a count of 0 are left out.
    QList<Facet> messageTypes() const;
    QList<Facet> toolNames() const;
    int messageTypeCount(const QString &type) const;
    int toolNameCount(const QString &tool) const;
    // Loaded entries counted.
    int countedRows() const { return m_countedRows; }

signals:
    void changed();

private:
    // The store counts rows by value as they are set and dropped; this merges null and "" and
    // sorts, and says changed() only when a count did change.
    void refresh();
    static QList<Facet> facetsOf(const QList<QPair<QString, int>> &counts);
    static int countIn(const QList<Facet> &facets, const QString &value);

    QPointer<LogTableModel> m_model;
    QList<Facet> m_types;
    QList<Facet> m_tools;
    int m_countedRows = 0;
};
