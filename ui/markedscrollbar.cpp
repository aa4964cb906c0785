#include "markedscrollbar.h"

#include <QPainter>
#include <QStyleOptionSlider>

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

void MarkedScrollBar::paintEvent(QPaintEvent *event)
{
    QScrollBar::paintEvent(event);
    if (m_rows.isEmpty() || m_rowCount <= 0)
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, this);
    if (groove.height() <= 0)
        return;
    QPainter painter(this);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xe6, 0x9a, 0x1e));
    // Many matches land on the same pixel row: draw each pixel row once.
    int lastY = -1;
    for (int row : std::as_const(m_rows)) {
        const int y = groove.top() + int(qint64(row) * groove.height() / m_rowCount);
        if (y == lastY)
            continue;
        lastY = y;
        painter.drawRect(groove.left() + 2, y, groove.width() - 4, 2);
    }
}
