// SPDX-License-Identifier: MIT
#pragma once

#include "search/entryfolds.h"

#include <QPair>
#include <QPointer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QString>
#include <QVector>

#include <vector>

class LogTableModel;

// The log as filtered: by message type, by tool name, and to the entries matching the search.
// The table, the detail pane and "export what is shown" all work through it; rows keep the
// source order (no sorting). "Showing 120 of 4,210" is rowCount() of sourceRowCount().
//
// An empty allowed set means "all". A null QString in a set stands for entries without a type /
// without a tool. A row not loaded yet has neither a type nor text, so it is hidden while any
// filter is on and shown when none is (then the view scrolls over placeholders as always).
// Rows filled in later are filtered as they arrive (dynamic filtering on dataChanged).
//
// FOLDS (View > Fold Repeats, issue 23). A closed fold shows one row, its head (its first row in
// view order: the oldest entry, or the newest when the model is newest first); its other rows are
// hidden. Folding applies only while no filter narrows the table (types, tools, matching only,
// marked only, only these entries): with a filter on, every row the filter accepts shows, as if
// every fold were open, because the filter already chose what to see; the fold roles then say
// "none". Navigation reaches a folded row through revealSourceRow(), which opens its fold.
// Folds and "only these entries" name entries of one run: a source reset forgets them.
class LogFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum Role {
        FoldStateRole = Qt::UserRole + 20, // past LogTableModel's roles; int: FoldState, on every column
        FoldLabelRole,                                   // QString: the fold's label, on its head row
    };
    enum class FoldState { None, ClosedHead, OpenHead, InsideOpenFold };

    explicit LogFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    void setAllowedMessageTypes(const QSet<QString> &types);
    QSet<QString> allowedMessageTypes() const { return m_types; }
    void setAllowedToolNames(const QSet<QString> &tools);
    QSet<QString> allowedToolNames() const { return m_tools; }

    // Only entries matching the search. The rows come from SearchResult::matchingRows.
    void setMatchingOnly(bool on);
    bool isMatchingOnly() const { return m_matchingOnly; }
    void setMatchingRows(const QVector<int> &sourceRows);
    bool isMatchingRow(int sourceRow) const;

    // Only the entries the user marked (LogTableModel::MarkedRole).
    void setMarkedOnly(bool on);
    // Only the entries with a note of the user's (LogTableModel::hasNote()).
    void setNotedOnly(bool on);
    bool isNotedOnly() const { return m_notedOnly; }

    // "Show only these entries" (1-based entry numbers; empty: off), with the words that name
    // them for the user ("loop at #40–62"). A filter like the others: clearFilters() ends it.
    void setOnlyEntries(const QVector<int> &entries, const QString &description);
    bool isOnlyEntries() const { return !m_onlyEntries.empty(); }
    QString onlyEntriesDescription() const { return m_onlyDescription; }

    void setFolds(const QList<EntryFold> &folds);
    void setFoldingEnabled(bool on);
    bool isFoldingEnabled() const { return m_foldingEnabled; }
    // Enabled, some fold known and no filter on: closed folds hide rows.
    bool isFoldingApplied() const;
    // Any row of a fold opens, closes or toggles it.
    void openFold(int sourceRow);
    void closeFold(int sourceRow);
    void toggleFold(int sourceRow);
    // The source row of the head of the fold holding the row, or -1 (also while folding is not
    // applied).
    int foldHeadSourceRow(int sourceRow) const;
    bool isHiddenByClosedFold(int sourceRow) const;

    // Where every navigation goes through: opens the closed fold hiding the row, if any, and
    // returns the row's index here; invalid when a filter (not a fold) hides it.
    QModelIndex revealSourceRow(int sourceRow);
    // Shown, or hidden only by a closed fold.
    bool isReachable(int sourceRow) const;
    // The row's index here, or its closed fold's head's: where a tick for the row belongs.
    QModelIndex shownIndexFor(int sourceRow) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void clearFilters();
    bool isFiltering() const;
    int sourceRowCount() const;
    // The run rows the filter shows, oldest first whatever the view's order (as exports write).
    QVector<int> shownSourceRowsOldestFirst() const;

signals:
    // The filter settings are about to change: what is selected and where it is on screen can be
    // noted, to be restored after filterChanged.
    void filterAboutToChange();
    // The filter settings changed (not emitted for rows arriving): refresh "showing N of M".
    void filterChanged();
    // A fold opened or closed, or the folds changed: rows appeared or vanished, not by a filter.
    void foldsAboutToChange();
    void foldsChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();
    // Rows of these entry ranges (first, last) may show or hide now.
    void refold(const QList<QPair<int, int>> &entryRanges);
    QList<QPair<int, int>> foldRanges() const;
    void announceFoldRoles();
    void setFoldOpen(int sourceRow, bool open);
    int entryOfRow(int sourceRow) const;
    int rowOfEntry(int entry) const;
    int headEntry(int fold) const;
    bool isOnlyEntry(int sourceRow) const;

    QPointer<LogTableModel> m_logModel; // fast path: read the store, not QVariants
    QSet<QString> m_types;
    QSet<QString> m_tools;
    bool m_matchingOnly = false;
    bool m_markedOnly = false;
    bool m_notedOnly = false;
    std::vector<bool> m_matching;
    std::vector<int> m_onlyEntries; // sorted
    QString m_onlyDescription;
    EntryFolds m_folds;
    bool m_foldingEnabled = true;
    QMetaObject::Connection m_resetConnection;
};
