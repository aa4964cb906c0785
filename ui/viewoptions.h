// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QObject>

class AppSettings;
class DetailPane;
class LogTableView;
class QAction;
class QMenu;

// How the run is shown, kept across restarts: the text size of the table and the detail pane
// (Ctrl+plus, Ctrl+minus, Ctrl+0), wrapping of long lines in the detail pane, and which table
// columns show (View > Columns, or the table header's context menu; saved with the header).
class ViewOptions : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinZoomSteps = -4;
    static constexpr int kMaxZoomSteps = 16;

    ViewOptions(LogTableView *table, DetailPane *detail, AppSettings *settings, QObject *parent = nullptr);

    // Zoom In, Zoom Out, Actual Size, Wrap Long Lines (checkable), and the View > Columns menu.
    void connectActions(QAction *zoomIn, QAction *zoomOut, QAction *zoomReset, QAction *wrapLines, QMenu *columns);

    void zoomIn() { setZoomSteps(m_zoomSteps + 1); }
    void zoomOut() { setZoomSteps(m_zoomSteps - 1); }
    void resetZoom() { setZoomSteps(0); }
    void setZoomSteps(int steps);
    int zoomSteps() const { return m_zoomSteps; }

    void setWrapLines(bool wrap);
    bool wrapsLines() const { return m_wrapLines; }

    // One checkable entry per column; the last visible column cannot be hidden.
    void populateColumnsMenu(QMenu *menu);

signals:
    void zoomChanged(int steps);

private:
    LogTableView *m_table;
    DetailPane *m_detail;
    AppSettings *m_settings;
    QFont m_tableFont;
    QFont m_detailFont;
    int m_zoomSteps = 0;
    bool m_wrapLines = true;
};
