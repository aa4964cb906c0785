// SPDX-License-Identifier: MIT
#include "api/requestpacer.h"

#include "api/sharedrequestlog.h"

#include <QCryptographicHash>
#include <QUrl>

#include <algorithm>

namespace {
int g_defaultMax = 60;
int g_defaultWindowMs = 60000;
}

RequestPacer::RequestPacer(int maxRequests, int windowMs, QObject *parent)
    : QObject(parent)
    , m_maxRequests(std::max(1, maxRequests))
    , m_windowMs(std::max(1, windowMs))
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RequestPacer::dispatch);
}

QByteArray RequestPacer::originOf(const QUrl &baseUrl)
{
    return baseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString()
        .toUtf8();
}

RequestPacer *RequestPacer::shared(const QUrl &baseUrl, const QByteArray &token)
{
    static QHash<QByteArray, RequestPacer *> pacers;
    const QByteArray origin = originOf(baseUrl);
    const QByteArray key = origin + '|'
        + QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
    RequestPacer *&pacer = pacers[key];
    if (!pacer) {
        pacer = new RequestPacer(g_defaultMax, g_defaultWindowMs); // lives as long as the app
        pacer->setSharedLog(SharedRequestLog::forEndpoint(origin, token));
    }
    return pacer;
}

void RequestPacer::setSharedLog(std::shared_ptr<SharedRequestLog> log)
{
    m_sharedLog = std::move(log);
    m_sharedBlockedUntilMs = 0;
    scheduleDispatch();
}

void RequestPacer::setDefaultLimit(int maxRequests, int windowMs)
{
    g_defaultMax = std::max(1, maxRequests);
    g_defaultWindowMs = std::max(1, windowMs);
}

void RequestPacer::setLimit(int maxRequests, int windowMs)
{
    m_maxRequests = std::max(1, maxRequests);
    m_windowMs = std::max(1, windowMs);
    scheduleDispatch();
    emit stateChanged();
}

RequestPacer::Ticket RequestPacer::acquire(Priority priority, QObject *context,
                                           std::function<void(Ticket)> granted)
{
    const Ticket ticket = m_nextTicket++;
    // Visible work goes before background work; FIFO within a priority.
    auto position = std::find_if(m_queue.begin(), m_queue.end(), [priority](const Waiter &w) {
        return w.priority > priority;
    });
    m_queue.insert(position, Waiter{ticket, priority, context, std::move(granted)});
    scheduleDispatch();
    emit stateChanged();
    return ticket;
}

void RequestPacer::cancel(Ticket ticket)
{
    const auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                 [ticket](const Waiter &w) { return w.ticket == ticket; });
    if (it == m_queue.end())
        return;
    m_queue.erase(it);
    emit stateChanged();
}

void RequestPacer::returnUnused(Ticket ticket)
{
    const auto it = std::find_if(m_counted.begin(), m_counted.end(),
                                 [ticket](const Counted &c) { return c.ticket == ticket; });
    if (it == m_counted.end())
        return;
    m_counted.erase(it);
    if (m_sharedLog)
        m_sharedLog->release(ticket);
    m_sharedBlockedUntilMs = 0; // a slot of ours came back: the record may have room now
    scheduleDispatch();
    emit stateChanged();
}

void RequestPacer::finished(Ticket ticket)
{
    const auto it = std::find_if(m_counted.begin(), m_counted.end(),
                                 [ticket](const Counted &c) { return c.ticket == ticket; });
    if (it == m_counted.end())
        return;
    it->anchorMs = nowMs();
    it->inFlight = false;
    if (m_sharedLog)
        m_sharedLog->settle(ticket);
    scheduleDispatch();
}

void RequestPacer::pauseFor(int ms)
{
    m_pausedUntilMs = std::max(m_pausedUntilMs, nowMs() + std::max(0, ms));
    scheduleDispatch();
    emit stateChanged();
}

void RequestPacer::setClockForTesting(std::function<qint64()> now)
{
    m_testClock = std::move(now);
    scheduleDispatch();
}

void RequestPacer::clockAdvanced()
{
    scheduleDispatch();
}

int RequestPacer::countedInWindow() const
{
    const qint64 now = nowMs();
    return int(std::count_if(m_counted.begin(), m_counted.end(), [&](const Counted &c) {
        return c.inFlight || c.anchorMs > now - m_windowMs;
    }));
}

int RequestPacer::countedByEveryProcess() const
{
    const int own = countedInWindow();
    return m_sharedLog ? std::max(own, m_sharedLog->countedNow(m_windowMs)) : own;
}

qint64 RequestPacer::msUntilNextSlot() const
{
    const qint64 now = nowMs();
    qint64 wait = std::max<qint64>(0, std::max(m_pausedUntilMs, m_sharedBlockedUntilMs) - now);
    const int inWindow = countedInWindow();
    if (inWindow >= m_maxRequests) {
        // The slot frees when enough of the oldest counted requests leave the window.
        // Requests still in flight free nothing until they finish (finished() reschedules).
        std::vector<qint64> anchors;
        for (const Counted &c : m_counted) {
            if (!c.inFlight && c.anchorMs > now - m_windowMs)
                anchors.push_back(c.anchorMs);
        }
        std::sort(anchors.begin(), anchors.end());
        const size_t mustLeave = size_t(inWindow - m_maxRequests);
        if (mustLeave >= anchors.size())
            return std::max<qint64>(wait, m_windowMs); // only finishing requests can free a slot
        wait = std::max(wait, anchors[mustLeave] + m_windowMs - now + 1);
    }
    return wait;
}

void RequestPacer::expireOld(qint64 now)
{
    for (auto it = m_counted.begin(); it != m_counted.end();) {
        if (!it->inFlight && it->anchorMs <= now - m_windowMs)
            it = m_counted.erase(it);
        else
            ++it;
    }
}

void RequestPacer::scheduleDispatch()
{
    if (m_queue.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = msUntilNextSlot();
    // On a test's clock only the test moves time (and says so with clockAdvanced()): a real
    // timer would wake at real moments that mean nothing on that clock.
    if (m_testClock && wait > 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::min<qint64>(wait, 24 * 3600 * 1000)));
}

void RequestPacer::dispatch()
{
    expireOld(nowMs());
    bool grantedAny = false;
    while (!m_queue.empty() && msUntilNextSlot() == 0) {
        Waiter waiter = std::move(m_queue.front());
        m_queue.pop_front();
        if (!waiter.context)
            continue;
        if (m_sharedLog) {
            // Other processes' requests count too: when they fill the window, wait (on the timer)
            // until the oldest of them leaves it, with this waiter first in line again.
            const SharedRequestLog::Claim claim = m_sharedLog->claim(waiter.ticket, m_maxRequests, m_windowMs);
            if (!claim.granted) {
                m_sharedBlockedUntilMs = nowMs() + claim.retryInMs;
                m_queue.push_front(std::move(waiter));
                break;
            }
        }
        m_counted.push_back(Counted{waiter.ticket, nowMs(), true});
        grantedAny = true;
        waiter.granted(waiter.ticket); // may acquire, cancel or return re-entrantly
    }
    scheduleDispatch();
    if (grantedAny || m_queue.empty())
        emit stateChanged();
}
