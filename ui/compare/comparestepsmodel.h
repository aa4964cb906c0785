// SPDX-License-Identifier: MIT
#pragma once

#include "compare/compareentry.h"
#include "compare/comparesearch.h"
#include "compare/runcomparison.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QCache>
#include <QList>
#include <QVector>

// The aligned steps of a comparison, row against row: the left run's columns, a gutter telling
// the step's kind by a glyph (= ≠ − +, not by colour only), the right run's columns; cells of a
// side that has no entry in the step are empty. A stretch of at least foldAtLeast `same` steps
// is one row ("… 120 identical entries …") until it is opened. Entries' columns are read from
// their raw JSON when shown and kept for the rows shown lately, so a comparison of 100,000
// steps holds no text of its own. A filter (setVisibleSteps) shows only some steps, one row each;
// search hits (setSearchHits) are marked in the matching side's columns.
class CompareStepsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LeftNumber, LeftType, LeftTool, LeftSummary, Gutter, RightNumber, RightType, RightTool, RightSummary, ColumnCount };
    enum Role {
        StepKindRole = Qt::UserRole + 1, // int(CompareStep::Op); for a fold, Same
        FoldedCountRole,                 // a fold's number of steps; 0 for a step's row
        SearchHitRole,                   // true in the columns of a side whose entry matches the search
    };
    static constexpr int foldAtLeast = 4;

    explicit CompareStepsModel(QObject *parent = nullptr);

    // The entries are the ones compared, oldest first, as the steps number them from 1.
    void setComparison(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right);
    void setDark(bool dark);
    // Only these steps (indexes into the comparison's steps, in order), one row each, no folds;
    // clearVisibleSteps shows every step again, stretches of `same` folded.
    void setVisibleSteps(const QVector<int> &steps);
    void clearVisibleSteps();
    bool isFiltered() const { return m_filtered; }
    void setSearchHits(const QVector<CompareSearch::Hit> &hits);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    bool isFold(int row) const;
    // Replaces a fold's row with one row per step; false when `row` is no fold.
    bool openFold(int row);
    // The step a row shows; nothing for a fold.
    std::optional<CompareStep> stepAt(int row) const;
    // The next (or previous) row after (before) `row` whose step is not `same`; -1 when none.
    int nextDifference(int row) const;
    int previousDifference(int row) const;
    // The row of the first step that is not `same`; -1 when every step is.
    int firstDifferenceRow() const { return nextDifference(-1); }

    // The step (index into the comparison's steps) a row shows, or a fold's first; -1 for no row.
    int stepIndexAt(int row) const;
    // The row showing step `step` (its fold's row when folded); -1 when no row shows it (filtered out).
    int rowOfStep(int step) const;
    // The row of step `step`, its fold opened first when it is in one; -1 when filtered out.
    int revealStep(int step);

    static QString glyphFor(CompareStep::Op op);

private:
    struct Row
    {
        int step = 0;      // the step shown, or a fold's first
        int folded = 0;    // a fold's number of steps; 0 for a step
    };
    void foldAll();
    const CompareEntry::Line &lineOf(int side, int entry) const;
    QVariant entryCell(int side, int entry, int column) const;

    QVector<CompareStep> m_steps;
    QVector<Row> m_rows;
    QList<QByteArray> m_entries[2];
    mutable QCache<int, CompareEntry::Line> m_lines[2];
    QVector<CompareSearch::Hit> m_hits; // in step order
    bool m_filtered = false;
    bool m_dark = false;
};
