// SPDX-License-Identifier: MIT
#pragma once

#include "stats/timelinebins.h"

#include <QImage>
#include <QWidget>

class QToolButton;

// The whole run on one strip above the table: every entry a mark coloured by its message type,
// errors as red ticks in a lane of their own, long gaps shaded, pages not loaded hatched, search matches (above) and
// filter hits (below) ticked, the rows on screen outlined. A time axis (idle hours show as empty
// space) or an index axis (one column per slice of entries). Click or drag to go there.
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

private:
    QRect barRect() const;
    void rebuildImage();
    void requestAt(int x);
    int positionAtBin(int bin) const;
    QString caption() const;
    void updateToolTip(int x);

    QToolButton *m_axisButton;
    Timeline m_timeline;
    Timeline::Axis m_axis = Timeline::Axis::Time;
    QImage m_image;
    int m_firstPosition = -1;
    int m_lastPosition = -1;
    qint64 m_firstMsecs = 0;
    qint64 m_lastMsecs = 0;
    int m_lastRequestedBin = -1;
};
