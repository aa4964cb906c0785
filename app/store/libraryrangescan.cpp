// SPDX-License-Identifier: MIT
#include "store/libraryrangescan.h"

#include "store/libraryconnectionthread.h"

#include "api/pageparser.h"
#include "json/jsontokens.h"
#include "search/queryevaluator.h"
#include "search/querylanguage.h"
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "store/entrycursor.h"
#include "search/rawentryprefilter.h"
#include "store/libraryrecords.h"
#include "search/searchsnippet.h"

#include <QSqlQuery>

namespace {
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
// A string without escapes as a QString, from a small cache of this thread's: message types and
// tool names repeat on nearly every hit, and a search with 770,000 hits made two strings each.
QString sharedString(QByteArrayView bytes)
{
    constexpr qsizetype kMaxCached = 256;
    thread_local QHash<QByteArray, QString> cache;
    const auto found = cache.constFind(QByteArray::fromRawData(bytes.data(), bytes.size()));
    if (found != cache.constEnd())
        return *found;
    const QString text = QString::fromUtf8(bytes);
    if (cache.size() < kMaxCached && bytes.size() <= 64)
        cache.insert(bytes.toByteArray(), text);
    return text;
}

// The string value of a top-level member, as the page parser reads it (null: not a string).
QString stringValue(const char *data, qsizetype start, qsizetype end)
{
    if (end - start < 2 || data[start] != '"')
        return {};
    const QByteArrayView content(data + start + 1, end - start - 2);
    if (!content.contains('\\'))
        return sharedString(content);
    QByteArray decoded;
    JsonTokens::appendDecodedString(decoded, data + start + 1, data + end - 1, JsonTokens::StringDecoding::Exact);
    return QString::fromUtf8(decoded);
}

// message_type and tool_name of an entry, read in place from its top level: all a hit shows of
// it (a whole parse of every hit cost more than finding it).
void readTypeAndTool(QByteArrayView json, QString &type, QString &tool)
{
    const char *data = json.data();
    const qsizetype size = json.size();
    qsizetype i = 0;
    while (i < size && JsonTokens::isSpace(data[i]))
        ++i;
    if (i >= size || data[i] != '{')
        return;
    ++i;
    bool typeSeen = false, toolSeen = false;
    while (i < size && !(typeSeen && toolSeen)) {
        while (i < size && (JsonTokens::isSpace(data[i]) || data[i] == ','))
            ++i;
        if (i >= size || data[i] != '"')
            break;
        const qsizetype keyEnd = JsonTokens::stringTokenEnd(data, size, i);
        const QByteArrayView key(data + i + 1, qMax<qsizetype>(0, keyEnd - i - 2));
        i = keyEnd;
        while (i < size && (JsonTokens::isSpace(data[i]) || data[i] == ':'))
            ++i;
        const qsizetype start = i;
        i = JsonTokens::valueEnd(data, size, i);
        // The first of a repeated key, as the page parser takes it.
        if (!typeSeen && key == "message_type") {
            type = stringValue(data, start, i);
            typeSeen = true;
        } else if (!toolSeen && key == "tool_name") {
            tool = stringValue(data, start, i);
            toolSeen = true;
        }
    }
}
} // namespace

bool snippetDecidesMatch(const ParsedQuery &query, const QueryEvaluator::Options &options)
{
    if (query.groups.size() != 1 || query.groups.constFirst().size() != 1 || options.wholeWord)
        return false;
    const QueryTerm &term = query.groups.constFirst().constFirst();
    if (term.negated || (term.kind != QueryTerm::Kind::Word && term.kind != QueryTerm::Kind::Phrase)
        || term.text.isEmpty())
        return false;
    for (const QChar c : term.text) {
        if (c.unicode() >= 0x80 || c.unicode() == 0)
            return false;
    }
    return !QueryEvaluator::engineFor(term, options)->searchesShownText();
}

std::optional<AllWordsFinder> allWordsDecideMatch(const ParsedQuery &query, const QueryEvaluator::Options &options)
{
    if (query.groups.size() != 1 || query.groups.constFirst().size() < 2 || options.wholeWord)
        return std::nullopt;
    QStringList words;
    for (const QueryTerm &term : query.groups.constFirst()) {
        if (term.negated || (term.kind != QueryTerm::Kind::Word && term.kind != QueryTerm::Kind::Phrase)
            || !AllWordsFinder::accepts(term.text))
            return std::nullopt;
        if (QueryEvaluator::engineFor(term, options)->searchesShownText())
            return std::nullopt;
        words.append(term.text);
    }
    return AllWordsFinder(words, options.caseSensitive);
}

