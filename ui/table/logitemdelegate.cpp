// SPDX-License-Identifier: MIT
#include "ui/table/logitemdelegate.h"

#include "rows/logstore.h"
#include "rows/logtablemodel.h"
#include "run/timestamps.h"
#include "search/logfilterproxymodel.h"
#include "ui/common/palette.h"
#include "ui/common/plaintext.h"

#include "ui/common/elidedlabel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

void LogItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(LogTableModel::MarkedRole).toBool())
        option->backgroundBrush = RunlogPalette::markTint();
    else if (index.data(LogFilterProxyModel::FoldStateRole).toInt() == int(LogFilterProxyModel::FoldState::ClosedHead))
        option->backgroundBrush = RunlogPalette::foldTint();
    const bool dark = RunlogPalette::isDark(option->palette);
    const auto state = LogStore::RowState(index.data(LogTableModel::RowStateRole).toInt());
    if (state != LogStore::RowState::Loaded) {
        option->palette.setColor(QPalette::Text, state == LogStore::RowState::Failed
                                                     ? RunlogPalette::errorText(dark)
                                                     : RunlogPalette::quietText(option->palette));
        option->font.setItalic(true);
        return;
    }
    if (index.column() == LogTableModel::SummaryColumn && index.data(LogTableModel::OtherRunRole).toBool())
        option->palette.setColor(QPalette::Text, RunlogPalette::errorText(dark));
    if (index.column() == LogTableModel::GapColumn) {
        const QVariant gap = index.data(LogTableModel::GapMsecsRole);
        if (gap.isValid() && gap.toLongLong() >= kLongGapMs) {
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text, RunlogPalette::longGapText(dark));
        }
        // A narrow Gap column (a small window with the Statistics dock) shows "+5m 2s", not a
        // cut "+5 mi…"; the column is never narrower than that (LogTableView::fitColumns).
        const int room = option->rect.width() - 2 * (QApplication::style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
        if (gap.isValid() && option->rect.isValid() && QFontMetrics(option->font).horizontalAdvance(option->text) > room)
            option->text = Timestamps::formatGapShort(gap.toLongLong());
    }
    if (index.column() == LogTableModel::IndexColumn || index.column() == LogTableModel::TimeColumn)
        option->palette.setColor(QPalette::Text, RunlogPalette::quietText(option->palette));
}

void LogItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const bool loaded = index.data(LogTableModel::RowStateRole).toInt() == int(LogStore::RowState::Loaded);
    const int foldState = index.column() == LogTableModel::SummaryColumn
        ? index.data(LogFilterProxyModel::FoldStateRole).toInt()
        : int(LogFilterProxyModel::FoldState::None);
    if (foldState != int(LogFilterProxyModel::FoldState::None)) {
        paintFoldedSummary(painter, option, index, foldState);
    } else {
        if (loaded && index.column() == LogTableModel::TypeColumn)
            paintTypePill(painter, option, index);
        else
            QStyledItemDelegate::paint(painter, option, index);
        const bool highlightable = index.column() == LogTableModel::SummaryColumn || index.column() == LogTableModel::ToolColumn;
        if (loaded && highlightable && m_isMatch && m_highlight.isValid() && !m_highlight.pattern().isEmpty() && m_isMatch(index))
            paintMatches(painter, option, index);
    }
    if (index.column() == 0 && m_isMatch && m_isMatch(index)) {
        painter->save();
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()), RunlogPalette::matchMark());
        painter->restore();
    }
    if (index.column() == LogTableModel::IndexColumn && index.data(LogTableModel::MarkedRole).toBool())
        paintMarkIcon(painter, option);
    if (index.column() == LogTableModel::IndexColumn && !index.data(LogTableModel::NoteRole).isNull())
        paintNoteIcon(painter, option);
}

QRect LogItemDelegate::markIconRect(const QRect &cell)
{
    // In the margin beside a match's bar, left of the right-aligned number (the column has room
    // for it: LogTableView::naturalWidth).
    const int height = std::min(14, cell.height() - 6);
    return QRect(cell.left() + 6, cell.top() + (cell.height() - height) / 2, 10, height);
}

void LogItemDelegate::paintMarkIcon(QPainter *painter, const QStyleOptionViewItem &option)
{
    // A bookmark. On a selected row the selection's own colour would swallow the mark's blue, so
    // it takes the selected text's colour there, outlined in the mark's.
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QRect r = markIconRect(option.rect);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(selected ? QPen(RunlogPalette::mark(), 1) : Qt::NoPen);
    painter->setBrush(selected ? option.palette.color(QPalette::HighlightedText) : RunlogPalette::mark());
    painter->drawPolygon(QPolygon({r.topLeft(), r.topRight(), r.bottomRight(), QPoint(r.center().x(), r.bottom() - 4),
                                   r.bottomLeft()}));
    painter->restore();
}

void LogItemDelegate::paintNoteIcon(QPainter *painter, const QStyleOptionViewItem &option) const
{
    // The user's note: a small page with a folded corner and two lines, after the mark's bookmark.
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int height = std::max(8, option.rect.height() - 8);
    const int width = height * 3 / 4;
    const QRectF page(option.rect.left() + 6.5 + kMarkIconRoom, option.rect.top() + (option.rect.height() - height) / 2.0 + 0.5,
                      width, height);
    const qreal fold = width / 3.0;
    QPainterPath outline;
    outline.moveTo(page.topLeft());
    outline.lineTo(page.right() - fold, page.top());
    outline.lineTo(page.right(), page.top() + fold);
    outline.lineTo(page.bottomRight());
    outline.lineTo(page.bottomLeft());
    outline.closeSubpath();
    painter->setPen(QPen(RunlogPalette::note().darker(120), 1));
    painter->setBrush(RunlogPalette::note());
    painter->drawPath(outline);
    painter->setPen(QPen(Qt::white, 1));
    for (int line = 1; line <= 2; ++line) {
        const qreal y = page.top() + fold + line * (page.height() - fold) / 3.0;
        painter->drawLine(QPointF(page.left() + 2, y), QPointF(page.right() - 2, y));
    }
    painter->restore();
}

