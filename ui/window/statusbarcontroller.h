// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QLabel;
class QStatusBar;
class QTimer;
class RunSession;

// The status bar's permanent parts: how the request budget stands (and when a followed run is
// checked next), and how much of the run is loaded. Refreshed twice a second and on progress.
class StatusBarController : public QObject
{
    Q_OBJECT

public:
    StatusBarController(RunSession *session, QStatusBar *bar);

    void refresh();

private:
    void updatePace();
    void updateCount();

    RunSession *m_session;
    QLabel *m_paceLabel;
    QLabel *m_countLabel;
    QTimer *m_timer;
};
