// SPDX-License-Identifier: MIT
#include "ui/library/markdownsummarydelegate.h"

#include "run/markdowntext.h"
#include "ui/common/plaintext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

QString MarkdownSummaryDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    if (value.userType() != QMetaType::QString)
        return PlainToolTipDelegate::displayText(value, locale);
    return MarkdownText::oneLine(value.toString());
}

bool MarkdownSummaryDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                        const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip)
        return PlainToolTipDelegate::helpEvent(event, view, option, index);
    const QString text = index.isValid() ? MarkdownText::plain(index.data(Qt::ToolTipRole).toString()) : QString();
    QToolTip::showText(event->globalPos(), PlainText::toolTip(text), view->viewport(), view->visualRect(index));
    event->setAccepted(!text.isEmpty());
    return event->isAccepted();
}
