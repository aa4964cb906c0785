// SPDX-License-Identifier: MIT
#include "api/inflightbudget.h"

#include <QMutex>

#include <algorithm>

namespace {
struct State
{
    QMutex mutex;   // replies live on the threads of their network managers
    qint64 maxBytes = InFlightBudget::kDefaultMaxBytes;
    qint64 inUse = 0;
    qint64 peak = 0;
};

State &state()
{
    static State s;
    return s;
}
} // namespace

bool InFlightBudget::tryTake(qint64 bytes)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    if (bytes < 0 || s.inUse + bytes > s.maxBytes)
        return false;
    s.inUse += bytes;
    s.peak = std::max(s.peak, s.inUse);
    return true;
}

void InFlightBudget::give(qint64 bytes)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.inUse = std::max<qint64>(0, s.inUse - bytes);
}

void InFlightBudget::setMaxBytes(qint64 bytes)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.maxBytes = std::max<qint64>(1, bytes);
}

qint64 InFlightBudget::maxBytes()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.maxBytes;
}

qint64 InFlightBudget::bytesInUse()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.inUse;
}

qint64 InFlightBudget::peakBytesInUse()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.peak;
}

void InFlightBudget::resetPeak()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    s.peak = s.inUse;
}
