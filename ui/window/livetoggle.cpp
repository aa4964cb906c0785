// SPDX-License-Identifier: MIT
#include "ui/window/livetoggle.h"

#include "session/runsession.h"

#include <QAction>

LiveToggle::LiveToggle(RunSession *session, QAction *follow, QWidget *parent)
    : QToolButton(parent)
    , m_session(session)
    , m_follow(follow)
{
    setCheckable(true);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setToolTip(tr("Follow the run while it is going: check for new entries and keep the newest in view (Ctrl+L)"));
    // A screen reader says the switch's name and its checked state; the countdown in the text
    // changes twice a second and would be read out each time.
    setAccessibleName(tr("Follow live run"));
    setAccessibleDescription(toolTip());
    connect(this, &QToolButton::clicked, m_follow, [this](bool on) {
        if (m_follow->isChecked() != on)
            m_follow->trigger();
    });
    connect(m_follow, &QAction::toggled, this, &LiveToggle::refresh);
    connect(m_follow, &QAction::changed, this, &LiveToggle::refresh);
    connect(m_session, &RunSession::followingChanged, this, &LiveToggle::refresh);
    connect(m_session, &RunSession::runGoingChanged, this, &LiveToggle::refresh);
    m_countdown.setInterval(500);
    connect(&m_countdown, &QTimer::timeout, this, &LiveToggle::refresh);
    refresh();
}

void LiveToggle::refresh()
{
    const bool going = m_session->isRunGoing();
    setVisible(going);
    setChecked(m_follow->isChecked());
    if (!going) {
        m_countdown.stop();
        return;
    }
    const qint64 next = m_session->msUntilNextCheck();
    if (!m_follow->isChecked())
        setText(tr("Live: paused"));
    else if (next >= 0)
        setText(tr("● Live · next check in %1 s").arg((next + 999) / 1000));
    else
        setText(tr("● Live · checking…"));
    if (m_follow->isChecked() && !m_countdown.isActive())
        m_countdown.start();
    else if (!m_follow->isChecked())
        m_countdown.stop();
}
