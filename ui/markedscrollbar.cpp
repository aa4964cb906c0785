#include "markedscrollbar.h"

#include "palette.h"

#include <QPainter>
#include <QStyleOptionSlider>

namespace {
// The lane beside the bar where the marks go: never under the thumb, so many matches cannot
// hide it.
constexpr int kLaneWidth = 5;
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
    if (m_rows.isEmpty() || m_rowCount <= 0)
        return;
    const QRect groove = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, this);
    if (groove.height() <= 0)
        return;
    const int laneLeft = option.rect.right() + 1;
    painter.setPen(Qt::NoPen);
    painter.setBrush(RunlogPalette::matchMark());
    // Many matches land on the same pixel row: draw each pixel row once.
    int lastY = -1;
    for (int row : std::as_const(m_rows)) {
        const int y = groove.top() + int(qint64(row) * groove.height() / m_rowCount);
        if (y == lastY)
            continue;
        lastY = y;
        painter.drawRect(laneLeft + 1, y, kLaneWidth - 1, 2);
    }
}
