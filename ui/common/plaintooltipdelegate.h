// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

// A table cell's tooltip shown as the characters it is: QToolTip renders anything that looks like
// HTML, and the library's and the run list's cells hold a server's text (summaries, results,
// statuses). The default delegate of those tables, and the base of their special ones.
class PlainToolTipDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};
