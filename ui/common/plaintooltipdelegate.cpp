// SPDX-License-Identifier: MIT
#include "ui/common/plaintooltipdelegate.h"

#include "ui/common/plaintext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

bool PlainToolTipDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.isValid() ? index.data(Qt::ToolTipRole).toString() : QString();
    // An empty text hides the tooltip of the cell hovered before.
    QToolTip::showText(event->globalPos(), PlainText::toolTip(text), view->viewport(), view->visualRect(index));
    event->setAccepted(!text.isEmpty());
    return event->isAccepted();
}
