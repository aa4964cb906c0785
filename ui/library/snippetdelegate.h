// SPDX-License-Identifier: MIT
#pragma once

#include "ui/common/plaintooltipdelegate.h"

// A search result's snippet with its match in bold on a highlight. The snippet is plain text
// from a run (never markup): it is laid out with QTextLayout formats, never as HTML.
class SnippetDelegate : public PlainToolTipDelegate
{
    Q_OBJECT
public:
    // The model gives the match's place through these roles.
    SnippetDelegate(int matchStartRole, int matchLengthRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_matchStartRole;
    int m_matchLengthRole;
};
