// SPDX-License-Identifier: MIT
#include "store/librarysearchscan.h"

#include "api/pageparser.h"
#include "search/queryevaluator.h"
#include "search/querylanguage.h"
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "store/libraryrecords.h"
#include "store/searchsnippet.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace {

// Enough trigrams to narrow the candidates well; more only cost the index time.
constexpr int kMaxTrigrams = 12;

struct RunRow
{
    qint64 key = 0;
    QString origin;
    qint64 orgId = 0;
    qint64 runId = 0;
    QString status;
    QString createdAt;
    qint64 createdMs = LogEntry::kNoTime;
};

// The trigrams every match must hold: those of each word and phrase of a query without OR (a
// regex, an exclusion or a key narrows nothing); empty when none has three ASCII characters.
QString trigramsOf(const ParsedQuery &parsed)
{
    if (parsed.groups.size() != 1)
        return {};
    QStringList parts;
    for (const QueryTerm &term : parsed.groups.first()) {
        if (term.negated || (term.kind != QueryTerm::Kind::Word && term.kind != QueryTerm::Kind::Phrase))
            continue;
        SearchQuery plain;
        plain.pattern = term.text;
        const QString part = LibrarySearchScan::trigramQuery(plain);
        if (!part.isEmpty())
            parts.append(part);
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

} // namespace

namespace LibrarySearchScan {

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
                         const std::function<bool(const QList<LibrarySearchHit> &hits)> &found)
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
    QueryEvaluator evaluator(parsed, {query.caseSensitive, query.wholeWord});
    const SearchEngine snippetEngine(evaluator.highlightQuery());
    const bool readsFacts = parsed.hasKeys();

    QList<RunRow> runs;
    {
        QSqlQuery list(db);
        list.setForwardOnly(true);
        if (!list.exec(QStringLiteral("SELECT id, origin, org_id, run_id, status, created_at, created_ms FROM runs"
                                      " ORDER BY created_ms IS NULL, created_ms DESC, id DESC"))) {
            summary.error = list.lastError().text();
            return summary;
        }
        while (list.next()) {
            runs.append(RunRow{list.value(0).toLongLong(), list.value(1).toString(), list.value(2).toLongLong(),
                               list.value(3).toLongLong(), list.value(4).toString(), list.value(5).toString(),
                               list.value(6).isNull() ? LogEntry::kNoTime : list.value(6).toLongLong()});
        }
    }

    const QString match = query.regex ? QString() : trigramsOf(parsed);
    summary.usedIndex = !match.isEmpty();
    QSqlQuery candidates(db);
    candidates.setForwardOnly(true);
    if (summary.usedIndex) {
        // The index's candidates, and the entries whose case folding SQLite may not share.
        candidates.prepare(QStringLiteral(
            "SELECT id, raw FROM entries WHERE id IN (SELECT rowid FROM entry_text WHERE entry_text MATCH :match"
            " AND rowid BETWEEN :low AND :high)%1 ORDER BY id")
                               .arg(query.caseSensitive ? QString()
                                                        : QStringLiteral(" OR id IN (SELECT id FROM fold_entries"
                                                                         " WHERE id BETWEEN :low2 AND :high2)")));
    } else {
        candidates.prepare(QStringLiteral("SELECT id, raw FROM entries WHERE id BETWEEN :low AND :high ORDER BY id"));
    }

    for (const RunRow &run : std::as_const(runs)) {
        if (cancel) {
            summary.cancelled = true;
            break;
        }
        evaluator.setRun(QueryRunFacts{run.runId, run.orgId, run.status, run.origin, run.createdMs});
        if (!evaluator.runMayMatch())
            continue;
        const qint64 low = LibraryRecords::entryId(run.key, 0);
        const qint64 high = LibraryRecords::entryId(run.key + 1, 0) - 1;
        if (summary.usedIndex) {
            candidates.bindValue(QStringLiteral(":match"), match);
            if (!query.caseSensitive) {
                candidates.bindValue(QStringLiteral(":low2"), low);
                candidates.bindValue(QStringLiteral(":high2"), high);
            }
        }
        candidates.bindValue(QStringLiteral(":low"), low);
        candidates.bindValue(QStringLiteral(":high"), high);
        if (!candidates.exec()) {
            summary.error = candidates.lastError().text();
            break;
        }
        ++summary.runsSearched;
        QList<LibrarySearchHit> hits;
        bool full = false;
        while (candidates.next()) {
            if ((summary.entriesChecked & 255) == 0 && cancel)
                break;
            ++summary.entriesChecked;
            const QByteArray raw = candidates.value(1).toByteArray();
            const SearchText text = SearchText::fromRawEntryJson(raw);
            const qint64 position = LibraryRecords::positionOf(candidates.value(0).toLongLong());
            QueryEntryFacts facts;
            facts.entry = int(position);
            std::optional<EntryParseResult> entry;
            if (readsFacts) {
                entry = PageParser::parseEntry(raw, position);
                if (entry->ok) {
                    facts.messageType = entry->entry.messageType;
                    facts.toolName = entry->entry.toolName;
                    facts.createdAtMsecs = entry->entry.createdAtMsecs;
                }
            }
            if (evaluator.countMatches(facts, text) == 0)
                continue;
            LibrarySearchHit hit;
            hit.origin = run.origin;
            hit.orgId = run.orgId;
            hit.runId = run.runId;
            hit.runStatus = run.status;
            hit.runCreatedAt = run.createdAt;
            hit.position = position;
            if (!entry)
                entry = PageParser::parseEntry(raw, position);
            if (entry->ok) {
                hit.messageType = entry->entry.messageType;
                hit.toolName = entry->entry.toolName;
            }
            const SearchSnippet snippet = SearchSnippet::of(text, snippetEngine);
            hit.snippet = snippet.text;
            hit.matchStart = snippet.matchStart;
            hit.matchLength = snippet.matchLength;
            hits.append(hit);
            if (summary.msToFirstHit < 0)
                summary.msToFirstHit = clock.elapsed();
            if (maxHits > 0 && summary.hits + hits.size() >= maxHits) {
                full = true;
                break;
            }
        }
        if (candidates.lastError().isValid() && summary.error.isEmpty())
            summary.error = candidates.lastError().text();
        candidates.finish();
        summary.hits += hits.size();
        if (!hits.isEmpty() && !found(hits)) {
            summary.cancelled = true;
            break;
        }
        if (full) {
            summary.truncated = true;
            break;
        }
        if (!summary.error.isEmpty())
            break;
    }
    if (cancel)
        summary.cancelled = true;
    summary.elapsedMs = clock.elapsed();
    return summary;
}

} // namespace LibrarySearchScan
