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

    // A role whose text (a short word such as "Note") is drawn as a badge before the snippet, in
    // italics, and never scrolled away with the text: where the match was found.
    void setBadgeRole(int role) { m_badgeRole = role; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_matchStartRole;
    int m_matchLengthRole;
    int m_badgeRole = -1;
};
