// SPDX-License-Identifier: MIT
#include "ui/table/markedscrollbar.h"

#include "ui/common/palette.h"

#include <QPainter>
#include <QStyleOptionSlider>

#include <algorithm>

namespace {
// The lane beside the bar where the ticks go: never under the thumb, so many matches cannot
// hide it. Search matches take its left part, the user's marks its right part.
constexpr int kLaneWidth = 7;
constexpr int kMatchTickWidth = 4;
}

MarkedScrollBar::MarkedScrollBar(QWidget *parent)
    : QScrollBar(Qt::Vertical, parent)
{
}

void MarkedScrollBar::setMarks(const QVector<int> &rows, int rowCount)
{
    m_rows = rows;
    m_rowCount = rowCount;
    update();
}

void MarkedScrollBar::clearMarks()
{
    m_rows.clear();
    m_rowCount = 0;
    update();
}

void MarkedScrollBar::setUserMarks(const QVector<int> &rows, int rowCount)
{
    m_userRows = rows;
    m_userRowCount = rowCount;
    update();
}

QSize MarkedScrollBar::sizeHint() const
{
    QSize size = QScrollBar::sizeHint();
    size.setWidth(size.width() + kLaneWidth);
    return size;
}

void MarkedScrollBar::paintEvent(QPaintEvent *)
{
    // The bar as the style draws it, narrower by the lane; its parts keep their heights, so
    // clicks and drags land where they look.
    QStyleOptionSlider option;
    initStyleOption(&option);
    option.rect.setWidth(std::max(1, option.rect.width() - kLaneWidth));
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    style()->drawComplexControl(QStyle::CC_ScrollBar, &option, &painter, this);
    const QRect groove = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, this);
    if (groove.height() <= 0)
        return;
    const int laneLeft = option.rect.right() + 1;
    painter.setPen(Qt::NoPen);
    if (!m_rows.isEmpty() && m_rowCount > 0) {
        painter.setBrush(RunlogPalette::matchMark());
        paintTicks(painter, groove, m_rows, m_rowCount, laneLeft + 1, kMatchTickWidth - 1);
    }
    if (!m_userRows.isEmpty() && m_userRowCount > 0) {
        painter.setBrush(RunlogPalette::mark());
        paintTicks(painter, groove, m_userRows, m_userRowCount, laneLeft + kMatchTickWidth, kLaneWidth - kMatchTickWidth);
    }
}

void MarkedScrollBar::paintTicks(QPainter &painter, const QRect &groove, const QVector<int> &rows, int rowCount,
                                 int left, int width) const
{
    // Many rows land on the same pixel row: draw each pixel row once.
    int lastY = -1;
    for (int row : rows) {
        const int y = groove.top() + int(qint64(row) * groove.height() / rowCount);
        if (y == lastY)
            continue;
        lastY = y;
        painter.drawRect(left, y, width, 2);
    }
}
