#include "logitemdelegate.h"

#include "model/logstore.h"
#include "model/logtablemodel.h"
#include "palette.h"
#include "plaintext.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

void LogItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(LogTableModel::MarkedRole).toBool())
        option->backgroundBrush = RunlogPalette::markTint();
    const auto state = LogStore::RowState(index.data(LogTableModel::RowStateRole).toInt());
    if (state != LogStore::RowState::Loaded) {
        const QColor quiet = option->palette.color(QPalette::Disabled, QPalette::Text);
        option->palette.setColor(QPalette::Text, state == LogStore::RowState::Failed
                                                     ? RunlogPalette::forCategory(MessageCategory::Error)
                                                     : quiet);
        option->font.setItalic(true);
        return;
    }
    if (index.column() == LogTableModel::SummaryColumn && index.data(LogTableModel::OtherRunRole).toBool())
        option->palette.setColor(QPalette::Text, RunlogPalette::forCategory(MessageCategory::Error));
    if (index.column() == LogTableModel::GapColumn) {
        const QVariant gap = index.data(LogTableModel::GapMsecsRole);
        if (gap.isValid() && gap.toLongLong() >= kLongGapMs) {
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text, RunlogPalette::forCategory(MessageCategory::PullRequest));
        }
    }
    if (index.column() == LogTableModel::IndexColumn || index.column() == LogTableModel::TimeColumn)
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Disabled, QPalette::Text).darker(130));
}

void LogItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const bool loaded = index.data(LogTableModel::RowStateRole).toInt() == int(LogStore::RowState::Loaded);
    if (loaded && index.column() == LogTableModel::TypeColumn)
        paintTypePill(painter, option, index);
    else
        QStyledItemDelegate::paint(painter, option, index);
    if (index.column() == 0 && m_isMatch && m_isMatch(index)) {
        painter->save();
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), 4, option.rect.height()), QColor(0xe6, 0x9a, 0x1e));
        painter->restore();
    }
    if (index.column() == 0 && index.data(LogTableModel::MarkedRole).toBool()) {
        // The user's mark, in the margin beside a match's: a bookmark's notch.
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(RunlogPalette::mark());
        const QRect r(option.rect.left() + 6, option.rect.top() + 3, 7, option.rect.height() - 6);
        painter->drawPolygon(QPolygon({r.topLeft(), r.topRight(), r.bottomRight(), QPoint(r.center().x(), r.bottom() - 3), r.bottomLeft()}));
        painter->restore();
    }
}

bool LogItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
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
    const QColor colour = RunlogPalette::forCategory(
        MessageCategory(index.data(LogTableModel::MessageCategoryRole).toInt()));
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QRect cell = option.rect.adjusted(4, 3, -4, -3);
    const QString text = metrics.elidedText(type, Qt::ElideRight, cell.width() - 12);
    const int width = std::min(cell.width(), metrics.horizontalAdvance(text) + 12);
    const QRect pill(cell.left(), cell.top(), width, cell.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = colour;
    fill.setAlpha(option.state & QStyle::State_Selected ? 235 : 40);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setFont(font);
    painter->setPen(option.state & QStyle::State_Selected ? QColor(Qt::white) : colour.darker(115));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}
