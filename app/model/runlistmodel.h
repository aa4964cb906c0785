// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "rows/runlistcolumns.h"
#include "run/runlist.h"

#include <QAbstractTableModel>
#include <QSet>

class RunListLoader;

// The organization's runs as a table (the Runs view): newest first, more pages fetched as the
// view reaches the end (Qt's fetchMore pattern), a mark on the runs the library already holds.
class RunListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using Column = RunListColumns::Column;
    using Role = RunListColumns::Role;

    explicit RunListModel(RunListLoader *loader, QObject *parent = nullptr);

    // Starts over with the first page of this organization's list.
    void open(const ApiEndpoint &endpoint, const RunListQuery &filters);
    // Runs of this list the library holds (by run id).
    void setStoredRunIds(const QSet<qint64> &ids);
    const RunListItem &item(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    void onItemsAppended(int first, int count);

    RunListLoader *m_loader;
    int m_rows = 0;
    QSet<qint64> m_stored;
};
