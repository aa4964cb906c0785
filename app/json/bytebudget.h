// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <QtGlobal>

// A number of bytes that work in progress may hold at once, shared by every thread: what bounds
// the sum of many pieces of work each bounded on its own (page bodies in flight, documents being
// parsed). A taker either waits for its bytes, in arrival order, or is refused at once; which
// one is the use's choice (ParseBudget waits on worker threads; InFlightBudget refuses, as a
// reply that waited could deadlock with the others holding the rest).
class ByteBudget
{
public:
    explicit ByteBudget(qint64 maxBytes);
    ByteBudget(const ByteBudget &) = delete;
    ByteBudget &operator=(const ByteBudget &) = delete;

    // Takes `bytes` when they fit now and nobody waits before; false (and nothing taken)
    // otherwise.
    bool tryTake(qint64 bytes);
    // Takes `bytes`, clamped to the budget (a piece larger than the whole budget goes alone),
    // waiting until they fit and every earlier taker went first: a large piece is not overtaken
    // for ever by small ones. Returns what was taken, for give().
    qint64 take(qint64 bytes);
    void give(qint64 bytes);

    // Holds bytes of a budget for its lifetime (take(), then give()).
    class Reservation
    {
    public:
        Reservation(ByteBudget &budget, qint64 bytes);
        ~Reservation();
        Reservation(const Reservation &) = delete;
        Reservation &operator=(const Reservation &) = delete;

    private:
        ByteBudget &m_budget;
        qint64 m_bytes;
    };

    // For tests and benchmarks: the budget, what is held now, and the most ever held at once.
    void setMaxBytes(qint64 bytes);
    qint64 maxBytes() const;
    qint64 bytesInUse() const;
    qint64 peakBytesInUse() const;
    void resetPeak();

private:
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    qint64 m_maxBytes;
    qint64 m_inUse = 0;
    qint64 m_peak = 0;
    quint64 m_nextTicket = 0; // arrival order of take()
    quint64 m_serving = 0;
};
