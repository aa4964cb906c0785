// SPDX-License-Identifier: MIT
#include "agentlogs/parallelentries.h"

#include "agentlogs/blockcopies.h"
#include "agentlogs/conversionsupport.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>

namespace ParallelEntries {

namespace {

std::atomic<qsizetype> g_minimumEntries{kDefaultMinimumEntries};

// Writes entries [begin, end) into entries[0 .. end - begin); false when the cancel said stop.
bool writeOneThread(QByteArray *entries, qsizetype begin, qsizetype end, const EntryWriter &write, const ConversionCancel &cancel)
{
    CancelCheck cancelled(cancel);
    QByteArray buffer; // grows to the largest entry once, and stays
    BlockCopies copies;
    qsizetype bytesWritten = 0;
    for (qsizetype i = begin; i < end; ++i) {
        if (cancelled())
            return false;
        buffer.resize(0); // keeps the capacity: clear() would free it
        write(i, buffer);
        bytesWritten += buffer.size() + 1;
        // The entries to come are about as long as those so far: a block for them all.
        const qsizetype written = i - begin + 1;
        const qsizetype toCome = qsizetype(double(bytesWritten) / double(written) * double(end - i - 1));
        entries[i - begin] = copies.copy(buffer, toCome);
    }
    return true;
}

// Writes entries [begin, end) into `entries` (end - begin of them, detached once by the caller:
// the threads write through it), on two threads when there are enough of them.
bool writeSpan(QByteArray *entries, qsizetype begin, qsizetype end, const EntryWriter &write, const ConversionCancel &cancel)
{
    const qsizetype count = end - begin;
    if (count < g_minimumEntries.load(std::memory_order_relaxed) || QThread::idealThreadCount() < 2)
        return writeOneThread(entries, begin, end, write, cancel);
    // Halves of equal count: the entries of a log are alike enough in size.
    const qsizetype middle = begin + count / 2;
    bool secondDone = true;
    std::thread second([&] { secondDone = writeOneThread(entries + (middle - begin), middle, end, write, cancel); });
    const bool done = writeOneThread(entries, begin, middle, write, cancel);
    second.join();
    return done && secondDone;
}

} // namespace

bool write(QList<QByteArray> &out, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel)
{
    out.clear();
    out.resize(count);
    const bool done = writeSpan(out.data(), 0, count, write, cancel);
    if (!done)
        out.clear();
    return done;
}

bool writeRange(QList<QByteArray> &out, qsizetype begin, qsizetype end, const EntryWriter &write, const ConversionCancel &cancel)
{
    out.clear();
    out.resize(end - begin);
    const bool done = writeSpan(out.data(), begin, end, write, cancel);
    if (!done)
        out.clear();
    return done;
}

bool writeInBatches(QList<QByteArray> &out, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel,
                    const SettledEntries &settled, qsizetype bytesRead)
{
    return writeInBatches(out, 0, count, write, cancel, settled, bytesRead);
}

bool writeInBatches(QList<QByteArray> &out, qsizetype begin, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel,
                    const SettledEntries &settled, qsizetype bytesRead)
{
    out.clear();
    while (begin < count) {
        const qsizetype wanted = std::max<qsizetype>(begin == 0 ? settled.firstBatch : settled.batch, 1);
        const qsizetype end = begin + std::min(wanted, count - begin);
        QList<QByteArray> batch;
        if (!writeRange(batch, begin, end, write, cancel))
            return false;
        // The share of the input the entries written so far stand for (in doubles: a large input
        // times a large count may not fit in 64 bits).
        const qsizetype read = end == count ? bytesRead : qsizetype(double(bytesRead) * double(end) / double(count));
        if (!settled.handOver(std::move(batch), read))
            return false;
        begin = end;
    }
    return true;
}

void setMinimumEntriesForTesting(qsizetype minimum)
{
    g_minimumEntries.store(minimum, std::memory_order_relaxed);
}

} // namespace ParallelEntries
