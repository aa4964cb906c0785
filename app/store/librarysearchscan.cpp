// SPDX-License-Identifier: MIT
#include "store/librarysearchscan.h"

#include "api/pageparser.h"
#include "search/queryevaluator.h"
#include "search/querylanguage.h"
#include "search/regexliterals.h"
#include "search/searchengine.h"
#include "search/shownfragments.h"
#include "search/searchtext.h"
#include "store/entrycursor.h"
#include "store/libraryrangescan.h"
#include "search/rawentryprefilter.h"
#include "store/libraryrecords.h"
#include "store/librarysearchnotes.h"
#include "store/storednote.h"
#include "search/searchsnippet.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

namespace {

// Enough trigrams to narrow the candidates well; more only cost the index time.
constexpr int kMaxTrigrams = 12;
// A run this big is read by two threads when every entry is read (smaller ones are not worth the
// hand-over). Tests lower it.
std::atomic<qint64> s_entriesWorthASecondThread{4096};


// The trigrams of one piece of text: empty when it has no three ASCII characters in a row. With
// `betweenLayout`, those of its pieces between what may be the pane's layout only: a match found
// across the Readable view's `key: value` layout holds each such piece inside one key or value,
// which the index's text holds, but not the layout between them. A layout byte
// (ShownFragments::isLayoutByte) splits the text, but for a space or a dash right after a
// character of a key or value: the view writes those as layout only after layout (a line break,
// indentation, ": ", "- "), so there they are the value's own ("parser returns", "grep -r").
QString trigramsOfText(const QString &text, bool betweenLayout)
{
    QStringList pieces;
    if (!betweenLayout) {
        pieces.append(text);
    } else {
        QString piece;
        bool afterData = false; // the character before is a key's or value's own
        for (const QChar c : text) {
            const bool layout = c.unicode() < 0x80 && ShownFragments::isLayoutByte(uchar(c.unicode()));
            if (!layout || (afterData && (c == QLatin1Char(' ') || c == QLatin1Char('-')))) {
                piece.append(c);
                afterData = true;
                continue;
            }
            if (!piece.isEmpty())
                pieces.append(piece);
            piece.clear();
            afterData = false;
        }
        if (!piece.isEmpty())
            pieces.append(piece);
    }
    QStringList parts;
    for (const QString &piece : std::as_const(pieces)) {
        SearchQuery plain;
        plain.pattern = piece;
        const QString trigrams = LibrarySearchScan::trigramQuery(plain);
        if (!trigrams.isEmpty())
            parts.append(trigrams);
    }
    return parts.join(QStringLiteral(" AND "));
}

// What a regular expression's matches must hold (RegexLiterals), as trigrams: each requirement
// whose every alternative has trigrams narrows ("(a) OR (b)"); the others cannot.
QStringList trigramsOfRegex(const QueryTerm &term, bool betweenLayout)
{
    QStringList parts;
    for (const RegexLiterals::Requirement &requirement : RegexLiterals::required(term.text, !term.anyCase)) {
        QStringList alternatives;
        for (const QByteArray &piece : requirement) {
            const QString trigrams = trigramsOfText(QString::fromUtf8(piece), betweenLayout);
            if (trigrams.isEmpty()) {
                alternatives.clear();
                break;
            }
            alternatives.append(trigrams);
        }
        if (alternatives.size() == 1)
            parts.append(alternatives.first());
        else if (!alternatives.isEmpty())
            parts.append(QStringLiteral("((") + alternatives.join(QStringLiteral(") OR (")) + QStringLiteral("))"));
    }
    return parts;
}

// The trigrams every match must hold: those of each word, phrase and regular expression of a
// query without OR (an exclusion or a key narrows nothing); empty when none has three ASCII
// characters. `anyCase`: a term that narrows is matched in any case (the entries whose case
// folding SQLite may not share are read too). A term that may match across the pane's layout
// (`"cmd: grep"` over a `cmd: grep -r x` line of the Readable view) narrows by its pieces between
// the layout only: the index holds the entry's keys and values, not that view, and such matches
// were missed (two thirds of `"cmd: grep"`'s in tst_librarysearch).
QString trigramsOf(const ParsedQuery &parsed, const QueryEvaluator::Options &options, bool *anyCase)
{
    *anyCase = false;
    if (parsed.groups.size() != 1)
        return {};
    QStringList parts;
    for (const QueryTerm &term : parsed.groups.first()) {
        if (term.negated || !term.isText())
            continue;
        const bool acrossLayout = QueryEvaluator::engineFor(term, options)->searchesShownText();
        const QStringList narrowing = term.kind == QueryTerm::Kind::Regex ? trigramsOfRegex(term, acrossLayout)
                                                                          : QStringList{trigramsOfText(term.text, acrossLayout)};
        for (const QString &part : narrowing) {
            if (part.isEmpty())
                continue;
            parts.append(part);
            *anyCase = *anyCase || (term.kind == QueryTerm::Kind::Regex ? term.anyCase : !options.caseSensitive);
        }
    }
    return parts.join(QStringLiteral(" AND "));
}

QString quoted(const QString &trigram)
{
    QString text = trigram;
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// The groups of a query that hold a positive text term: what a note's text can match.
ParsedQuery textGroupsOf(const ParsedQuery &parsed)
{
    ParsedQuery text;
    for (const QList<QueryTerm> &group : parsed.groups) {
        if (std::any_of(group.begin(), group.end(), [](const QueryTerm &t) { return t.isText() && !t.negated; }))
            text.groups.append(group);
    }
    return text;
}

// Every group asks for has:note: only the entries with a note can match.
bool everyGroupNeedsANote(const ParsedQuery &parsed)
{
    if (parsed.groups.isEmpty())
        return false;
    return std::all_of(parsed.groups.begin(), parsed.groups.end(), [](const QList<QueryTerm> &group) {
        return std::any_of(group.begin(), group.end(),
                           [](const QueryTerm &t) { return t.kind == QueryTerm::Kind::Has && !t.negated; });
    });
}

QueryEntryFacts factsOf(qint64 position, const std::optional<EntryParseResult> &entry)
{
    QueryEntryFacts facts;
    facts.entry = int(position);
    if (entry && entry->ok) {
        facts.messageType = entry->entry.messageType;
        facts.toolName = entry->entry.toolName;
        facts.createdAtMsecs = entry->entry.createdAtMsecs;
    }
    return facts;
}

// What finds a hit's first match for its snippet: the query's words, phrases and regexes as one
// regular expression (QueryEvaluator::highlightQuery), or, where the query has one word or phrase
// of ASCII text and nothing else to highlight, that text found as plain text: the same first
// match, without a regular expression and a match object for every value read up to it, which
// was a fifth of a search with 770,000 hits (bench_library, perf).
SearchEngine snippetEngineFor(const ParsedQuery &parsed, const SearchQuery &query, const QueryEvaluator &evaluator)
{
    const QueryTerm *only = nullptr;
    int positive = 0;
    for (const QList<QueryTerm> &group : parsed.groups) {
        for (const QueryTerm &term : group) {
            if (term.isText() && !term.negated) {
                ++positive;
                only = &term;
            }
        }
    }
    if (positive == 1 && only->kind != QueryTerm::Kind::Regex && !query.wholeWord && isAscii(only->text)
        && !only->text.contains(QChar(0))) {
        SearchQuery plain;
        plain.pattern = only->text;
        plain.caseSensitive = query.caseSensitive;
        return SearchEngine(plain);
    }
    return SearchEngine(evaluator.highlightQuery());
}

// Whether the index has been giving many candidates: one entry in 16 of the runs read so far
// (a common word's share; a rare word's is far below), so that the next big run is worth the
// second thread's own full-text query of its second half.
bool indexGivesMany(qint64 candidates, qint64 entries)
{
    return entries > 0 && candidates * 16 >= entries;
}

// Whether the index has been giving a quarter of the entries of the runs read so far or more:
// the next runs are read whole, without it. Its full-text query costs more a candidate than
// reading an entry in order and ruling it out by its bytes (bench_library, callgrind: two common
// words, 48 % of the entries, 8,100 instructions a candidate in SQLite against 1,650 an entry).
bool indexGivesMost(qint64 candidates, qint64 entries)
{
    return entries > 0 && candidates * 4 >= entries;
}

// Whether reading every entry of a run finds what reading the index's candidates finds: not
// where a regular expression may give up on an entry the index never gave (SearchEngine::
// kTooCostly, which stops the search; found by a review). (Every match of a word or phrase holds
// the trigrams the index is asked for, those of its pieces between the pane's layout included.)
bool indexMayBeLeft(const ParsedQuery &parsed)
{
    for (const QList<QueryTerm> &group : parsed.groups) {
        for (const QueryTerm &term : group) {
            if (term.kind == QueryTerm::Kind::Regex)
                return false;
        }
    }
    return true;
}

// Hits handed on as they are found, in order (a run's notes' hits among its entries' by
// position, a note after its entry): the first at once, then in batches, so that the first
// result shows while the rest of the library is read.
class HitBatches
{
public:
    using Found = std::function<bool(const QList<LibrarySearchHit> &hits)>;
    static constexpr int kBatch = 256;
    static constexpr int kBatchMs = 40;

    HitBatches(const Found &found, const QElapsedTimer &clock, LibrarySearchSummary &summary)
        : m_found(found), m_clock(clock), m_summary(summary)
    {
    }

    void startRun(const QList<LibrarySearchHit> &noteHits)
    {
        m_notes = noteHits;
        m_nextNote = 0;
    }
    // False: the receiver wants no more. The hit is moved from.
    bool add(LibrarySearchHit &hit)
    {
        takeNotesBefore(hit.position);
        if (m_pending.isEmpty())
            m_pending.reserve(kBatch);
        m_pending.append(std::move(hit));
        ++m_count;
        if (m_summary.msToFirstHit < 0 || m_pending.size() >= kBatch || m_clock.elapsed() - m_sentMs >= kBatchMs)
            return send();
        return true;
    }
    // The run's notes left, and what is pending; at most `limit` hits in all (0: no limit).
    bool endRun(qint64 limit)
    {
        takeNotesBefore(std::numeric_limits<qint64>::max());
        if (limit > 0 && m_count > limit) {
            m_pending.resize(std::max<qsizetype>(0, m_pending.size() - (m_count - limit)));
            m_count = limit;
        }
        return send();
    }
    qint64 count() const { return m_count; }

private:
    void takeNotesBefore(qint64 position)
    {
        while (m_nextNote < m_notes.size() && m_notes.at(m_nextNote).position < position) {
            m_pending.append(m_notes.at(m_nextNote++));
            ++m_count;
        }
    }
    bool send()
    {
        if (m_pending.isEmpty())
            return true;
        if (m_summary.msToFirstHit < 0)
            m_summary.msToFirstHit = m_clock.elapsed();
        m_sentMs = m_clock.elapsed();
        const QList<LibrarySearchHit> batch = std::exchange(m_pending, {});
        return m_found(batch);
    }

    const Found &m_found;
    const QElapsedTimer &m_clock;
    LibrarySearchSummary &m_summary;
    QList<LibrarySearchHit> m_notes;
    qsizetype m_nextNote = 0;
    QList<LibrarySearchHit> m_pending;
    qint64 m_count = 0;
    qint64 m_sentMs = 0;
};

} // namespace

namespace LibrarySearchScan {

void setEntriesWorthASecondThread(qint64 entries)
{
    s_entriesWorthASecondThread = entries;
}

QString trigramQuery(const SearchQuery &query)
{
    if (query.regex || query.pattern.size() < 3)
        return {};
    // Trigrams of ASCII characters only: there SQLite's case folding and Qt's agree (and entries
    // holding a character Qt folds into ASCII are always read, see fold_entries).
    QStringList trigrams;
    QSet<QString> seen;
    for (qsizetype i = 0; i + 3 <= query.pattern.size(); ++i) {
        const QStringView trigram = QStringView(query.pattern).mid(i, 3);
        if (!isAscii(trigram))
            continue;
        const QString folded = trigram.toString().toLower();
        if (seen.contains(folded))
            continue;
        seen.insert(folded);
        trigrams.append(folded);
    }
    if (trigrams.isEmpty())
        return {};
    // Spread over the pattern: the first, the last, evenly between.
    QStringList chosen;
    if (trigrams.size() <= kMaxTrigrams) {
        chosen = trigrams;
    } else {
        for (int k = 0; k < kMaxTrigrams; ++k)
            chosen.append(trigrams.at(qsizetype(k) * (trigrams.size() - 1) / (kMaxTrigrams - 1)));
    }
    QStringList terms;
    for (const QString &trigram : std::as_const(chosen))
        terms.append(quoted(trigram));
    return terms.join(QStringLiteral(" AND "));
}

LibrarySearchSummary run(const QSqlDatabase &db, const SearchQuery &query, qint64 maxHits,
                         const std::atomic<bool> &cancel,
                         const std::function<bool(const QList<LibrarySearchHit> &hits)> &found,
                         LibraryConnectionThread *secondHalvesThread)
{
    QElapsedTimer clock;
    clock.start();
    LibrarySearchSummary summary;
    // The pattern is the query language's (Search All Runs, `runlog --search`); with the regex
    // toggle, one regular expression as before.
    const ParsedQuery parsed = query.regex ? QueryLanguage::wholeRegex(query.pattern, query.caseSensitive)
                                           : QueryLanguage::parse(query.pattern, QueryLanguage::Scope::Library);
    if (!parsed.isValid()) {
        summary.error = parsed.error;
        return summary;
    }
    if (parsed.isEmpty())
        return summary;
    // Only whether an entry matches counts here (a hit is an entry), not how often.
    const QueryEvaluator::Options options{query.caseSensitive, query.wholeWord, EntryText::Mode::Readable, true};
    QueryEvaluator evaluator(parsed, options);
    const SearchEngine snippetEngine = snippetEngineFor(parsed, query, evaluator);
    const bool snippetDecides = snippetDecidesMatch(parsed, options);
    const std::optional<AllWordsFinder> allWords = allWordsDecideMatch(parsed, options);
    const RawEntryPrefilter rawPrefilter(parsed, query.caseSensitive);
    const bool readsFacts = parsed.hasKeys();
    // Notes are searched when a group asks for text: a note is one more field of its entry
    // (QueryEvaluator), and a match that the note takes part in is the note's hit.
    const bool searchesNotes = !textGroupsOf(parsed).isEmpty();
    const bool onlyNoted = everyGroupNeedsANote(parsed);

    LibrarySearchNotes notes;
    if (!notes.read(db, &summary.error)) {
        summary.unreadable = true;
        return summary;
    }

    QList<LibraryScanRun> runs;
    {
        QSqlQuery list(db);
        list.setForwardOnly(true);
        if (!list.exec(QStringLiteral("SELECT id, origin, org_id, run_id, status, created_at, created_ms, stored_entries"
                                      " FROM runs ORDER BY created_ms IS NULL, created_ms DESC, id DESC"))) {
            summary.error = list.lastError().text();
            summary.unreadable = true;
            return summary;
        }
        while (list.next()) {
            runs.append(LibraryScanRun{list.value(0).toLongLong(), list.value(1).toString(), list.value(2).toLongLong(),
                                       list.value(3).toLongLong(), list.value(4).toString(), list.value(5).toString(),
                                       list.value(6).isNull() ? LogEntry::kNoTime : list.value(6).toLongLong(),
                                       list.value(7).toLongLong()});
        }
    }

    bool anyCase = false;
    const QString match = onlyNoted ? QString() : trigramsOf(parsed, options, &anyCase);
    summary.usedIndex = !match.isEmpty();
    // A kept connection (the window's, with its kept second thread) maps the file; one opened for
    // this search reads it (readLibraryMapped).
    if (secondHalvesThread)
        readLibraryMapped(db);
    else
        readLibraryUnmapped(db);
    // A new keystroke stops SQLite too, inside a full-text query or a long row.
    const SqliteCancellation stopOnCancel(db, cancel);
    const QString everyEntrySql = QStringLiteral("SELECT id, raw FROM entries WHERE id BETWEEN :low AND :high ORDER BY id");
    QString candidatesSql;
    QString withFoldedSql;
    if (summary.usedIndex) {
        const QString quotedMatch = QLatin1Char('\'') + QString(match).replace(QLatin1Char('\''), QStringLiteral("''"))
            + QLatin1Char('\'');
        // The index's candidates as it finds them, in order: the first hit is on its way while
        // the index still reads the rest of the run.
        candidatesSql = QStringLiteral("SELECT e.id, e.raw FROM entry_text t JOIN entries e ON e.id = t.rowid"
                                       " WHERE entry_text MATCH %1 AND t.rowid BETWEEN :low AND :high ORDER BY t.rowid")
                            .arg(quotedMatch);
        // A run holding entries whose case folding SQLite may not share: those too (rare).
        withFoldedSql = QStringLiteral("SELECT id, raw FROM entries WHERE id IN (SELECT rowid FROM entry_text"
                                       " WHERE entry_text MATCH %1 AND rowid BETWEEN :low AND :high)"
                                       " OR id IN (SELECT id FROM fold_entries WHERE id BETWEEN :low2 AND :high2) ORDER BY id")
                            .arg(quotedMatch);
    } else {
        candidatesSql = everyEntrySql;
    }
    EntryCursor candidates(db, candidatesSql);
    if (!candidates.isValid()) {
        summary.error = candidates.error();
        summary.unreadable = true;
        return summary;
    }
    std::unique_ptr<EntryCursor> withFolded;
    if (anyCase && summary.usedIndex) {
        withFolded = std::make_unique<EntryCursor>(db, withFoldedSql);
        if (!withFolded->isValid()) {
            summary.error = withFolded->error();
            summary.unreadable = true;
            return summary;
        }
    }
    QSqlQuery foldedCount(db);
    foldedCount.setForwardOnly(true);
    foldedCount.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM fold_entries WHERE id BETWEEN ? AND ?)"));
    const auto holdsFolded = [&foldedCount](qint64 low, qint64 high) {
        foldedCount.addBindValue(low);
        foldedCount.addBindValue(high);
        const bool any = foldedCount.exec() && foldedCount.next() && foldedCount.value(0).toBool();
        foldedCount.finish();
        return any;
    };
    // Where every entry is read, the second core reads the second half of each big run; where
    // the index narrows, it does so once the index gives many candidates (below), its thread
    // started then.
    std::unique_ptr<LibraryHalfScanner> secondHalves;
    bool secondHalvesFailed = false;
    const auto secondThread = [&]() -> LibraryHalfScanner * {
        if (!secondHalves && !secondHalvesFailed) {
            secondHalves = std::make_unique<LibraryHalfScanner>(db.connectionName(), secondHalvesThread, parsed, options, snippetEngine,
                                                                readsFacts, candidatesSql, everyEntrySql, cancel,
                                                                rawPrefilter.isActive() ? &rawPrefilter : nullptr);
            if (!secondHalves->isReady()) {
                secondHalves.reset();
                secondHalvesFailed = true;
            }
        }
        return secondHalves.get();
    };
    const bool anyBigRun = std::any_of(runs.begin(), runs.end(), [](const LibraryScanRun &run) {
        return run.storedEntries >= s_entriesWorthASecondThread;
    });
    if (!summary.usedIndex && !onlyNoted && anyBigRun && secondThread())
        summary.threads = 2;
    QSqlQuery oneEntry(db);
    oneEntry.setForwardOnly(true);
    oneEntry.prepare(QStringLiteral("SELECT raw FROM entries WHERE id = ?"));
    const auto storedEntry = [&oneEntry](qint64 id) {
        oneEntry.addBindValue(id);
        QByteArray raw;
        if (oneEntry.exec() && oneEntry.next())
            raw = oneEntry.value(0).toByteArray();
        oneEntry.finish();
        return raw;
    };

