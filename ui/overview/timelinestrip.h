// SPDX-License-Identifier: MIT
#pragma once

#include "stats/timelinebins.h"

#include <QImage>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QPainter;
class QToolButton;

// The whole run on one strip above the table: every entry a mark coloured by its message type,
// errors (and the insights' failures) as red ticks in a lane of their own, the insights' loops as
// bars in the lane below it (hover: which entries; click: the loop's first entry), long gaps shaded, pages not loaded hatched, search matches (above) and
// filter hits (below) ticked, the rows on screen outlined. A time axis (idle hours show as empty
// space) or an index axis (one column per slice of entries). Click or drag to go there.
// By keyboard: Left/Right move a cursor to the previous/next bin that holds entries (or, on the
// index axis, pages not loaded yet), Home/End to the first/last, Page Up/Down a tenth of the
// strip; Enter or Space goes there. A screen reader reads the cursor's bin.
//
// Painting is a cached image of the bins (one column per bin, rebuilt when the bins or the size
// change) plus the outline: cheap whatever the number of entries.
class TimelineStrip : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    void setTimeline(const Timeline &timeline);
    const Timeline &timeline() const { return m_timeline; }
    // Chronological positions on screen, and their times (LogEntry::kNoTime when unknown).
    void setViewport(int firstPosition, int lastPosition, qint64 firstMsecs, qint64 lastMsecs);
    void clear();

    Timeline::Axis axis() const { return m_axis; }
    void setAxis(Timeline::Axis axis);
    // Bins wanted: one per pixel column of the bar.
    int binCount() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void positionRequested(int chronologicalPosition);
    // The axis or the width changed: the bins must be computed again.
    void layoutChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    QRect barRect() const;
    // The loop lane, in widget coordinates (over the bar's width).
    QRect loopLaneRect() const;
    int binAt(int x) const;
    void rebuildImage();
    void paintLoops(QPainter &painter, const QColor &colour);
    // The loop drawn under the pointer in the loop lane (its bar may be wider than its bins);
    // -1 when none.
    int loopAt(const QPoint &pointer) const;
    void requestAt(int x);
    int positionAtBin(int bin) const;
    QString caption() const;
    void updateToolTip(const QPoint &pointer);
    QString loopToolTip(int loop) const;
    // What a bin holds, one line per fact (the tooltip, and the cursor's accessible description).
    QStringList binDescription(int binIndex) const;
    // A bin the keyboard's cursor stops at.
    bool isReachable(int bin) const;
    // The next reachable bin from `from` in `step` direction (step 0: the nearest to it); -1.
    int binWithEntries(int from, int step) const;
    void moveCursorTo(int bin);

    QToolButton *m_axisButton;
    Timeline m_timeline;
    Timeline::Axis m_axis = Timeline::Axis::Time;
    QImage m_image;
    QVector<int> m_loopColumns;   // per bin: the loop whose bar is drawn there, -1 for none
    int m_firstPosition = -1;
    int m_lastPosition = -1;
    qint64 m_firstMsecs = 0;
    qint64 m_lastMsecs = 0;
    int m_lastRequestedBin = -1;
    int m_cursorBin = -1;           // the keyboard's bin; -1 until the strip has focus
};
