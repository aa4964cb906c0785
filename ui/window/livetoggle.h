// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QToolButton>

class QAction;
class RunSession;

// The Live switch in the run header, shown only while the run's status says it is still going:
// "● Live · next check in 3 s" while it is followed, "Live: paused" when the user turned it off.
// It is the Follow Live Run action (Ctrl+L) as a button, so both always agree.
class LiveToggle : public QToolButton
{
    Q_OBJECT
public:
    LiveToggle(RunSession *session, QAction *follow, QWidget *parent = nullptr);

private:
    void refresh();

    RunSession *m_session;
    QAction *m_follow;
    QTimer m_countdown;
};
