// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

// Horizontal bars with a label and a value, drawn with QPainter in the application's palette
// (light or dark). A click on a bar emits its index. Labels are data (message types, tool
// names): they are drawn as text, never interpreted. By keyboard: Up/Down (or Left/Right) move
// between bars, Home/End to the first/last, Enter or Space acts as a click on the current bar;
// a screen reader reads the current bar's label and value.
class BarChart : public QWidget
{
    Q_OBJECT
public:
    struct Bar
    {
        QString label;
        double value = 0;
        QString valueText;
        QColor colour; // invalid: the palette's highlight
        bool selected = false; // drawn emphasised (e.g. the filter shows only this)
    };

    explicit BarChart(QWidget *parent = nullptr);

    void setBars(const QList<Bar> &bars);
    const QList<Bar> &bars() const { return m_bars; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    int heightForWidth(int width) const override;
    bool hasHeightForWidth() const override { return true; }

signals:
    void barClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    int rowHeight() const;
    int barAt(const QPoint &point) const;
    void setCurrent(int index);

    QList<Bar> m_bars;
    int m_hovered = -1;
    int m_current = -1; // the keyboard's bar
};
