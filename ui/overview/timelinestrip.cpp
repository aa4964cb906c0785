// SPDX-License-Identifier: MIT
#include "ui/overview/timelinestrip.h"

#include "ui/common/accessiblechart.h"
#include "ui/common/palette.h"
#include "run/messagecategory.h"
#include "run/timestamps.h"

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>

namespace {
constexpr int kMatchRow = 4;   // ticks of search matches, at the top
constexpr int kErrorRow = 6;   // errors in a lane of their own, so they never hide the marks
constexpr int kLoopRow = 5;    // the insights' loops, a lane below the errors
constexpr int kHitRow = 4;     // ticks of filter hits, at the bottom
constexpr int kCaptionHeight = 14;
constexpr int kMargin = 4;
constexpr int kButtonWidth = 56;
} // namespace

TimelineStrip::TimelineStrip(QWidget *parent)
    : QWidget(parent)
    , m_axisButton(new QToolButton(this))
{
    AccessibleChart::declare(this);
    setAccessibleName(tr("Timeline of the run"));
    // Tab reaches it; a click does not take the focus from the table, where the arrows keep
    // moving between entries after the click went somewhere.
    setFocusPolicy(Qt::TabFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_axisButton->setAutoRaise(true);
    m_axisButton->setToolTip(tr("Place entries by their time, or by their number (a run can idle for hours)"));
    m_axisButton->setAccessibleDescription(m_axisButton->toolTip());
    connect(m_axisButton, &QToolButton::clicked, this, [this] {
        setAxis(m_axis == Timeline::Axis::Time ? Timeline::Axis::Index : Timeline::Axis::Time);
    });
    setAxis(Timeline::Axis::Time);
}

QSize TimelineStrip::sizeHint() const
{
    return {600, minimumSizeHint().height()};
}

QSize TimelineStrip::minimumSizeHint() const
{
    return {200, 2 * kMargin + kMatchRow + kErrorRow + kLoopRow + 1 + 28 + kHitRow + kCaptionHeight};
}

QRect TimelineStrip::barRect() const
{
    const int left = kButtonWidth + kMargin;
    return QRect(left, kMargin, std::max(1, width() - left - kMargin), height() - 2 * kMargin - kCaptionHeight);
}

// Rows of the cached image (and of the bar, which shows it unscaled vertically).
namespace {
constexpr int kErrorTop = kMatchRow + 1;
constexpr int kLoopTop = kErrorTop + kErrorRow + 1;
constexpr int kMarkTop = kLoopTop + kLoopRow + 1;
} // namespace

QRect TimelineStrip::loopLaneRect() const
{
    const QRect bar = barRect();
    return QRect(bar.left(), bar.top() + kLoopTop, bar.width(), kLoopRow);
}

int TimelineStrip::binAt(int x) const
{
    const QRect bar = barRect();
    const int bins = int(m_timeline.bins.size());
    if (bins == 0)
        return -1;
    return std::clamp(int(qint64(x - bar.left()) * bins / bar.width()), 0, bins - 1);
}

int TimelineStrip::loopAt(const QPoint &pointer) const
{
    const int bin = binAt(pointer.x());
    if (bin < 0 || bin >= m_loopColumns.size() || !loopLaneRect().contains(pointer))
        return -1;
    return m_loopColumns[bin];
}

int TimelineStrip::binCount() const
{
    return std::max(1, int(barRect().width() * devicePixelRatioF()));
}

void TimelineStrip::setAxis(Timeline::Axis axis)
{
    const bool changed = axis != m_axis;
    m_axis = axis;
    m_axisButton->setText(axis == Timeline::Axis::Time ? tr("Time") : tr("Index"));
    m_axisButton->setAccessibleName(axis == Timeline::Axis::Time ? tr("Timeline axis: time") : tr("Timeline axis: index"));
    m_axisButton->setGeometry(kMargin, kMargin, kButtonWidth - kMargin, barRect().height());
    if (changed)
        emit layoutChanged();
}

void TimelineStrip::setTimeline(const Timeline &timeline)
{
    const int oldBins = int(m_timeline.bins.size());
    const int cursor = m_cursorBin;
    m_timeline = timeline;
    // The cursor keeps its place along the strip when the bins are computed again.
    if (cursor >= 0 && oldBins > 0)
        m_cursorBin = binWithEntries(std::min(int(qint64(cursor) * int(m_timeline.bins.size()) / oldBins),
                                              int(m_timeline.bins.size()) - 1), 0);
    if (hasFocus())
        moveCursorTo(m_cursorBin >= 0 ? m_cursorBin : binWithEntries(0, 0));
    rebuildImage();
    update();
}

void TimelineStrip::clear()
{
    setTimeline(Timeline());
    setViewport(-1, -1, 0, 0);
}

void TimelineStrip::setViewport(int firstPosition, int lastPosition, qint64 firstMsecs, qint64 lastMsecs)
{
    m_firstPosition = firstPosition;
    m_lastPosition = lastPosition;
    m_firstMsecs = firstMsecs;
    m_lastMsecs = lastMsecs;
    update();
}

void TimelineStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_axisButton->setGeometry(kMargin, kMargin, kButtonWidth - kMargin, barRect().height());
    rebuildImage(); // stretched until the new bins arrive
    emit layoutChanged();
}

