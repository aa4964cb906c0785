// SPDX-License-Identifier: MIT
#pragma once

#include "search/allwordsfinder.h"
#include "search/queryevaluator.h"
#include "search/queryfacts.h"
#include "store/librarysearchhit.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

class EntryCursor;
class KeptLibraryConnection;
class LibraryConnectionThread;
class RawEntryPrefilter;
class SearchEngine;
struct ParsedQuery;

// One stored run as search across the library reads it.
struct LibraryScanRun
{
    qint64 key = 0;
    QString origin;
    qint64 orgId = 0;
    qint64 runId = 0;
    QString status;
    QString createdAt;
    qint64 createdMs = LogEntry::kNoTime;
    qint64 storedEntries = 0;

    QueryRunFacts facts() const { return {runId, orgId, status, origin, createdMs}; }
    // A hit on the entry at `position`, its type and tool from `raw` (empty: unknown).
    LibrarySearchHit hitAt(qint64 position, QByteArrayView raw) const;
};

// How reading a range of entries went.
struct LibraryRangeResult
{
    QList<LibrarySearchHit> hits;  // kept when no `take` was given
    qint64 entriesChecked = 0;
    bool tooCostly = false;        // a regular expression gave up on an entry
    bool interrupted = false;      // cancelled, or `take` wanted no more
    QString error;
};

// The matching of one entry of the library: the query's evaluator (set to the entry's run) and
// what shows a hit. Used by one thread at a time.
struct LibraryEntryMatcher
{
    const QueryEvaluator &evaluator;
    const SearchEngine &snippetEngine;
    bool readsFacts = false;
    const QSet<qint64> *noted = nullptr;   // the run's entries with a note (has:note)
    // Their notes' texts: a note is one more field of its entry (QueryEvaluator). An entry is a
    // hit of its own when it matches with its note and also without it (its own text holds the
    // match); a match that needs the note is the note's hit (LibrarySearchScan's note pass).
    const QHash<qint64, QString> *noteTexts = nullptr;
    bool onlyNoted = false;                // read only those
    // Rules entries out by their raw bytes before they are matched (none: every entry matched).
    const RawEntryPrefilter *rawPrefilter = nullptr;
    // snippetDecidesMatch: an entry without a note is a hit exactly where the snippet engine
    // finds its first match, so that one walk of the entry both matches it and shows it.
    bool snippetDecides = false;
    // allWordsDecideMatch: the query's words, found in one walk of an entry without a note that
    // both matches it and makes its snippet (where the finder knows; else the evaluator).
    const AllWordsFinder *allWords = nullptr;
};

// Whether, for `query` searched with `options`, an entry (without a note) holds a match exactly
// where the snippet engine that LibrarySearchScan makes for it (one word or phrase of ASCII text,
// found as plain text) finds a first match: the query is that one word or phrase and nothing else
// (no key, exclusion, OR or whole words), and the word has none of the pane's layout, so it is
// not also looked for across the pane's text (SearchEngine::searchesShownText). The count walked
// each hit's entry a second time: a sixth of a one-letter search (bench_library, callgrind).
bool snippetDecidesMatch(const ParsedQuery &query, const QueryEvaluator::Options &options);

// For a query of several words or phrases of ASCII text that must all match and nothing else
// (no key, exclusion, OR or whole words; none holding the pane's layout, as for
// snippetDecidesMatch), what finds them all in an entry's values and its snippet's first match
// in one walk; none for any other query. Two common words walked each hit three times (a count
// of each, then the snippet's regular expression).
std::optional<AllWordsFinder> allWordsDecideMatch(const ParsedQuery &query, const QueryEvaluator::Options &options);

