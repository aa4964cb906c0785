// SPDX-License-Identifier: MIT
#include "json/parsebudget.h"

#include <QMutex>
#include <QWaitCondition>

#include <algorithm>

namespace {
struct State
{
    QMutex mutex;
    QWaitCondition changed;
    qint64 maxBytes = ParseBudget::kDefaultMaxBytes;
    qint64 inUse = 0;
    qint64 peak = 0;
    quint64 nextTicket = 0;   // arrival order: a large parse is not overtaken for ever by small ones
    quint64 serving = 0;
};

State &state()
{
    static State s;
    return s;
}
} // namespace

ParseBudget::Reservation::Reservation(qint64 bytes)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    const quint64 ticket = s.nextTicket++;
    // Clamped each time: the budget may have been made smaller meanwhile (tests do).
    const auto needed = [&s, bytes] { return std::clamp<qint64>(bytes, 0, s.maxBytes); };
    while (ticket != s.serving || s.inUse + needed() > s.maxBytes)
        s.changed.wait(&s.mutex);
    m_bytes = needed();
    ++s.serving;
    s.inUse += m_bytes;
    s.peak = std::max(s.peak, s.inUse);
    s.changed.wakeAll(); // the next in line may fit too
}

ParseBudget::Reservation::~Reservation()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.inUse -= m_bytes;
    s.changed.wakeAll();
}

void ParseBudget::setMaxBytes(qint64 bytes)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.maxBytes = std::max<qint64>(1, bytes);
    s.changed.wakeAll();
}

qint64 ParseBudget::maxBytes()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.maxBytes;
}

qint64 ParseBudget::bytesInUse()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.inUse;
}

qint64 ParseBudget::peakBytesInUse()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.peak;
}

void ParseBudget::resetPeak()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.peak = s.inUse;
}
