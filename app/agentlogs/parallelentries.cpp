// SPDX-License-Identifier: MIT
#include "agentlogs/parallelentries.h"

#include "agentlogs/conversionsupport.h"

#include <QThread>

#include <atomic>
#include <thread>

namespace ParallelEntries {

namespace {

std::atomic<qsizetype> g_minimumEntries{kDefaultMinimumEntries};

// Writes entries [begin, end) into their places; false when the cancel said stop.
bool writeRange(QByteArray *entries, qsizetype begin, qsizetype end, const EntryWriter &write, const ConversionCancel &cancel)
{
    CancelCheck cancelled(cancel);
    QByteArray buffer; // grows to the largest entry once, and stays
    for (qsizetype i = begin; i < end; ++i) {
        if (cancelled())
            return false;
        buffer.resize(0); // keeps the capacity: clear() would free it
        write(i, buffer);
        entries[i] = QByteArray(buffer.constData(), buffer.size());
    }
    return true;
}

} // namespace

bool write(QList<QByteArray> &out, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel)
{
    out.clear();
    out.resize(count);
    QByteArray *entries = out.data(); // detached once, here: the threads write through it
    bool done = true;
    if (count < g_minimumEntries.load(std::memory_order_relaxed) || QThread::idealThreadCount() < 2) {
        done = writeRange(entries, 0, count, write, cancel);
    } else {
        // Halves of equal count: the entries of a log are alike enough in size.
        const qsizetype middle = count / 2;
        bool secondDone = true;
        std::thread second([&] { secondDone = writeRange(entries, middle, count, write, cancel); });
        done = writeRange(entries, 0, middle, write, cancel);
        second.join();
        done = done && secondDone;
    }
    if (!done)
        out.clear();
    return done;
}

void setMinimumEntriesForTesting(qsizetype minimum)
{
    g_minimumEntries.store(minimum, std::memory_order_relaxed);
}

} // namespace ParallelEntries
