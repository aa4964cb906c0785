// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QObject>

class AppSettings;
class DetailPane;
class LogTableModel;
class LogTableView;
class QMenu;
class WindowActions;

// How the run is shown, kept across restarts: the text size of the table and the detail pane
// (Ctrl+plus, Ctrl+minus, Ctrl+0), wrapping of long lines in the detail pane, which table
// columns show (View > Columns, or the table header's context menu; saved with the header),
// View > Time Column, View > Theme and View > Fold Repeats. Applies what was saved, then each choice as it is made.
class ViewSettings : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMinZoomSteps = -4;
    static constexpr int kMaxZoomSteps = 16;

    ViewSettings(LogTableView *table, DetailPane *detail, LogTableModel *model, WindowActions *actions,
                 AppSettings *settings, QObject *parent = nullptr);

    void zoomIn() { setZoomSteps(m_zoomSteps + 1); }
    void zoomOut() { setZoomSteps(m_zoomSteps - 1); }
    void resetZoom() { setZoomSteps(0); }
    void setZoomSteps(int steps);

    void setWrapLines(bool wrap);

    // One checkable entry per column; the last visible column cannot be hidden.
    void populateColumnsMenu(QMenu *menu);

signals:
    void zoomChanged(int steps);

private:
    void connectActions();
    void applyTimeColumn();
    void applyTheme();

    LogTableView *m_table;
    DetailPane *m_detail;
    LogTableModel *m_model;
    WindowActions *m_actions;
    AppSettings *m_settings;
    QFont m_tableFont;
    QFont m_detailFont;
    int m_zoomSteps = 0;
    bool m_wrapLines = true;
};
