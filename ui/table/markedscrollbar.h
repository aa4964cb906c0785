// SPDX-License-Identifier: MIT
#pragma once

#include <QScrollBar>
#include <QVector>

class QPainter;

// A vertical scroll bar that shows where the matches are, like an editor's overview ruler: one
// tick per pixel row that holds at least one matching table row, in a narrow lane beside the
// bar, so the thumb stays visible however many matches there are.
class MarkedScrollBar : public QScrollBar
{
    Q_OBJECT
public:
    explicit MarkedScrollBar(QWidget *parent = nullptr);

    // Rows (of the view's model) to mark, out of rowCount.
    void setMarks(const QVector<int> &rows, int rowCount);
    void clearMarks();
    int markCount() const { return int(m_rows.size()); }
    QVector<int> markedRows() const { return m_rows; }
    // The user's marks (m), drawn apart from the matches: at the bar's right edge, in blue.
    void setUserMarks(const QVector<int> &rows, int rowCount);
    int userMarkCount() const { return int(m_userRows.size()); }
    QVector<int> userMarkedRows() const { return m_userRows; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintTicks(QPainter &painter, const QRect &groove, const QVector<int> &rows, int rowCount,
                    int left, int width) const;

    QVector<int> m_rows;
    int m_rowCount = 0;
    QVector<int> m_userRows;
    int m_userRowCount = 0;
};
