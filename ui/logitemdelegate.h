#pragma once

#include <QStyledItemDelegate>

// Paints the log table's cells: message types as coloured pills, placeholders of rows not loaded
// yet in a quiet colour, and long gaps in bold so the slow step stands out.
class LogItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr qint64 kLongGapMs = 30'000;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintTypePill(QPainter *painter, const QStyleOptionViewItem &option,
                       const QModelIndex &index) const;
};
