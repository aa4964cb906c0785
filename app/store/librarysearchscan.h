// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"
#include "store/librarysearchhit.h"

#include <QSqlDatabase>
#include <QStringList>

#include <atomic>
#include <functional>

// Search across every stored run, on the calling thread (a worker's, or the command line's):
// runs newest first (by their created_at), entries oldest first within a run. The query's
// pattern is the query language (QueryLanguage, Scope::Library: run:, org:, status:, source:,
// after:, before: besides the entry keys; with `regex`, one regular expression); matching is the
// in-run search's own (QueryEvaluator, SearchEngine over each entry's SearchText), so the results
// are what opening each run and searching it would find. Runs that the run keys rule out are not
// read. The full-text index only narrows which entries are read: in a query without OR, each
// word or phrase with three ASCII characters in a row asks the index for the entries holding its
// trigrams; anything else (a regular expression, keys alone, shorter or non-ASCII words) reads
// every entry of the runs left.
namespace LibrarySearchScan {

// The FTS5 query of trigrams for a pattern; empty when the index cannot narrow it.
QString trigramQuery(const SearchQuery &query);

// `found` gets the hits of one run at a time; returning false stops the search. `maxHits` <= 0:
// no limit.
LibrarySearchSummary run(const QSqlDatabase &db, const SearchQuery &query, qint64 maxHits,
                         const std::atomic<bool> &cancel,
                         const std::function<bool(const QList<LibrarySearchHit> &hits)> &found);

}
