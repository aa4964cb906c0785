// SPDX-License-Identifier: MIT
#include "agentlogs/blockcopies.h"

#include <algorithm>
#include <cstring>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

namespace {

#if defined(Q_OS_LINUX)
// Linux 5.14's advice, by number: older headers lack the name, older kernels refuse it (EINVAL),
// and the pages are then faulted in one by one as before.
constexpr int kPopulateWrite = 23; // MADV_POPULATE_WRITE

// The whole pages of [start, start + bytes) rounded in to multiples of `unit` (a power of two).
std::pair<quintptr, quintptr> wholeUnits(const char *start, qsizetype bytes, quintptr unit)
{
    const quintptr from = (quintptr(start) + unit - 1) & ~(unit - 1);
    const quintptr to = (quintptr(start) + quintptr(bytes)) & ~(unit - 1);
    return {from, std::max(from, to)};
}
#endif

// A block is written from start to end at once: its pages are made present in one call rather
// than faulted in a page at a time (a fault per 4 KB page was most of a copy's cost, and far more
// under virtualisation), on huge pages where the block spans them. Advice only: any failure
// leaves the block as malloc gave it.
void preparePages(char *start, qsizetype bytes)
{
#if defined(Q_OS_LINUX)
#if defined(MADV_HUGEPAGE)
    const auto [hugeFrom, hugeTo] = wholeUnits(start, bytes, 2 * 1024 * 1024);
    if (hugeTo > hugeFrom)
        madvise(reinterpret_cast<void *>(hugeFrom), hugeTo - hugeFrom, MADV_HUGEPAGE);
#endif
    const auto [from, to] = wholeUnits(start, bytes, 4096);
    if (to > from)
        madvise(reinterpret_cast<void *>(from), to - from, kPopulateWrite);
#else
    Q_UNUSED(start);
    Q_UNUSED(bytes);
#endif
}

} // namespace

QByteArray BlockCopies::copy(QByteArrayView bytes, qsizetype bytesToCome)
{
    const qsizetype size = bytes.size();
    if (size == 0)
        return QByteArray("", 0); // empty, not null: as QByteArray(data, 0) of a buffer
    const qsizetype needed = size + 1; // and its NUL
    if (needed > kMaxBlockBytes / 4)
        return QByteArray(bytes.data(), size);
    // The estimate bounded before it is added: a huge one would overflow the sum, and a block
    // made smaller than the copy (the sum wrapped round to below kMinBlockBytes) would be
    // written past its end.
    const qsizetype toCome = std::clamp<qsizetype>(bytesToCome, 0, kMaxBlockBytes);
    if (!m_block.d_ptr() || m_block.constAllocatedCapacity() - m_used < needed)
        startBlock(std::clamp(needed + toCome, kMinBlockBytes, kMaxBlockBytes));
    char *start = m_block.data() + m_used;
    std::memcpy(start, bytes.data(), size_t(size));
    start[size] = '\0';
    m_used += needed;
    // A second pointer into the same block: one more reference, dropped when the copy is freed.
    m_block.d_ptr()->ref();
    return QByteArray(QByteArray::DataPointer(m_block.d_ptr(), start, size));
}

void BlockCopies::startBlock(qsizetype bytes)
{
    // The copies made so far keep the old block; this object lets it go.
    auto [header, data] = QTypedArrayData<char>::allocate(bytes);
    Q_CHECK_PTR(data);
    m_block = QByteArray::DataPointer(header, data, 0);
    m_used = 0;
    preparePages(data, bytes);
}
