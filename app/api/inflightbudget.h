// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// The bytes of page bodies held at once, process-wide: from their first byte until their parse
// is done (downloading, waiting for the parse budget, being parsed). Each body is bounded by
// PageReply::Limits::maxBodyBytes; this bounds their sum, whatever the number of loaders, windows
// and requests in flight. A reply that would pass it stops and fails with a transient error
// (ApiError::Kind::TooManyAtOnce), and its page is asked again after a backoff: waiting instead
// could deadlock, every reply holding part of the budget and waiting for more.
class InFlightBudget
{
public:
    // Two maximal pages (128 MB each) at once; real pages are a few hundred kilobytes.
    static constexpr qint64 kDefaultMaxBytes = 256LL << 20;

    // Takes `bytes` when they fit; false (and nothing taken) when they do not.
    static bool tryTake(qint64 bytes);
    static void give(qint64 bytes);

    // For tests and benchmarks.
    static void setMaxBytes(qint64 bytes);
    static qint64 maxBytes();
    static qint64 bytesInUse();
    static qint64 peakBytesInUse();
    static void resetPeak();
};
