// SPDX-License-Identifier: MIT
#pragma once

#include <QVector>
#include <QWidget>

// Entries per minute over the run as columns, in the application's palette. A click on a column
// emits its bucket's index (the panel turns it into "go to the first entry of that minute").
// By keyboard: Left/Right move between the buckets that hold entries, Home/End to the first/last,
// Enter or Space acts as a click; a screen reader reads the bucket's time and count.
class RateChart : public QWidget
{
    Q_OBJECT
public:
    explicit RateChart(QWidget *parent = nullptr);

    // counts per bucket; bucketMinutes: the width of one bucket; startMsecs: the first bucket's start.
    void setBuckets(const QVector<int> &counts, qint64 startMsecs, qint64 bucketMsecs);
    QSize sizeHint() const override;

signals:
    void bucketClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    int bucketAt(int x) const;
    QRect plotRect() const;
    // The next bucket with entries from `from` in `step` direction; -1 when none.
    int bucketWithEntries(int from, int step) const;
    void setCurrent(int bucket);

    QVector<int> m_counts;
    qint64 m_startMsecs = 0;
    qint64 m_bucketMsecs = 60'000;
    int m_largest = 0;
    int m_current = -1; // the keyboard's bucket
};
