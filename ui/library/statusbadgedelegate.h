// SPDX-License-Identifier: MIT
#pragma once

#include "ui/common/plaintooltipdelegate.h"

// A run's status as a small coloured badge (blue going, green finished well, red finished badly,
// grey unknown), the words inside as plain text.
class StatusBadgeDelegate : public PlainToolTipDelegate
{
    Q_OBJECT
public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
