// SPDX-License-Identifier: MIT
#include "model/runfollower.h"

#include "api/requestpacer.h"
#include "model/runloader.h"
#include "run/runstatus.h"

RunFollower::RunFollower(RunLoader *loader, QObject *parent)
    : QObject(parent)
    , m_loader(loader)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunFollower::check);
    connect(m_loader, &RunLoader::runInfoChanged, this, &RunFollower::reconsider);
    connect(m_loader, &RunLoader::stateChanged, this, &RunFollower::reconsider);
}

void RunFollower::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    reconsider();
}

int RunFollower::intervalMs() const
{
    const RequestPacer *pacer = m_loader->pacer();
    if (!pacer)
        return m_minimumIntervalMs;
    const qint64 quarterOfBudget = 4LL * pacer->windowMs() / std::max(1, pacer->maxRequests());
    return int(std::max<qint64>(m_minimumIntervalMs, quarterOfBudget));
}

qint64 RunFollower::msUntilNextCheck() const
{
    if (!m_timer.isActive())
        return -1;
    return std::max<qint64>(0, m_timer.interval() - m_sinceScheduled.elapsed());
}

void RunFollower::reconsider()
{
    const bool wasFollowing = isFollowing();
    const bool running = m_loader->state() == RunLoader::State::Open && m_loader->hasRunInfo()
        && m_loader->runInfo().status && isRunStillGoing(*m_loader->runInfo().status);
    if (m_wasRunning && !running && m_loader->hasRunInfo() && m_loader->runInfo().status
        && m_loader->state() == RunLoader::State::Open)
        emit runFinished(*m_loader->runInfo().status);
    const bool goingChanged = m_wasRunning != running;
    m_wasRunning = running;

    if (!m_enabled || !running) {
        m_timer.stop();
    } else if (!m_timer.isActive()) {
        m_timer.start(intervalMs());
        m_sinceScheduled.start();
    }
    if (wasFollowing != isFollowing())
        emit followingChanged(isFollowing());
    if (goingChanged)
        emit runGoingChanged(running);
}

void RunFollower::check()
{
    RequestPacer *pacer = m_loader->pacer();
    // The user's pages first: while requests wait for the pacer, look again a little later.
    if ((pacer && pacer->queuedCount() > 0) || m_loader->pagesInFlight() > 0) {
        m_timer.start(1000);
        m_sinceScheduled.start();
        return;
    }
    m_loader->checkForNewEntries();
    reconsider(); // the next check; the response may also end following (status finished)
}
