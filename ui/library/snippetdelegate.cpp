// SPDX-License-Identifier: MIT
#include "ui/library/snippetdelegate.h"

#include <QApplication>
#include <QPainter>
#include <QTextLayout>

SnippetDelegate::SnippetDelegate(int matchStartRole, int matchLengthRole, QObject *parent)
    : PlainToolTipDelegate(parent)
    , m_matchStartRole(matchStartRole)
    , m_matchLengthRole(matchLengthRole)
{
}

void SnippetDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -2, 0);
    const QString badge = m_badgeRole >= 0 ? index.data(m_badgeRole).toString() : QString();
    if (!badge.isEmpty()) {
        // Plain text drawn as such (never markup), in a frame of its own.
        QFont italic = opt.font;
        italic.setItalic(true);
        const QFontMetrics badgeMetrics(italic);
        const QRect badgeRect(textRect.left(), textRect.top() + (textRect.height() - badgeMetrics.height()) / 2 - 1,
                              badgeMetrics.horizontalAdvance(badge) + 8, badgeMetrics.height() + 2);
        painter->save();
        const QColor ink = opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
        painter->setPen(ink);
        painter->setFont(italic);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->drawRoundedRect(QRectF(badgeRect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->drawText(badgeRect, Qt::AlignCenter | Qt::TextSingleLine, badge);
        painter->restore();
        textRect.setLeft(badgeRect.right() + 6);
    }
    const int start = index.data(m_matchStartRole).toInt();
    const int length = index.data(m_matchLengthRole).toInt();
    const QFontMetrics metrics(opt.font);
    // Keep the match in view when the text is wider than the column: drop text before it.
    QString shown = text;
    int shift = 0;
    if (metrics.horizontalAdvance(text.left(start + length)) > textRect.width() && start > 8) {
        shift = start - 8;
        shown = QString(QChar(0x2026)) + text.mid(shift);
        shift -= 1;
    }
    shown = metrics.elidedText(shown, Qt::ElideRight, textRect.width());

    QTextLayout layout(shown, opt.font);
    QList<QTextLayout::FormatRange> formats;
    if (length > 0 && start - shift >= 0 && start - shift < shown.size()) {
        QTextLayout::FormatRange match;
        match.start = start - shift;
        match.length = std::min<int>(length, int(shown.size()) - match.start);
        match.format.setFontWeight(QFont::Bold);
        match.format.setBackground(QColor(0xff, 0xe0, 0x82));
        match.format.setForeground(QColor(0x20, 0x20, 0x20));
        formats.append(match);
    }
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(textRect.width());
    layout.endLayout();
    painter->save();
    painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    const int y = textRect.top() + (textRect.height() - metrics.height()) / 2;
    layout.draw(painter, QPointF(textRect.left(), y));
    painter->restore();
}