    HitBatches batches(found, clock, summary);
    const auto take = [&batches, &summary, maxHits](LibrarySearchHit &hit) {
        if (!batches.add(hit)) {
            summary.cancelled = true;
            return false;
        }
        return maxHits <= 0 || batches.count() < maxHits;
    };
    const auto account = [&summary](const LibraryRangeResult &result) {
        summary.entriesChecked += result.entriesChecked;
        summary.tooCostly = summary.tooCostly || result.tooCostly;
        if (summary.error.isEmpty())
            summary.error = result.error;
        summary.unreadable = summary.unreadable || !result.error.isEmpty();
    };
    qint64 entriesBehind = 0; // stored entries of the runs read before this one
    // Through the index until it gives most entries (indexGivesMost); then every entry is read,
    // where that finds the same (indexMayBeLeft).
    bool readsEveryEntry = !summary.usedIndex;
    const bool mayLeaveTheIndex = indexMayBeLeft(parsed);
    std::unique_ptr<EntryCursor> everyEntry;
    const auto everyEntryCursor = [&]() -> EntryCursor * {
        if (!summary.usedIndex)
            return &candidates;
        if (!everyEntry)
            everyEntry = std::make_unique<EntryCursor>(db, everyEntrySql);
        return everyEntry->isValid() ? everyEntry.get() : nullptr;
    };
    for (const LibraryScanRun &run : std::as_const(runs)) {
        if (cancel) {
            summary.cancelled = true;
            break;
        }
        evaluator.setRun(run.facts());
        if (!evaluator.runMayMatch())
            continue;
        // forApi keeps the demo's notes under "demo" whatever port the run was stored from.
        const QString scopeKey = NotesScope::forApi(run.origin, run.orgId, run.runId).key;
        const QList<LibrarySearchNotes::Note> runNotes = notes.of(scopeKey);
        const QSet<qint64> noted = notes.notedPositions(scopeKey);
        QHash<qint64, QString> noteTexts;
        for (const LibrarySearchNotes::Note &note : runNotes)
            noteTexts.insert(note.position, note.text);
        ++summary.runsSearched;

        // The notes' hits first (a few), handed on in order among the entries' hits.
        QList<LibrarySearchHit> noteHits;
        if (searchesNotes) {
            for (const LibrarySearchNotes::Note &note : runNotes) {
                const QByteArray raw = storedEntry(LibraryRecords::entryId(run.key, note.position));
                std::optional<EntryParseResult> entry;
                if (!raw.isEmpty())
                    entry = PageParser::parseEntry(raw, note.position);
                QueryEntryFacts facts = factsOf(note.position, entry);
                facts.hasNote = true;
                facts.noteText = note.text;
                qint64 inNote = 0;
                const qint64 count = evaluator.countMatches(facts, SearchText::fromRawEntryJson(raw), &inNote);
                if (count == SearchEngine::kTooCostly) {
                    summary.tooCostly = true;
                    break;
                }
                if (count == 0 || inNote == 0)
                    continue;
                const SearchText text = SearchText::fromSegments({note.text.toUtf8()});
                LibrarySearchHit hit = run.hitAt(note.position, raw);
                const SearchSnippet snippet = SearchSnippet::of(text, snippetEngine);
                hit.snippet = snippet.text;
                hit.matchStart = snippet.matchStart;
                hit.matchLength = snippet.matchLength;
                hit.fromNote = true;
                noteHits.append(hit);
            }
        }
        batches.startRun(noteHits);

        if (!summary.tooCostly && (!onlyNoted || !noted.isEmpty())) {
            const LibraryEntryMatcher matcher{evaluator, snippetEngine, readsFacts, &noted, &noteTexts, onlyNoted,
                                              rawPrefilter.isActive() ? &rawPrefilter : nullptr, snippetDecides,
                                              allWords ? &*allWords : nullptr};
            const qint64 low = LibraryRecords::entryId(run.key, onlyNoted ? *std::min_element(noted.begin(), noted.end()) : 0);
            const qint64 high = onlyNoted ? LibraryRecords::entryId(run.key, *std::max_element(noted.begin(), noted.end()))
                                          : LibraryRecords::entryId(run.key + 1, 0) - 1;
            qint64 from = low;
            qint64 firstPosition = 0;
            qint64 entriesLeft = run.storedEntries;
            bool goOn = true;
            // The first big run read through the index: nothing read before says how many
            // candidates the index gives, so its first entries are read alone to learn it, and
            // the rest of it is split or read whole as the runs after it are (one thread read the
            // first run, a tenth of the library, while the other waited).
            if (summary.usedIndex && !readsEveryEntry && !onlyNoted && entriesBehind == 0
                && run.storedEntries >= 2 * s_entriesWorthASecondThread) {
                firstPosition = s_entriesWorthASecondThread;
                const qint64 probeHigh = LibraryRecords::entryId(run.key, firstPosition) - 1;
                EntryCursor &cursor = withFolded && holdsFolded(low, probeHigh) ? *withFolded : candidates;
                const LibraryRangeResult probe = scanLibraryRange(cursor, matcher, run, low, probeHigh, cancel, take);
                account(probe);
                entriesBehind += firstPosition;
                entriesLeft -= firstPosition;
                from = probeHigh + 1;
                goOn = !probe.interrupted && !probe.tooCostly && probe.error.isEmpty();
            }
            // Through the index, a run is split when the runs read so far gave many candidates
            // (a common word: matching them is the work, as in a scan of every entry), and never
            // where its entries whose case folding SQLite may not share must be read too.
            if (goOn && !readsEveryEntry && !onlyNoted && mayLeaveTheIndex && indexGivesMost(summary.entriesChecked, entriesBehind)
                && everyEntryCursor())
                readsEveryEntry = true;
            const bool split = goOn && !onlyNoted && entriesLeft >= s_entriesWorthASecondThread
                && (readsEveryEntry
                    || (indexGivesMany(summary.entriesChecked, entriesBehind) && !(withFolded && holdsFolded(from, high))))
                && secondThread();
            entriesBehind += entriesLeft;
            if (!goOn) {
                // The first entries filled the hits asked for, were cancelled or gave up.
            } else if (split) {
                summary.threads = 2;
                const qint64 middle = LibraryRecords::entryId(run.key, firstPosition + entriesLeft / 2);
                secondHalves->start(run, noted, noteTexts, middle, high, readsEveryEntry);
                EntryCursor &cursor = readsEveryEntry ? *everyEntryCursor() : candidates;
                const LibraryRangeResult first = scanLibraryRange(cursor, matcher, run, from, middle - 1, cancel, take);
                // The first half filled the hits asked for, was cancelled or gave up: the second
                // half's hits would be dropped, so it stops now instead of being read to its end
                // (one letter's first 10,000 hits waited 0.6 s for the 50,000 entries after them).
                const bool secondWanted = !first.interrupted && !first.tooCostly && first.error.isEmpty();
                if (!secondWanted)
                    secondHalves->stop();
                LibraryRangeResult second = secondHalves->wait();
                account(first);
                // What a stopped half found past the end is not the search's (as with one thread).
                if (secondWanted)
                    account(second);
                else
                    summary.entriesChecked += second.entriesChecked;
                if (secondWanted) {
                    for (LibrarySearchHit &hit : second.hits) {
                        if (!take(hit))
                            break;
                    }
                }
            } else {
                EntryCursor &cursor = readsEveryEntry                          ? *everyEntryCursor()
                                      : withFolded && holdsFolded(from, high) ? *withFolded
                                                                              : candidates;
                account(scanLibraryRange(cursor, matcher, run, from, high, cancel, take));
            }
        }
        const bool full = maxHits > 0 && batches.count() >= maxHits;
        if (summary.cancelled || !batches.endRun(full ? maxHits : 0)) {
            summary.cancelled = true;
            break;
        }
        if (full) {
            summary.truncated = true;
            break;
        }
        if (!summary.error.isEmpty() || summary.tooCostly)
            break;
    }
    summary.hits = batches.count();
    if (summary.tooCostly)
        summary.error = SearchEngine::tooCostlyText();
    if (cancel)
        summary.cancelled = true;
    summary.elapsedMs = clock.elapsed();
    return summary;
}

} // namespace LibrarySearchScan
