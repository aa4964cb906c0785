// SPDX-License-Identifier: MIT
#include "ui/library/statusbadgedelegate.h"

#include "ui/common/palette.h"
#include "run/runstatus.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent)
    : PlainToolTipDelegate(parent)
{
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    const QString status = background.text;
    background.text.clear();
    // The cell (selection, focus) without its text: the badge is the text.
    const QWidget *widget = background.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    if (status.isEmpty())
        return;
    const QColor colour = RunlogPalette::forPhase(runPhaseOf(status));
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QString shown = metrics.elidedText(status.toUpper(), Qt::ElideRight, option.rect.width() - 16);
    const int width = metrics.horizontalAdvance(shown) + 12;
    const int height = metrics.height() + 4;
    const QRect badge(option.rect.left() + 4, option.rect.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(badge, height / 2.0, height / 2.0);
    painter->fillPath(path, colour);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(badge, Qt::AlignCenter, shown);
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 24);
    return size;
}
