// SPDX-License-Identifier: MIT
#pragma once

#include <QMap>
#include <QTableView>
#include <QVector>

#include <functional>
#include <limits>

class LogItemDelegate;
class MarkedScrollBar;
#include <QTimer>

// The run's entries. Rows have one fixed height so the view stays virtual: only what is on screen
// is ever asked of the model, on 100 rows or 100,000. Reports the rows on screen so the loader can
// fetch their pages first.
class LogTableView : public QTableView
{
    Q_OBJECT
public:
    explicit LogTableView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    // The rows at least partly on screen, or {-1, -1}.
    QPair<int, int> visibleRows() const;
    // Whether the view is scrolled to the end. While it is, rows added at the end keep it there
    // (like tail -f): scrolling up unpins it, End pins it again.
    bool isAtBottom() const;
    void setPinToBottom(bool pin) { m_pinToBottom = pin; }
    MarkedScrollBar *markedScrollBar() const { return m_scrollBar; }
    // Sizes the columns to the width: #, Time, Gap, Type and Tool to their content (Gap to the
    // widest gap shown so far), Summary to the rest. When the rest would be too narrow to read,
    // Tool and Type give way first (their text elides; the tooltip has it whole; Gap never: it is
    // short), and the view asks for no less than those columns at their narrowest and a readable Summary.
    // Columns the user has resized keep their width.
    void fitColumns();
    // The columns the user resized (by column, not by position), and their widths: what the
    // window keeps across restarts. Setting them resizes those columns and refits the rest.
    QMap<int, int> userColumnWidths() const;
    void setUserColumnWidths(const QMap<int, int> &widths);
    // The narrowest the Summary is made before the other columns give way no further.
    int minimumSummaryWidth() const;
    // The width at which no column gives way: the others at their content (or the user's
    // width) beside minimumSummaryWidth().
    int comfortableWidth() const;
    void refitIfContentGrew();
    // The most the table asks for as its minimum width: what its splitter has beside the detail
    // pane's narrowest. Without it a small window (800 x 500 with the Statistics dock) got a
    // table wider than its room, laid over the detail pane.
    void setMinimumWidthCap(int cap);
    LogItemDelegate *logDelegate() const { return m_delegate; }
    // While a search has matches, n steps through them (as in less) and the N shortcut of Add
    // Note waits; with no matches, N is Add Note's. `hasMatches` is asked at each key press.
    void setMatchKeysActive(std::function<bool()> hasMatches) { m_hasMatches = std::move(hasMatches); }

signals:
    void visibleRowsChanged(int firstRow, int lastRow);
    void currentRowChanged(int row);
    // n / N, as in less and vi.
    void nextMatchRequested();
    void previousMatchRequested();

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void reportVisibleRowsSoon();
    int naturalWidth(int column) const;
    void measureGapsOnScreen();
    void applyMinimumWidth();

    QTimer m_viewportTimer;
    MarkedScrollBar *m_scrollBar;
    LogItemDelegate *m_delegate;
    bool m_pinToBottom = false;
    bool m_pinned = false;
    bool m_fitting = false;
    int m_narrowestWidth = 0;                          // the last fit's minimum width
    int m_minimumWidthCap = std::numeric_limits<int>::max();
    // What the last fit sized the # and Time columns for: rows that arrive later (a big file is
    // indexed in steps, pages come in) refit them only when these change.
    int m_fittedDigits = 0;
    bool m_fittedDated = false;
    QVector<bool> m_userSized;
    int m_widestGap = 0; // pixels: the widest Gap text on screen since the model was set or reset
    int m_widestShortGap = 0; // the same in the short form ("+5m 2s") a narrow column shows
    std::function<bool()> m_hasMatches;
};
