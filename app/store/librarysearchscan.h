// SPDX-License-Identifier: MIT
#pragma once

#include "search/searchquery.h"
#include "store/librarysearchhit.h"

#include <QSqlDatabase>
#include <QStringList>

class LibraryConnectionThread;

#include <atomic>
#include <functional>

// Search across every stored run, on the calling thread (a worker's, or the command line's):
// runs newest first (by their created_at), entries oldest first within a run. The query's
// pattern is the query language (QueryLanguage, Scope::Library: run:, org:, status:, source:,
// after:, before: besides the entry keys; with `regex`, one regular expression); matching is the
// in-run search's own (QueryEvaluator, SearchEngine over each entry's SearchText), so the results
// are what opening each run and searching it would find. Runs that the run keys rule out are not
// read. The full-text index only narrows which entries are read: in a query without OR, each
// word or phrase with three ASCII characters in a row, and each regular expression whose matches
// must hold such text (RegexLiterals), asks the index for the entries holding its trigrams;
// anything else (keys alone, shorter or non-ASCII words, a pattern with no such literal) reads
// every entry of the runs left.
namespace LibrarySearchScan {

// Runs of at least this many entries are read by two threads when no index narrows the search
// (4,096; tests lower it to see both ways).
void setEntriesWorthASecondThread(qint64 entries);

// The FTS5 query of trigrams for a pattern; empty when the index cannot narrow it.
QString trigramQuery(const SearchQuery &query);

// `found` gets the hits in order, the first at once and then in batches (never more than one
// run's in one); returning false stops the search. `maxHits` <= 0: no limit.
//
// The user's notes (the notes table) are searched too: a note on an entry of a stored run matches
// when a group of the query with words, phrases or regexes holds over the note's text (its keys
// over the note's entry), and is a hit of its own (fromNote) after its entry's. has:note holds for
// the entries that have a note. A regular expression that gives up on an entry or a note stops
// the search (tooCostly, with SearchEngine::tooCostlyText() as the error), as it does in a run.
//
// `secondHalves`: the kept thread (and connection) that reads second halves (LibrarySearch keeps
// one across searches; `db` is then kept too, and both read the file through a memory map); none:
// a thread with a connection of its own for this search.
LibrarySearchSummary run(const QSqlDatabase &db, const SearchQuery &query, qint64 maxHits,
                         const std::atomic<bool> &cancel,
                         const std::function<bool(const QList<LibrarySearchHit> &hits)> &found,
                         LibraryConnectionThread *secondHalves = nullptr);

}
