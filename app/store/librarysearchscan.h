// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"
#include "store/librarysearchhit.h"

#include <QSqlDatabase>
#include <QStringList>

#include <atomic>
#include <functional>

// Search across every stored run, on the calling thread (a worker's, or the command line's):
// runs newest first (by their created_at), entries oldest first within a run. Matching is the
// in-run search's own (SearchEngine over each entry's SearchText), so the results are exactly
// what opening each run and searching it would find. The full-text index only narrows which
// entries are read: a plain pattern with three ASCII characters in a row asks the index for the
// entries holding those trigrams; anything else (a regular expression, a shorter or non-ASCII
// pattern) reads every entry.
namespace LibrarySearchScan {

// The FTS5 query of trigrams for a pattern; empty when the index cannot narrow it.
QString trigramQuery(const SearchQuery &query);

// `found` gets the hits of one run at a time; returning false stops the search. `maxHits` <= 0:
// no limit.
LibrarySearchSummary run(const QSqlDatabase &db, const SearchQuery &query, qint64 maxHits,
                         const std::atomic<bool> &cancel,
                         const std::function<bool(const QList<LibrarySearchHit> &hits)> &found);

}
