// SPDX-License-Identifier: MIT
#include "ui/overview/barchart.h"

#include "ui/common/accessiblechart.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

BarChart::BarChart(QWidget *parent)
    : QWidget(parent)
{
    AccessibleChart::declare(this);
    // Tab reaches it; a click does not take the focus from the table, where the arrows keep
    // moving between entries after the click went somewhere.
    setFocusPolicy(Qt::TabFocus);
    setMouseTracking(true);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void BarChart::setBars(const QList<Bar> &bars)
{
    m_bars = bars;
    m_hovered = -1;
    if (m_current >= m_bars.size())
        m_current = int(m_bars.size()) - 1;
    if (hasFocus())
        setCurrent(m_current < 0 && !m_bars.isEmpty() ? 0 : m_current);
    updateGeometry();
    update();
}

int BarChart::rowHeight() const
{
    return fontMetrics().height() + 6;
}

QSize BarChart::sizeHint() const
{
    return {320, heightForWidth(320)};
}

QSize BarChart::minimumSizeHint() const
{
    // Narrow docks: the labels give way (elided, whole in the tooltip), never the values.
    return {110, heightForWidth(110)};
}

int BarChart::heightForWidth(int) const
{
    return std::max(1, int(m_bars.size())) * rowHeight();
}

int BarChart::barAt(const QPoint &point) const
{
    const int index = point.y() / rowHeight();
    return index >= 0 && index < m_bars.size() ? index : -1;
}

void BarChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    const int row = rowHeight();
    int longestLabel = 0;
    for (const Bar &bar : m_bars)
        longestLabel = std::max(longestLabel, metrics.horizontalAdvance(bar.label));
    int valueWidth = 0;
    double largest = 0;
    for (const Bar &bar : m_bars) {
        valueWidth = std::max(valueWidth, metrics.horizontalAdvance(bar.valueText));
        largest = std::max(largest, bar.value);
    }
    // The value is never cut ("8 min 01 s" in a narrow dock): the label gives way to it and to
    // a short bar.
    const int labelWidth = std::max(24, std::min({longestLabel + 10, width() * 11 / 20, width() - valueWidth - 40}));
    const int barLeft = labelWidth + 8;
    const int barSpace = std::max(10, width() - barLeft - valueWidth - 12);
    const QColor text = palette().color(QPalette::Text);
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars[i];
        const QRect rowRect(0, i * row, width(), row);
        if (i == m_hovered || bar.selected) {
            QColor shade = palette().color(QPalette::Highlight);
            shade.setAlpha(bar.selected ? 60 : 30);
            painter.fillRect(rowRect, shade);
        }
        if (i == m_current && hasFocus()) {
            // Focus visible: the keyboard's bar framed in the highlight.
            QPen focus(palette().color(QPalette::Highlight));
            focus.setWidth(2);
            painter.setPen(focus);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(rowRect.adjusted(1, 1, -1, -1));
        }
        painter.setPen(text);
        QFont font = this->font();
        font.setBold(bar.selected);
        painter.setFont(font);
        painter.drawText(QRect(4, rowRect.top(), labelWidth - 4, row), Qt::AlignVCenter | Qt::AlignLeft,
                         metrics.elidedText(bar.label, Qt::ElideRight, labelWidth - 4));
        const int length = largest > 0 ? std::max(2, int(bar.value / largest * barSpace)) : 0;
        const QColor colour = bar.colour.isValid() ? bar.colour : palette().color(QPalette::Highlight);
        painter.fillRect(QRect(barLeft, rowRect.top() + 3, length, row - 6), colour);
        painter.drawText(QRect(barLeft + length + 6, rowRect.top(), valueWidth + 6, row), Qt::AlignVCenter | Qt::AlignLeft,
                         bar.valueText);
    }
}

void BarChart::mouseMoveEvent(QMouseEvent *event)
{
    const int hovered = barAt(event->position().toPoint());
    if (hovered != m_hovered) {
        m_hovered = hovered;
        setCursor(hovered >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        // The full label, when elided; a tooltip is rich text if it looks like it: escape.
        setToolTip(hovered >= 0 ? QStringLiteral("<p>%1</p>").arg(m_bars[hovered].label.toHtmlEscaped()) : QString());
        update();
    }
}

void BarChart::mousePressEvent(QMouseEvent *event)
{
    const int index = barAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index >= 0)
        emit barClicked(index);
}

void BarChart::leaveEvent(QEvent *)
{
    m_hovered = -1;
    update();
}

void BarChart::setCurrent(int index)
{
    m_current = index;
    if (index >= 0 && index < m_bars.size())
        setAccessibleDescription(tr("%1: %2").arg(m_bars[index].label, m_bars[index].valueText));
    else
        setAccessibleDescription(QString());
    update();
}

void BarChart::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    setCurrent(m_current < 0 && !m_bars.isEmpty() ? 0 : m_current);
}

void BarChart::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

void BarChart::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_bars.size());
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Left:
        if (m_current > 0)
            setCurrent(m_current - 1);
        return;
    case Qt::Key_Down:
    case Qt::Key_Right:
        if (m_current + 1 < count)
            setCurrent(m_current + 1);
        return;
    case Qt::Key_Home:
        if (count > 0)
            setCurrent(0);
        return;
    case Qt::Key_End:
        if (count > 0)
            setCurrent(count - 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0 && m_current < count)
            emit barClicked(m_current);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}
