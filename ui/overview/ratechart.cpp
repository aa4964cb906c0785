// SPDX-License-Identifier: MIT
#include "ui/overview/ratechart.h"

#include "ui/common/accessiblechart.h"

#include "run/timestamps.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

RateChart::RateChart(QWidget *parent)
    : QWidget(parent)
{
    AccessibleChart::declare(this);
    // Tab reaches it; a click does not take the focus from the table, where the arrows keep
    // moving between entries after the click went somewhere.
    setFocusPolicy(Qt::TabFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setMinimumHeight(90);
}

QSize RateChart::sizeHint() const
{
    return {320, 110};
}

void RateChart::setBuckets(const QVector<int> &counts, qint64 startMsecs, qint64 bucketMsecs)
{
    m_counts = counts;
    m_startMsecs = startMsecs;
    m_bucketMsecs = std::max<qint64>(1, bucketMsecs);
    m_largest = counts.isEmpty() ? 0 : *std::max_element(counts.begin(), counts.end());
    if (m_current >= m_counts.size())
        m_current = -1;
    if (hasFocus())
        setCurrent(m_current >= 0 ? m_current : bucketWithEntries(-1, 1));
    update();
}

QRect RateChart::plotRect() const
{
    const int label = fontMetrics().height() + 2;
    return rect().adjusted(4, label, -4, -label);
}

int RateChart::bucketAt(int x) const
{
    const QRect plot = plotRect();
    if (m_counts.isEmpty() || x < plot.left() || x > plot.right())
        return -1;
    return std::clamp(int(qint64(x - plot.left()) * m_counts.size() / std::max(1, plot.width())), 0,
                      int(m_counts.size()) - 1);
}

void RateChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect plot = plotRect();
    painter.fillRect(plot, palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(plot.adjusted(0, 0, -1, -1));
    if (m_counts.isEmpty() || m_largest == 0)
        return;
    const QColor bar = palette().color(QPalette::Highlight);
    const int n = int(m_counts.size());
    // One pass per pixel column: the tallest bucket in it, so a spike never falls between pixels.
    for (int x = 0; x < plot.width(); ++x) {
        const int from = int(qint64(x) * n / plot.width());
        const int to = std::max(from + 1, int(qint64(x + 1) * n / plot.width()));
        int top = 0;
        for (int b = from; b < to && b < n; ++b)
            top = std::max(top, m_counts[b]);
        const int h = int(qint64(top) * (plot.height() - 2) / m_largest);
        if (h > 0)
            painter.fillRect(plot.left() + x, plot.bottom() - h, 1, h, bar);
    }
    if (hasFocus()) {
        // Focus visible: the plot framed in the highlight, the keyboard's bucket marked under it.
        QPen focus(bar);
        focus.setWidth(2);
        painter.setPen(focus);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(plot.adjusted(1, 1, -1, -1));
        if (m_current >= 0) {
            const int x = plot.left() + int(qint64(m_current) * plot.width() / n);
            const int w = std::max(3, int(qint64(m_current + 1) * plot.width() / n) - (x - plot.left()));
            painter.fillRect(QRect(x - 1, plot.top(), w + 2, plot.height()), QColor(bar.red(), bar.green(), bar.blue(), 60));
        }
    }
    painter.setPen(palette().color(QPalette::Text));
    const int line = fontMetrics().height();
    const QString perBucket = m_bucketMsecs == 60'000 ? tr("%1 per minute at most").arg(m_largest)
                                                      : tr("%1 per %2 minutes at most").arg(m_largest).arg(m_bucketMsecs / 60'000);
    painter.drawText(QRect(plot.left(), 0, plot.width(), line), Qt::AlignLeft | Qt::AlignVCenter, perBucket);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect bottom(plot.left(), plot.bottom() + 2, plot.width(), line);
    // Minutes: the milliseconds of a bucket boundary say nothing.
    painter.drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter, Timestamps::formatLocal(m_startMsecs).left(8));
    painter.drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, Timestamps::formatLocal(m_startMsecs + n * m_bucketMsecs).left(8));
}

void RateChart::mousePressEvent(QMouseEvent *event)
{
    const int bucket = bucketAt(event->position().toPoint().x());
    if (event->button() == Qt::LeftButton && bucket >= 0)
        emit bucketClicked(bucket);
}

void RateChart::mouseMoveEvent(QMouseEvent *event)
{
    const int bucket = bucketAt(event->position().toPoint().x());
    if (bucket < 0) {
        setToolTip(QString());
        return;
    }
    setToolTip(tr("%1: %Ln entries", nullptr, m_counts[bucket])
                   .arg(Timestamps::formatLocal(m_startMsecs + bucket * m_bucketMsecs)));
}

int RateChart::bucketWithEntries(int from, int step) const
{
    for (int bucket = from + step; bucket >= 0 && bucket < m_counts.size(); bucket += step) {
        if (m_counts[bucket] > 0)
            return bucket;
    }
    return -1;
}

void RateChart::setCurrent(int bucket)
{
    m_current = bucket;
    setAccessibleDescription(bucket >= 0 ? tr("%1: %n entries", nullptr, m_counts[bucket])
                                               .arg(Timestamps::formatLocal(m_startMsecs + bucket * m_bucketMsecs))
                                         : QString());
    update();
}

void RateChart::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    setCurrent(m_current >= 0 ? m_current : bucketWithEntries(-1, 1));
}

void RateChart::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

void RateChart::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_counts.size());
    int target = -1;
    switch (event->key()) {
    case Qt::Key_Left: target = bucketWithEntries(m_current < 0 ? count : m_current, -1); break;
    case Qt::Key_Right: target = bucketWithEntries(m_current, 1); break;
    case Qt::Key_Home: target = bucketWithEntries(-1, 1); break;
    case Qt::Key_End: target = bucketWithEntries(count, -1); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current >= 0)
            emit bucketClicked(m_current);
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    if (target >= 0)
        setCurrent(target);
}