void TimelineStrip::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuildImage();
}

void TimelineStrip::rebuildImage()
{
    const int bins = int(m_timeline.bins.size());
    const int h = std::max(1, barRect().height());
    if (bins == 0) {
        m_image = QImage();
        m_loopColumns.clear();
        return;
    }
    m_image = QImage(bins, h, QImage::Format_ARGB32_Premultiplied);
    const QColor base = palette().color(QPalette::Base);
    m_image.fill(base);
    const QColor unloaded = palette().color(QPalette::Mid);
    const QColor gap = QColor(0xe6, 0x9a, 0x1e, 70);
    const QColor match(0xe6, 0x9a, 0x1e);
    const QColor hit = palette().color(QPalette::Highlight);
    const QColor error = RunlogPalette::forCategory(MessageCategory::Error);
    const QColor loop = RunlogPalette::loop(RunlogPalette::isDark(palette()));
    const int errorTop = kErrorTop;
    const int markTop = kMarkTop;
    const int markBottom = h - kHitRow - 2;
    const int markHeight = std::max(1, markBottom - markTop + 1);
    int densest = 1;
    for (const TimelineBin &bin : m_timeline.bins)
        densest = std::max(densest, bin.entries);
    QPainter painter(&m_image);
    for (int x = 0; x < bins; ++x) {
        const TimelineBin &bin = m_timeline.bins[x];
        if (bin.longGap)
            painter.fillRect(x, markTop, 1, markHeight, gap);
        if (bin.unloaded) {
            // Hatched: every other pixel of the column, shifted per column.
            for (int y = markTop + (x % 4); y <= markBottom; y += 4)
                painter.fillRect(x, y, 1, 2, unloaded);
        }
        if (bin.entries > 0) {
            const QColor colour = RunlogPalette::forCategory(MessageCategory(bin.category));
            // Taller marks where entries are dense: the shape of the run shows on the index
            // axis too, and a lone entry is still visible.
            const int tall = std::max(markHeight / 3, int(qint64(markHeight) * bin.entries / densest));
            painter.fillRect(x, markBottom - tall + 1, 1, tall, colour);
        }
        if (bin.error)
            painter.fillRect(x, errorTop, 1, kErrorRow, error);
        if (bin.match)
            painter.fillRect(x, 0, 1, kMatchRow, match);
        if (bin.filterHit)
            painter.fillRect(x, h - kHitRow, 1, kHitRow, hit);
    }
    // The user's notes over everything: a tick through the whole bar, two columns wide where
    // there is room, so that one note in a run of thousands of entries still shows.
    const QColor note = RunlogPalette::note();
    for (int x = 0; x < bins; ++x) {
        if (m_timeline.bins[x].note)
            painter.fillRect(x, 0, bins > 200 && x + 1 < bins ? 2 : 1, h, note);
    }
    paintLoops(painter, loop);
}

