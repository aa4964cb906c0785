// SPDX-License-Identifier: MIT
#include "ui/overview/ratechart.h"

#include "run/timestamps.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

RateChart::RateChart(QWidget *parent)
    : QWidget(parent)
{
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
