// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

class SharedRequestLog;

// Keeps every request to one API origin, for one token, inside the server's rate limit.
//
// A request may start only while fewer than maxRequests were counted in the trailing window.
// That never breaks a sliding-window, fixed-window or token-bucket limit of the same numbers.
// Each counted request is anchored at the latest moment the server can have counted it: its
// completion (see finished()), so a slow first reply cannot make the 61st request arrive
// inside the server's window of the first.
//
// Callers ask for a slot (acquire) and are called back when it is theirs; visible work goes
// before background work. A caller that no longer needs a granted slot gives it back unused.
//
// Other processes with the same token spend the same budget: with a SharedRequestLog (shared()
// sets one), a request starts only when the requests of every Runlog process in the trailing
// window are fewer than maxRequests too. When they are not, a timer wakes the pacer when the
// oldest of them leaves the window; nothing polls.
class RequestPacer : public QObject
{
    Q_OBJECT
public:
    enum class Priority { Visible = 0, Background = 1 };
    using Ticket = quint64;

    explicit RequestPacer(int maxRequests = 60, int windowMs = 60000, QObject *parent = nullptr);

    // The pacer shared by everything that talks to this origin with this token. Keyed by the
    // origin and a hash of the token, so the token itself is not kept here. It counts the other
    // processes' requests too (SharedRequestLog::forEndpoint()).
    static RequestPacer *shared(const QUrl &baseUrl, const QByteArray &token);
    // The origin as shared() keys it: scheme, host and port.
    static QByteArray originOf(const QUrl &baseUrl);
    // The limit every new shared pacer starts with (from --rate-limit or the settings).
    static void setDefaultLimit(int maxRequests, int windowMs);

    void setLimit(int maxRequests, int windowMs);
    // Counts the requests recorded there (by other processes, or other pacers) before each
    // grant, and records this pacer's. Null (the default of a pacer made directly, and what a
    // test on a fake clock keeps): this pacer counts its own requests alone.
    void setSharedLog(std::shared_ptr<SharedRequestLog> log);
    int maxRequests() const { return m_maxRequests; }
    int windowMs() const { return m_windowMs; }

    // Calls `granted(ticket)` (later, from the event loop) once a request may be sent. Dropped
    // silently when `context` is destroyed first.
    Ticket acquire(Priority priority, QObject *context, std::function<void(Ticket)> granted);
    // Withdraws a request that was not granted yet. No effect on granted tickets.
    void cancel(Ticket ticket);
    // A granted slot that was not used after all: it no longer counts against the limit.
    void returnUnused(Ticket ticket);
    // The request of a granted ticket has completed: re-anchor it at now.
    void finished(Ticket ticket);
    // The server said "too many": send nothing for this long.
    void pauseFor(int ms);

    // For tests: the time comes from `now` (milliseconds, never going back) instead of a
    // monotonic clock. Only the test moves it: it calls clockAdvanced() when it reaches the
    // moment msUntilNextSlot() named (or any other), and grants then follow the test's time to
    // the millisecond, so no assertion depends on how busy the machine is. Set it before the
    // first request: times of the two clocks do not mix.
    void setClockForTesting(std::function<qint64()> now);
    void clockAdvanced();

    int queuedCount() const { return int(m_queue.size()); }
    int countedInWindow() const;
    // The requests of every Runlog process with this token in the trailing window, as the shared
    // record counts them (this pacer's own alone without one): what "N of 60 used" should say,
    // also right after another process spent some and this one none yet.
    int countedByEveryProcess() const;
    // Milliseconds until the next request may start; 0 when one may start now.
    qint64 msUntilNextSlot() const;

signals:
    // Queue length, pause or window changed: status displays refresh from this.
    void stateChanged();

private:
    struct Waiter {
        Ticket ticket;
        Priority priority;
        QPointer<QObject> context;
        std::function<void(Ticket)> granted;
    };
    struct Counted {
        Ticket ticket;
        qint64 anchorMs;
        bool inFlight; // sent, not finished: counts whatever its age, the server may count it late
    };

    void scheduleDispatch();
    void dispatch();
    void expireOld(qint64 nowMs);
    qint64 nowMs() const { return m_testClock ? m_testClock() : m_clock.elapsed(); }

    int m_maxRequests;
    int m_windowMs;
    Ticket m_nextTicket = 1;
    std::deque<Waiter> m_queue;
    std::deque<Counted> m_counted;  // requests that count in the trailing window
    qint64 m_pausedUntilMs = 0;
    std::shared_ptr<SharedRequestLog> m_sharedLog;
    qint64 m_sharedBlockedUntilMs = 0; // the shared record was full; it frees a slot then
    QElapsedTimer m_clock;
    std::function<qint64()> m_testClock;
    QTimer m_timer;
};