namespace {
// An entry's match decided and its snippet made by one walk (matched false: no match), where
// the matcher has a way to (snippetDecides, allWords) and it knows; else none.
std::optional<SearchSnippet> decidedSnippet(const LibraryEntryMatcher &matcher, const SearchText &text)
{
    if (matcher.snippetDecides)
        return SearchSnippet::ofFirstMatch(text, matcher.snippetEngine);
    if (!matcher.allWords)
        return std::nullopt;
    const AllWordsFinder::Result words = matcher.allWords->find(text);
    switch (words.answer) {
    case AllWordsFinder::Answer::All:
        return SearchSnippet::ofMatchIn(words.value, words.firstMatch.start, words.firstMatch.length);
    case AllWordsFinder::Answer::NotAll:
        return SearchSnippet{};
    case AllWordsFinder::Answer::Unknown:
        break;
    }
    return std::nullopt;
}
} // namespace

LibrarySearchHit LibraryScanRun::hitAt(qint64 position, QByteArrayView raw) const
{
    LibrarySearchHit hit;
    hit.origin = origin;
    hit.orgId = orgId;
    hit.runId = runId;
    hit.runStatus = status;
    hit.runCreatedAt = createdAt;
    hit.position = position;
    readTypeAndTool(raw, hit.messageType, hit.toolName);
    return hit;
}

LibraryRangeResult scanLibraryRange(EntryCursor &cursor, const LibraryEntryMatcher &matcher, const LibraryScanRun &run,
                                    qint64 low, qint64 high, const std::atomic<bool> &cancel,
                                    const std::function<bool(LibrarySearchHit &hit)> &take,
                                    const std::atomic<bool> *stop)
{
    LibraryRangeResult result;
    cursor.start();
    cursor.bind(":low", low);
    cursor.bind(":high", high);
    cursor.bind(":low2", low);
    cursor.bind(":high2", high);
    while (cursor.next()) {
        if ((result.entriesChecked & 63) == 0 && (cancel || (stop && *stop))) {
            result.interrupted = true;
            break;
        }
        const qint64 position = LibraryRecords::positionOf(cursor.id());
        const bool hasNote = matcher.noted && matcher.noted->contains(position);
        if (matcher.onlyNoted && !hasNote)
            continue;
        ++result.entriesChecked;
        // The row's bytes where SQLite has them: nothing here keeps them past this row.
        const QByteArrayView bytes = cursor.raw();
        if (!hasNote && matcher.rawPrefilter && matcher.rawPrefilter->entryCannotMatch(bytes))
            continue;
        const QByteArray raw = QByteArray::fromRawData(bytes.data(), bytes.size());
        const SearchText text = SearchText::fromRawEntryJson(raw);
        std::optional<EntryParseResult> entry;
        if (matcher.readsFacts)
            entry = PageParser::parseEntry(raw, position);
        QueryEntryFacts facts = factsOf(position, entry);
        facts.hasNote = hasNote;
        std::optional<SearchSnippet> firstMatch;
        if (!hasNote)
            firstMatch = decidedSnippet(matcher, text);
        qint64 count = firstMatch ? (firstMatch->matched ? 1 : 0) : matcher.evaluator.countMatches(facts, text);
        if (hasNote && matcher.noteTexts && count != SearchEngine::kTooCostly) {
            // With its note as one more field (an excluded word in the note excludes it), and
            // found by its own text: a match that needs the note is the note's hit.
            facts.noteText = matcher.noteTexts->value(position);
            if (count > 0 && !facts.noteText.isEmpty())
                count = matcher.evaluator.countMatches(facts, text);
        }
        if (count == SearchEngine::kTooCostly) {
            // Not "no match": the search stops and says why (as in a run).
            result.tooCostly = true;
            break;
        }
        if (count == 0)
            continue;
        LibrarySearchHit hit = run.hitAt(position, bytes);
        SearchSnippet snippet = firstMatch ? std::move(*firstMatch)
                                           : SearchSnippet::ofHit(text, matcher.snippetEngine,
                                                                  [bytes] { return PageParser::summaryOf(bytes); });
        // Moved, not copied: a search with 770,000 hits copied each hit's strings twice or three
        // times on its way (perf, bench_library).
        hit.snippet = std::move(snippet.text);
        hit.matchStart = snippet.matchStart;
        hit.matchLength = snippet.matchLength;
        if (!take) {
            result.hits.append(std::move(hit));
        } else if (!take(hit)) {
            result.interrupted = true;
            break;
        }
    }
    if (!cursor.error().isEmpty())
        result.error = cursor.error();
    if (cursor.interrupted())
        result.interrupted = true;
    cursor.start(); // lets go of the rows read
    return result;
}

void readLibraryUnmapped(const QSqlDatabase &db)
{
    // Explicitly: an SQLite built with SQLITE_DEFAULT_MMAP_SIZE would map otherwise.
    QSqlQuery(db).exec(QStringLiteral("PRAGMA mmap_size=0"));
}

