// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QAbstractItemModel>
#include <QVector>

// The insights as a tree for the panel: a row per kind (loops, repeated failures, the first
// failure, commands, files) holding a row per finding. Built on demand from the Insights value,
// so a run with 300,000 commands costs their findings, not a widget each. Every text is the
// run's own text: plain, never markup.
class InsightsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Section { Loops, RepeatedFailures, FirstFailure, Commands, Files, SectionCount };
    enum Role {
        EntriesRole = Qt::UserRole + 1, // QVector<int>: the finding's entries (1-based), in order
        SectionRole,                    // int: Section
        FailedRole,                     // bool: a failed command, a failure
        SignatureRole,                  // QString: a failure's signature (repeated, first)
    };

    explicit InsightsModel(QObject *parent = nullptr);

    // `loopLabels`: each loop's line as the table's fold shows it (its calls with their
    // arguments), read from the entries by the window; without them, the loops' tool names.
    void setInsights(const Insights &insights, const QStringList &loopLabels = {});
    const Insights &insights() const { return m_insights; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QModelIndex sectionIndex(Section section) const { return index(int(section), 0); }
    // Every entry the row stands for: a finding's own, or for a kind, all of its findings'.
    QVector<int> entriesOf(const QModelIndex &index) const;

private:
    int findingCount(Section section) const;
    QString sectionText(Section section) const;
    QString findingText(Section section, int row) const;
    QVector<int> findingEntries(Section section, int row) const;

    Insights m_insights;
    QStringList m_loopLabels;
};
