// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class RunLoader;

// Follows a run that is still going, like `tail -f`: while its status says it is running, asks
// the loader at intervals to look past the end for new entries, and stops by itself once a
// response says the run has finished.
//
// The interval keeps polling to a quarter of the rate limit (4 s at 60 requests per 60 s), so the
// user's own scrolling always has most of the budget, and a check is skipped while other
// requests are already waiting for the pacer.
class RunFollower : public QObject
{
    Q_OBJECT
public:
    explicit RunFollower(RunLoader *loader, QObject *parent = nullptr);

    // The user's switch (Ctrl+L); on by default. Following happens only while the run is going.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // True while checks are scheduled: enabled, and the run is still going.
    bool isFollowing() const { return m_timer.isActive(); }
    // Whether the open run's status says it is still going (whatever the switch): only then is
    // there anything to follow.
    bool isRunGoing() const { return m_wasRunning; }
    // Milliseconds until the next check, or -1 when not following.
    qint64 msUntilNextCheck() const;

    void setMinimumIntervalMs(int ms) { m_minimumIntervalMs = ms; }
    int intervalMs() const;

signals:
    void followingChanged(bool following);
    void runGoingChanged(bool going);
    // The run's status turned from running to finished while it was followed.
    void runFinished(const QString &status);

private:
    void reconsider();
    void check();

    RunLoader *m_loader;
    QTimer m_timer;
    QElapsedTimer m_sinceScheduled;
    bool m_enabled = true;
    bool m_wasRunning = false;
    int m_minimumIntervalMs = 3000;
};
