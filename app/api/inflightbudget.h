// SPDX-License-Identifier: MIT
#pragma once

#include "json/bytebudget.h"

// The bytes of page bodies held at once, process-wide: from their first byte until their parse
// is done (downloading, waiting for the parse budget, being parsed). Each body is bounded by
// PageReply::Limits::maxBodyBytes; this bounds their sum, whatever the number of loaders, windows
// and requests in flight. A reply that would pass it stops and fails with a transient error
// (ApiError::Kind::TooManyAtOnce), and its page is asked again after a backoff: waiting instead
// could deadlock, every reply holding part of the budget and waiting for more. So replies only
// ever tryTake() from InFlightBudget::shared() and give() back.
namespace InFlightBudget {
// Two maximal pages (128 MB each) at once; real pages are a few hundred kilobytes.
inline constexpr qint64 kDefaultMaxBytes = 256LL << 20;

ByteBudget &shared();
} // namespace InFlightBudget