void TimelineStrip::paintLoops(QPainter &painter, const QColor &colour)
{
    // A bar per loop, over the columns of its bins. A loop of a few minutes in a run of hours is
    // one column: it gets three, where its neighbours are free, so that it can be seen and
    // pointed at. Where one loop meets the next, the next one's first column is left out (when
    // it has more than one), so that two loops stay two bars.
    const QVector<TimelineBin> &bins = m_timeline.bins;
    const int count = int(bins.size());
    constexpr int kNarrowest = 3;
    m_loopColumns.fill(-1, count);
    for (int from = 0; from < count;) {
        const int loop = bins[from].loop;
        int to = from;
        while (to + 1 < count && bins[to + 1].loop == loop)
            ++to;
        if (loop >= 0) {
            int left = from, right = to;
            if (left > 0 && bins[left - 1].loop >= 0 && right > left)
                ++left;
            while (right - left + 1 < kNarrowest) {
                // Leftwards the bars drawn so far are known; rightwards the bins are.
                const bool grewLeft = left > 0 && m_loopColumns[left - 1] < 0 && bins[left - 1].loop < 0
                    && (left < 2 || m_loopColumns[left - 2] < 0);
                if (grewLeft)
                    --left;
                const bool grewRight = right - left + 1 < kNarrowest && right + 1 < count && bins[right + 1].loop < 0
                    && (right + 2 >= count || bins[right + 2].loop < 0);
                if (grewRight)
                    ++right;
                if (!grewLeft && !grewRight)
                    break;
            }
            painter.fillRect(left, kLoopTop, right - left + 1, kLoopRow, colour);
            std::fill(m_loopColumns.begin() + left, m_loopColumns.begin() + right + 1, loop);
        }
        from = to + 1;
    }
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    const QRect bar = barRect();
    painter.fillRect(bar, palette().color(QPalette::Base));
    if (!m_image.isNull()) {
        // Nearest pixel, not smoothing: an error in one column must stay a red stroke.
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(bar, m_image);
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(bar.adjusted(0, 0, -1, -1));

    // The rows on screen.
    int from = -1, to = -1;
    if (m_timeline.axis == Timeline::Axis::Index && m_firstPosition >= 0 && m_timeline.positions > 0) {
        from = int(qint64(m_firstPosition) * bar.width() / m_timeline.positions);
        to = int(qint64(m_lastPosition + 1) * bar.width() / m_timeline.positions);
    } else if (m_timeline.axis == Timeline::Axis::Time && m_timeline.hasTimes && m_firstMsecs != LogEntry::kNoTime
               && m_lastMsecs != LogEntry::kNoTime) {
        const double span = std::max<qint64>(1, m_timeline.endMsecs - m_timeline.startMsecs);
        from = int((m_firstMsecs - m_timeline.startMsecs) / span * bar.width());
        to = int((m_lastMsecs - m_timeline.startMsecs) / span * bar.width());
    }
    if (from >= 0) {
        if (to - from < 3) { // a few pixels at least, so it can be seen and grabbed
            from = std::max(0, (from + to) / 2 - 2);
            to = from + 4;
        }
        QPen outline(palette().color(QPalette::Text));
        outline.setWidth(2);
        painter.setPen(outline);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRect(bar.left() + from, bar.top() + 1, to - from, bar.height() - 2));
    }

    if (hasFocus()) {
        // Focus visible: the bar framed in the highlight, the keyboard's bin marked in it.
        QPen focus(palette().color(QPalette::Highlight));
        focus.setWidth(2);
        painter.setPen(focus);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(bar.adjusted(1, 1, -1, -1));
        const int bins = int(m_timeline.bins.size());
        if (m_cursorBin >= 0 && bins > 0) {
            const int x = bar.left() + int(qint64(m_cursorBin) * bar.width() / bins);
            const int w = std::max(3, int(qint64(m_cursorBin + 1) * bar.width() / bins) - (x - bar.left()));
            painter.fillRect(QRect(x - 1, bar.top(), w + 2, 3), palette().color(QPalette::Highlight));
            painter.fillRect(QRect(x - 1, bar.bottom() - 2, w + 2, 3), palette().color(QPalette::Highlight));
        }
    }

    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect captionRect(bar.left(), bar.bottom() + 1, bar.width(), kCaptionHeight);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    painter.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter, caption());
    if (m_timeline.axis == Timeline::Axis::Time && m_timeline.hasTimes)
        painter.drawText(captionRect, Qt::AlignRight | Qt::AlignVCenter,
                         Timestamps::formatLocal(m_timeline.endMsecs, Timestamps::LocalStyle::DateAndTime).left(19));
    else if (m_timeline.positions > 0)
        painter.drawText(captionRect, Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(m_timeline.positions));
}

