// SPDX-License-Identifier: MIT
#pragma once

#include "store/librarysearchhit.h"

#include <QList>

// The one shape of `--search` results, for the library and for one run: tsv (a header line, then
// org, run, entry (from 1), message_type, tool_name, snippet, origin) or a JSON array of objects
// with those names and run_status, run_created_at. Written to stdout.
namespace SearchHitsOutput {
void write(const QList<LibrarySearchHit> &hits, bool json);
// The same, of hits as the search handed them over, batch after batch (kept as they came: a
// copy of 770,000 hits into one list cost a tenth of the command).
void write(const QList<QList<LibrarySearchHit>> &batches, bool json);
}
