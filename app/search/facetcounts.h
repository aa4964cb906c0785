// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include "model/logtablemodel.h"

#include <QPointer>
#include <QString>

#include <vector>


// How many loaded entries there are of each message type and of each tool name, kept up to date
// as pages arrive: the choices of the filter, with their counts. Lives on the UI thread; the
// work per page is proportional to the page.
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
    // Values are interned: a row remembers small ids, so a replaced entry is uncounted exactly.
    struct Table
    {
        QHash<QString, int> ids;
        QList<QString> values;
        QList<int> counts;
        int intern(const QString &value);
        QList<Facet> facets() const;
        int count(const QString &value) const;
    };

    void recountAll();
    void countRows(int firstRow, int lastRow);
    void uncountRows(int firstRow, int lastRow);

    QPointer<LogTableModel> m_model;
    Table m_types;
    Table m_tools;
    std::vector<int> m_rowType; // -1: not counted
    std::vector<int> m_rowTool;
    int m_countedRows = 0;
};
