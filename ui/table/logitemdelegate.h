// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QStyledItemDelegate>

#include <functional>

// Paints the log table's cells: message types as coloured pills, placeholders of rows not loaded
// yet in a quiet colour, and long gaps in bold so the slow step stands out. A fold's head row
// (View > Fold Repeats) has a chevron at the start of its Summary, and while closed a tint and
// the fold's label in place of the summary; rows inside an open fold a guide line there.
class LogItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr qint64 kLongGapMs = 30'000;

    // Rows for which this returns true get a mark at their left edge (search matches).
    void setMatchPredicate(std::function<bool(const QModelIndex &)> isMatch) { m_isMatch = std::move(isMatch); }
    // In matching rows, what the search found is highlighted in the Summary and Tool cells.
    void setHighlight(const QRegularExpression &expression) { m_highlight = expression; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    // Tooltips are the entry's own text (its time as sent, its summary): shown as text, where
    // the default would let QToolTip render them as HTML.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    // Where a marked row's bookmark sits in its # cell.
    static QRect markIconRect(const QRect &cell);
    static constexpr int kMarkIconRoom = 12; // what the # column adds for it
    static constexpr int kNoteIconRoom = 12; // and for a note's page, after the bookmark

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    std::function<bool(const QModelIndex &)> m_isMatch;
    QRegularExpression m_highlight;
    void paintMatches(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintNoteIcon(QPainter *painter, const QStyleOptionViewItem &option) const;
    void paintFoldedSummary(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                            int foldState) const;
    static void paintMarkIcon(QPainter *painter, const QStyleOptionViewItem &option);
    void paintTypePill(QPainter *painter, const QStyleOptionViewItem &option,
                       const QModelIndex &index) const;
};
