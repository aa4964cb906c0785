// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// How much JSON is being parsed at once, process-wide: pages of the API, entries of an exported
// file, the entry the detail pane shows. Parsing needs several times a document's size (simdjson's
// structural index alone takes 4 bytes per structural character), so the sum is what must be
// bounded, not each document: parses start in arrival order while their sizes fit in the budget,
// and wait (on their worker thread, never the UI's) otherwise. A document larger than the whole
// budget parses alone.
class ParseBudget
{
public:
    // One maximal page (PageReply's 128 MB body limit) at a time, or many small documents.
    static constexpr qint64 kDefaultMaxBytes = 128LL << 20;

    // Holds `bytes` of the budget for its lifetime; waits until they are free.
    class Reservation
    {
    public:
        explicit Reservation(qint64 bytes);
        ~Reservation();
        Reservation(const Reservation &) = delete;
        Reservation &operator=(const Reservation &) = delete;

    private:
        qint64 m_bytes;
    };

    // For tests and benchmarks: the budget, what is held now, and the most ever held at once.
    static void setMaxBytes(qint64 bytes);
    static qint64 maxBytes();
    static qint64 bytesInUse();
    static qint64 peakBytesInUse();
    static void resetPeak();
};
