// SPDX-License-Identifier: MIT
#pragma once

#include <QVector>
#include <QWidget>

// Entries per minute over the run as columns, in the application's palette. A click on a column
// emits its bucket's index (the panel turns it into "go to the first entry of that minute").
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

private:
    int bucketAt(int x) const;
    QRect plotRect() const;

    QVector<int> m_counts;
    qint64 m_startMsecs = 0;
    qint64 m_bucketMsecs = 60'000;
    int m_largest = 0;
};
