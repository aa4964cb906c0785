// SPDX-License-Identifier: MIT
#pragma once

#include "ui/common/plaintooltipdelegate.h"

// A run's summary or result cell: its Markdown shown as text ("## Fixed the **login**" reads
// "Fixed the login"), on one line in the cell and in lines in the tooltip, both plain text
// (MarkdownText). The model keeps the summary as the server wrote it.
class MarkdownSummaryDelegate : public PlainToolTipDelegate
{
    Q_OBJECT
public:
    using PlainToolTipDelegate::PlainToolTipDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};