void readLibraryMapped(const QSqlDatabase &db)
{
    // As much as SQLite maps at most (2 GB where it is built as usual); the rest is read().
    QSqlQuery(db).exec(QStringLiteral("PRAGMA mmap_size=2147418112"));
}

LibraryHalfScanner::LibraryHalfScanner(const QString &connectionName, LibraryConnectionThread *kept, const ParsedQuery &query,
                                       QueryEvaluator::Options options, const SearchEngine &snippetEngine, bool readsFacts,
                                       const QString &sql, const QString &everyEntrySql, const std::atomic<bool> &cancel,
                                       const RawEntryPrefilter *rawPrefilter)
    : m_query(query)
    , m_options(options)
    , m_snippetEngine(snippetEngine)
    , m_readsFacts(readsFacts)
    , m_cancel(cancel)
    , m_rawPrefilter(rawPrefilter)
{
    if (kept) {
        kept->post([this, sql, everyEntrySql](KeptLibraryConnection &connection) {
            QString error;
            const QSqlDatabase db = connection.connection(&error);
            if (!serve(db, sql, everyEntrySql, true))
                connection.close();
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_served = true;
            }
            m_changed.notify_all();
        });
        return;
    }
    m_thread = std::thread([this, connectionName, sql, everyEntrySql] {
        const QString ownName = connectionName + QStringLiteral("-half");
        {
            QSqlDatabase db = QSqlDatabase::cloneDatabase(connectionName, ownName);
            db.open();
            serve(db, sql, everyEntrySql, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(ownName);
    });
}

LibraryHalfScanner::~LibraryHalfScanner()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    } else {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [this] { return m_served; });
    }
}

bool LibraryHalfScanner::isReady()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_ready.has_value(); });
    return *m_ready;
}

void LibraryHalfScanner::start(const LibraryScanRun &run, const QSet<qint64> &noted, const QHash<qint64, QString> &noteTexts,
                               qint64 low, qint64 high, bool everyEntry)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_result.reset();
        m_job = Job{run, noted, noteTexts, low, high, everyEntry};
        m_stopHalf = false;
    }
    m_changed.notify_all();
}

void LibraryHalfScanner::stop()
{
    m_stopHalf = true;
}

LibraryRangeResult LibraryHalfScanner::wait()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_result.has_value(); });
    return std::move(*std::exchange(m_result, std::nullopt));
}

bool LibraryHalfScanner::serve(const QSqlDatabase &db, const QString &sql, const QString &everyEntrySql, bool kept)
{
    const bool opened = db.isOpen();
    bool failed = !opened;
    std::unique_ptr<EntryCursor> cursor;
    std::unique_ptr<EntryCursor> everyEntry; // made when first asked for
    std::unique_ptr<SqliteCancellation> stopOnCancel;
    if (opened) {
        if (kept)
            readLibraryMapped(db);
        else
            readLibraryUnmapped(db);
        stopOnCancel = std::make_unique<SqliteCancellation>(db, m_cancel, &m_stopHalf);
        cursor = std::make_unique<EntryCursor>(db, sql);
        failed = !cursor->isValid();
    }
    QueryEvaluator evaluator(m_query, m_options);
    const bool snippetDecides = snippetDecidesMatch(m_query, m_options);
    const std::optional<AllWordsFinder> allWords = allWordsDecideMatch(m_query, m_options);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_ready = !failed;
    }
    m_changed.notify_all();
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_quit || m_job.has_value(); });
            if (m_quit)
                break;
            job = *std::exchange(m_job, std::nullopt);
        }
        LibraryRangeResult result;
        if (job.everyEntry && everyEntrySql != sql && cursor && !everyEntry) {
            everyEntry = std::make_unique<EntryCursor>(db, everyEntrySql);
            failed = failed || !everyEntry->isValid();
        }
        EntryCursor *reading = job.everyEntry && everyEntry ? everyEntry.get() : cursor.get();
        if (reading && reading->isValid()) {
            evaluator.setRun(job.run.facts());
            const LibraryEntryMatcher matcher{evaluator, m_snippetEngine, m_readsFacts, &job.noted, &job.noteTexts, false,
                                              m_rawPrefilter, snippetDecides, allWords ? &*allWords : nullptr};
            result = scanLibraryRange(*reading, matcher, job.run, job.low, job.high, m_cancel, {}, &m_stopHalf);
            failed = failed || !result.error.isEmpty();
        } else if (reading) {
            // A statement that would not prepare here (every entry's, asked for the first time):
            // the half is not read, and the search says why instead of dropping its hits.
            result.error = reading->error();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_result = std::move(result);
        }
        m_changed.notify_all();
    }
    return !failed;
}