bool LogItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const bool closedFold = index.isValid() && index.column() == LogTableModel::SummaryColumn
        && index.data(LogFilterProxyModel::FoldStateRole).toInt() == int(LogFilterProxyModel::FoldState::ClosedHead);
    const QString text = !index.isValid() ? QString()
        : closedFold                      ? index.data(LogFilterProxyModel::FoldLabelRole).toString()
                                          : index.data(Qt::ToolTipRole).toString();
    // An empty text hides the tooltip of the cell hovered before.
    QToolTip::showText(event->globalPos(), PlainText::toolTip(text), view->viewport(), view->visualRect(index));
    event->setAccepted(!text.isEmpty());
    return event->isAccepted();
}

void LogItemDelegate::paintFoldedSummary(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                                         int foldState) const
{
    using FoldState = LogFilterProxyModel::FoldState;
    const bool closedHead = foldState == int(FoldState::ClosedHead);
    const bool head = closedHead || foldState == int(FoldState::OpenHead);
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    const bool dark = RunlogPalette::isDark(option.palette);

    // The whole cell's background (selection, tint) first; the text goes after the chevron.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const int gutter = option.rect.height();
    QStyleOptionViewItem text = option;
    initStyleOption(&text, index);
    text.rect.setLeft(option.rect.left() + gutter);
    text.backgroundBrush = Qt::NoBrush; // drawn above, once: a translucent tint twice would darken
    text.state &= ~QStyle::State_HasFocus;
    if (closedHead) {
        // The label is ours, made of the entries' text: plain, as every cell's.
        text.text = index.data(LogFilterProxyModel::FoldLabelRole).toString();
        text.font.setItalic(false);
    }
    style->drawControl(QStyle::CE_ItemViewItem, &text, painter, option.widget);
    if (!closedHead && m_isMatch && m_highlight.isValid() && !m_highlight.pattern().isEmpty() && m_isMatch(index))
        paintMatches(painter, text, index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor accent = (option.state & QStyle::State_Selected) ? option.palette.color(QPalette::HighlightedText)
                                                                   : RunlogPalette::foldAccent(dark);
    const QPointF centre(option.rect.left() + gutter / 2.0, option.rect.top() + option.rect.height() / 2.0);
    if (head) {
        // ▸ closed, ▾ open.
        const qreal size = std::max(3.0, option.rect.height() / 6.0);
        QPolygonF chevron;
        if (closedHead)
            chevron << centre + QPointF(-size * 0.6, -size) << centre + QPointF(size * 0.8, 0) << centre + QPointF(-size * 0.6, size);
        else
            chevron << centre + QPointF(-size, -size * 0.6) << centre + QPointF(size, -size * 0.6) << centre + QPointF(0, size * 0.8);
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent);
        painter->drawPolygon(chevron);
    } else {
        // Inside an open fold: a thin line down the gutter ties the rows to their head.
        painter->fillRect(QRectF(centre.x() - 1, option.rect.top(), 2, option.rect.height()), accent);
    }
    painter->restore();
}

void LogItemDelegate::paintTypePill(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    const QString type = index.data(LogTableModel::MessageTypeRole).toString();
    if (type.isEmpty())
        return;
    const RunlogPalette::Badge badge = RunlogPalette::badgeFor(
        MessageCategory(index.data(LogTableModel::MessageCategoryRole).toInt()), RunlogPalette::isDark(option.palette));
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QRect cell = option.rect.adjusted(4, 3, -4, -3);
    // In the middle: both ends of a long type tell it apart (USER_GIT…COMMENT); the tooltip has it whole.
    const QString text = metrics.elidedText(type, Qt::ElideMiddle, cell.width() - 12);
    const int width = std::min(cell.width(), metrics.horizontalAdvance(text) + 12);
    const QRect pill(cell.left(), cell.top(), width, cell.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // Opaque and the same on a selected row, so the contrast of text and pill holds everywhere.
    painter->setPen(Qt::NoPen);
    painter->setBrush(badge.background);
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setFont(font);
    painter->setPen(badge.text);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

void LogItemDelegate::paintMatches(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.text.isEmpty())
        return;
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, option.widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    const QFontMetrics metrics(opt.font);
    const QString shown = metrics.elidedText(opt.text, Qt::ElideRight, textRect.width() - 2 * margin);
    QColor fill = RunlogPalette::matchBackground(RunlogPalette::isDark(opt.palette));
    fill.setAlpha(150); // over the text: it stays readable through the highlight
    painter->save();
    painter->setClipRect(textRect);
    auto matches = m_highlight.globalMatch(shown);
    int drawn = 0;
    while (matches.hasNext() && drawn < 50) {
        const QRegularExpressionMatch match = matches.next();
        if (match.capturedLength() == 0)
            continue;
        const int left = textRect.left() + margin + metrics.horizontalAdvance(shown.left(match.capturedStart()));
        const int width = metrics.horizontalAdvance(match.captured());
        painter->fillRect(QRect(left, textRect.top() + 2, width, textRect.height() - 4), fill);
        ++drawn;
    }
    painter->restore();
}
