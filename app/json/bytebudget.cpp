// SPDX-License-Identifier: MIT
#include "json/bytebudget.h"

#include <algorithm>

ByteBudget::ByteBudget(qint64 maxBytes)
    : m_maxBytes(std::max<qint64>(1, maxBytes))
{
}

bool ByteBudget::tryTake(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (bytes < 0 || m_nextTicket != m_serving || m_inUse + bytes > m_maxBytes)
        return false;
    m_inUse += bytes;
    m_peak = std::max(m_peak, m_inUse);
    return true;
}

qint64 ByteBudget::take(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    const quint64 ticket = m_nextTicket++;
    // Clamped each time: the budget may have been made smaller meanwhile (tests do).
    const auto needed = [this, bytes] { return std::clamp<qint64>(bytes, 0, m_maxBytes); };
    while (ticket != m_serving || m_inUse + needed() > m_maxBytes)
        m_changed.wait(&m_mutex);
    const qint64 taken = needed();
    ++m_serving;
    m_inUse += taken;
    m_peak = std::max(m_peak, m_inUse);
    m_changed.wakeAll(); // the next in line may fit too
    return taken;
}

void ByteBudget::give(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_inUse = std::max<qint64>(0, m_inUse - bytes);
    m_changed.wakeAll();
}

ByteBudget::Reservation::Reservation(ByteBudget &budget, qint64 bytes)
    : m_budget(budget)
    , m_bytes(budget.take(bytes))
{
}

ByteBudget::Reservation::~Reservation()
{
    m_budget.give(m_bytes);
}

void ByteBudget::setMaxBytes(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_maxBytes = std::max<qint64>(1, bytes);
    m_changed.wakeAll();
}

qint64 ByteBudget::maxBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxBytes;
}

qint64 ByteBudget::bytesInUse() const
{
    QMutexLocker lock(&m_mutex);
    return m_inUse;
}

qint64 ByteBudget::peakBytesInUse() const
{
    QMutexLocker lock(&m_mutex);
    return m_peak;
}

void ByteBudget::resetPeak()
{
    QMutexLocker lock(&m_mutex);
    m_peak = m_inUse;
}
