#include "markedscrollbar.h"

#include "palette.h"

#include <QPainter>
#include <QStyleOptionSlider>

#include <algorithm>

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

void MarkedScrollBar::paintEvent(QPaintEvent *event)
{
    QScrollBar::paintEvent(event);
    const bool matches = !m_rows.isEmpty() && m_rowCount > 0;
    const bool userMarks = !m_userRows.isEmpty() && m_userRowCount > 0;
    if (!matches && !userMarks)
        return;
    QStyleOptionSlider option;
    initStyleOption(&option);
    const QRect groove = style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarGroove, this);
    if (groove.height() <= 0)
        return;
    QPainter painter(this);
    painter.setPen(Qt::NoPen);
    if (matches) {
        painter.setBrush(QColor(0xe6, 0x9a, 0x1e));
        paintTicks(painter, groove, m_rows, m_rowCount, groove.left() + 2, groove.width() - 4);
    }
    if (userMarks) {
        painter.setBrush(RunlogPalette::mark());
        const int width = std::max(3, groove.width() / 2 - 1);
        paintTicks(painter, groove, m_userRows, m_userRowCount, groove.right() - width, width);
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