QString TimelineStrip::caption() const
{
    if (m_timeline.positions == 0)
        return QString();
    if (m_timeline.axis == Timeline::Axis::Time && m_timeline.hasTimes)
        return Timestamps::formatLocal(m_timeline.startMsecs, Timestamps::LocalStyle::DateAndTime).left(19);
    return QStringLiteral("1");
}

int TimelineStrip::positionAtBin(int bin) const
{
    const int bins = int(m_timeline.bins.size());
    if (bins == 0)
        return -1;
    if (m_timeline.axis == Timeline::Axis::Index)
        return int(qint64(bin) * m_timeline.positions / bins);
    // The nearest bin that holds an entry.
    for (int distance = 0; distance < bins; ++distance) {
        for (int candidate : {bin - distance, bin + distance}) {
            if (candidate >= 0 && candidate < bins && m_timeline.bins[candidate].firstPosition >= 0)
                return m_timeline.bins[candidate].firstPosition;
        }
    }
    return -1;
}

void TimelineStrip::requestAt(int x)
{
    const int bin = binAt(x);
    if (bin < 0 || bin == m_lastRequestedBin)
        return;
    m_lastRequestedBin = bin;
    const int position = positionAtBin(bin);
    if (position >= 0)
        emit positionRequested(position);
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !barRect().contains(event->position().toPoint()))
        return QWidget::mousePressEvent(event);
    m_lastRequestedBin = -1;
    const QPoint at = event->position().toPoint();
    const int loop = loopAt(at);
    if (loop >= 0) {
        // The loop's start, not the entry under the pointer: that is where it begins to go wrong.
        m_lastRequestedBin = binAt(at.x());
        emit positionRequested(m_timeline.loops.at(loop).first);
        return;
    }
    requestAt(at.x());
}

void TimelineStrip::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    if (event->buttons() & Qt::LeftButton)
        requestAt(at.x());
    updateToolTip(at);
}

QString TimelineStrip::loopToolTip(int loop) const
{
    const QLocale locale;
    const QPair<int, int> &span = m_timeline.loops.at(loop);
    return tr("Loop: entries %1–%2").arg(locale.toString(span.first + 1), locale.toString(span.second + 1));
}

void TimelineStrip::updateToolTip(const QPoint &pointer)
{
    const QRect bar = barRect();
    const int bins = int(m_timeline.bins.size());
    if (bins == 0 || pointer.x() < bar.left() || pointer.x() > bar.right()) {
        setToolTip(QString());
        return;
    }
    if (const int loop = loopAt(pointer); loop >= 0) {
        setToolTip(loopToolTip(loop));
        return;
    }
    setToolTip(binDescription(binAt(pointer.x())).join(QLatin1Char('\n'))); // our own words and numbers only
}

