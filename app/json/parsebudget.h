// SPDX-License-Identifier: MIT
#pragma once

#include "json/bytebudget.h"

// How much JSON is being parsed at once, process-wide: pages of the API, entries of an exported
// file, the entry the detail pane shows. Parsing needs several times a document's size (simdjson's
// structural index alone takes 4 bytes per structural character), so the sum is what must be
// bounded, not each document: parses start in arrival order while their sizes fit in the budget,
// and wait (on their worker thread, never the UI's) otherwise, each holding a
// ByteBudget::Reservation of ParseBudget::shared() for its document's size. A document larger
// than the whole budget parses alone.
namespace ParseBudget {
// One maximal page (PageReply's 128 MB body limit) at a time, or many small documents.
inline constexpr qint64 kDefaultMaxBytes = 128LL << 20;

ByteBudget &shared();
} // namespace ParseBudget