// The entries of `run` between the ids `low` and `high` that `cursor`'s statement gives (bound
// and started here), in order, matched by `matcher`. `take` gets each hit, to keep or move from
// (false: stop); none: the hits are kept in the result. `stop` (optional): this range alone is
// no longer wanted.
LibraryRangeResult scanLibraryRange(EntryCursor &cursor, const LibraryEntryMatcher &matcher, const LibraryScanRun &run,
                                    qint64 low, qint64 high, const std::atomic<bool> &cancel,
                                    const std::function<bool(LibrarySearchHit &hit)> &take = {},
                                    const std::atomic<bool> *stop = nullptr);

// A second thread for a search that reads every entry (no index narrows it): it reads the second
// half of a big run while the caller reads the first, on a connection of its own (opened in its
// thread, as Qt SQL wants), so that both cores search. Its hits come back whole, to be handed on
// after the first half's, in order. The thread and its connection are a kept LibraryConnectionThread's
// when one is given (the window's searches), else its own for this search.
class LibraryHalfScanner
{
public:
    // `connectionName`: the caller's connection, cloned when no `kept` thread is given; `sql` selects
    // `id, raw` between :low and :high (the index's candidates, or every entry), `everyEntrySql`
    // every entry between them (the same where the index is not used).
    LibraryHalfScanner(const QString &connectionName, LibraryConnectionThread *kept, const ParsedQuery &query, QueryEvaluator::Options options,
                       const SearchEngine &snippetEngine, bool readsFacts, const QString &sql, const QString &everyEntrySql,
                       const std::atomic<bool> &cancel, const RawEntryPrefilter *rawPrefilter = nullptr);
    ~LibraryHalfScanner();
    LibraryHalfScanner(const LibraryHalfScanner &) = delete;
    LibraryHalfScanner &operator=(const LibraryHalfScanner &) = delete;

    // Whether its connection opened (else the caller reads every half itself).
    bool isReady();
    // `everyEntry`: read with everyEntrySql.
    void start(const LibraryScanRun &run, const QSet<qint64> &noted, const QHash<qint64, QString> &noteTexts, qint64 low,
               qint64 high, bool everyEntry);
    // The half under way is not wanted (the first half filled the hits asked for, or its receiver
    // wants no more): it ends soon, and wait() returns what it read so far.
    void stop();
    LibraryRangeResult wait();

private:
    // Reads the halves asked for on `db` until destruction; false when it failed (not to be kept).
    bool serve(const QSqlDatabase &db, const QString &sql, const QString &everyEntrySql, bool kept);

    struct Job
    {
        LibraryScanRun run;
        QSet<qint64> noted;
        QHash<qint64, QString> noteTexts;
        qint64 low = 0;
        qint64 high = 0;
        bool everyEntry = false;
    };

    const ParsedQuery &m_query;
    QueryEvaluator::Options m_options;
    const SearchEngine &m_snippetEngine;
    bool m_readsFacts;
    const std::atomic<bool> &m_cancel;
    const RawEntryPrefilter *m_rawPrefilter;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<bool> m_ready;
    std::optional<Job> m_job;
    std::optional<LibraryRangeResult> m_result;
    std::atomic<bool> m_stopHalf{false};
    bool m_quit = false;
    bool m_served = false; // the kept thread's work has returned
    std::thread m_thread;  // when no kept thread is given
};

// How SQLite reads the library's file for a search. A connection opened for one search
// (`runlog --search`) reads through read() into its page cache, not through a memory map: a new
// map takes a page fault for each page it touches, which cost more than the copy it spares
// (bench_library on fresh connections: a read of every entry 0.6-0.7 s of CPU a thread mapped,
// 0.35-0.42 s read; the first hit through the index 14-60 ms mapped, 1-22 ms read). A connection
// kept across searches (LibrarySearch's) maps the file: its map stays faulted in, and the next
// searches read every entry for about a quarter less (bench_library --one-search-object, two
// letters: 290-320 ms of CPU a thread from the second search on, 390-480 ms read; the first 660 ms).
void readLibraryUnmapped(const QSqlDatabase &db);
void readLibraryMapped(const QSqlDatabase &db);