QStringList TimelineStrip::binDescription(int binIndex) const
{
    const int bins = int(m_timeline.bins.size());
    if (binIndex < 0 || binIndex >= bins)
        return {};
    const TimelineBin &bin = m_timeline.bins[binIndex];
    const QLocale locale;
    QStringList lines;
    if (m_timeline.axis == Timeline::Axis::Time) {
        const qint64 at = m_timeline.startMsecs
            + qint64(double(binIndex) / std::max(1, bins - 1) * double(m_timeline.endMsecs - m_timeline.startMsecs));
        lines << Timestamps::formatLocal(at, Timestamps::LocalStyle::DateAndTime);
    } else {
        lines << tr("Entries %1 to %2")
                     .arg(locale.toString(qint64(binIndex) * m_timeline.positions / bins + 1),
                          locale.toString(std::max<qint64>(qint64(binIndex) * m_timeline.positions / bins + 1,
                                                           qint64(binIndex + 1) * m_timeline.positions / bins)));
    }
    lines << tr("%Ln entries", nullptr, bin.entries);
    if (bin.error)
        lines << tr("errors here");
    if (bin.loop >= 0)
        lines << loopToolTip(bin.loop);
    if (bin.unloaded)
        lines << tr("pages not loaded yet");
    if (bin.longGap)
        lines << tr("one of the longest gaps");
    if (bin.match)
        lines << tr("search matches");
    if (bin.note)
        lines << tr("your notes");
    return lines;
}

bool TimelineStrip::isReachable(int bin) const
{
    const TimelineBin &at = m_timeline.bins[bin];
    // On the index axis a bin of pages not loaded yet is a place too (going there fetches them);
    // on the time axis only loaded entries have a place.
    return at.firstPosition >= 0 || (m_timeline.axis == Timeline::Axis::Index && at.unloaded);
}

int TimelineStrip::binWithEntries(int from, int step) const
{
    const int bins = int(m_timeline.bins.size());
    if (bins == 0)
        return -1;
    if (step == 0) {
        // The nearest reachable bin, on either side.
        const int at = std::clamp(from, 0, bins - 1);
        for (int distance = 0; distance < bins; ++distance) {
            for (int candidate : {at - distance, at + distance}) {
                if (candidate >= 0 && candidate < bins && isReachable(candidate))
                    return candidate;
            }
        }
        return -1;
    }
    for (int bin = from + step; bin >= 0 && bin < bins; bin += step) {
        if (isReachable(bin))
            return bin;
    }
    return -1;
}

void TimelineStrip::moveCursorTo(int bin)
{
    m_cursorBin = bin;
    // What a screen reader says of the strip now: the bin under the cursor.
    setAccessibleDescription(binDescription(bin).join(QStringLiteral(", ")));
    update();
}

void TimelineStrip::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    if (m_cursorBin < 0) {
        // Start where the table is.
        const int here = m_timeline.axis == Timeline::Axis::Index ? m_timeline.binOfPosition(std::max(0, m_firstPosition))
                                                                  : m_timeline.binOfTime(m_firstMsecs);
        m_cursorBin = binWithEntries(std::max(0, here), 0);
    }
    moveCursorTo(m_cursorBin);
}

void TimelineStrip::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

void TimelineStrip::keyPressEvent(QKeyEvent *event)
{
    const int bins = int(m_timeline.bins.size());
    int target = -2;
    switch (event->key()) {
    case Qt::Key_Left: target = binWithEntries(m_cursorBin < 0 ? bins : m_cursorBin, -1); break;
    case Qt::Key_Right: target = binWithEntries(m_cursorBin, 1); break;
    case Qt::Key_Home: target = binWithEntries(-1, 1); break;
    case Qt::Key_End: target = binWithEntries(bins, -1); break;
    // A tenth of the strip, to cross a long run without a key press per column.
    case Qt::Key_PageUp: target = binWithEntries(std::max(0, m_cursorBin - bins / 10), 0); break;
    case Qt::Key_PageDown: target = binWithEntries(std::min(bins - 1, m_cursorBin + bins / 10), 0); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_cursorBin >= 0 && m_cursorBin < bins) {
            const int position = m_timeline.bins[m_cursorBin].firstPosition >= 0 ? m_timeline.bins[m_cursorBin].firstPosition
                                                                                 : positionAtBin(m_cursorBin);
            if (position >= 0)
                emit positionRequested(position);
        }
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    if (target >= 0)
        moveCursorTo(target);
}
