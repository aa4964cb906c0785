// SPDX-License-Identifier: MIT
#include "cli/headlessrunsearch.h"

#include "api/pageparser.h"
#include "cli/clioutput.h"
#include "cli/runnoteslookup.h"
#include "cli/searchhitsoutput.h"
#include "export/runsnapshot.h"
#include "search/queryevaluator.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "session/wholerunload.h"
#include "stats/entryfacts.h"
#include "search/searchsnippet.h"

#include <QFileInfo>
#include <QHash>

#include <functional>
#include <thread>
#include <vector>

namespace {
// Runs of at least this many entries are searched by two threads (the window's search splits
// runs of 8 MB and more; a run read whole is in memory already, so the split pays sooner).
constexpr int kRowsWorthASecondThread = 4096;
}

HeadlessRunSearch::HeadlessRunSearch(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

void HeadlessRunSearch::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("tsv") : m_options.exportFormat;
    m_json = format == QLatin1String("json");
    const ParsedQuery parsed = QueryLanguage::parse(m_options.searchText, QueryLanguage::Scope::Run);
    if (!parsed.isValid())
        return fail(tr("the query does not parse: %1").arg(parsed.error), UsageError);
    if (!loadWholeRun())
        fail(tr("--search needs a run (--org ORG --run RUN, --demo, or a file), or none to search the library."), UsageError);
}

void HeadlessRunSearch::wholeRunProgress(const WholeRunProgress &progress)
{
    if (wholeRun()->apiRun())
        progressLine(tr("fetched %1 entries").arg(CliOutput::count(progress.entries)));
}

QString HeadlessRunSearch::origin() const
{
    if (!m_options.inputFile.isEmpty())
        return QFileInfo(m_options.inputFile).absoluteFilePath();
    // Where the run came from: the demo's own server for --demo (as the library names it), not
    // the default base URL.
    return fetchedFrom().isValid() ? fetchedFrom().toString() : m_options.baseUrl.toString();
}

void HeadlessRunSearch::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, false), true);
    // The marks and notes the library keeps for the run (is:marked, has:note), placed on its
    // entries by hash as the window places them.
    RunNotesLookup::find(this, snapshot, wholeRun()->apiRun(), m_options,
                         [this, snapshot](const NotesFile &notes, int orphans) { search(snapshot, notes, orphans); });
}

void HeadlessRunSearch::search(const RunSnapshot &snapshot, const NotesFile &notes, int orphans)
{
    QSet<int> marked;
    QSet<int> noted;
    QHash<int, QString> noteTexts;
    for (qsizetype k = 0; k < notes.notes.size() - orphans; ++k) {
        const StoredNote &note = notes.notes.at(k);
        if (note.marked)
            marked.insert(int(note.position));
        if (!note.text.isEmpty()) {
            noted.insert(int(note.position));
            noteTexts.insert(int(note.position), note.text);
        }
    }
    const ParsedQuery parsed = QueryLanguage::parse(m_options.searchText, QueryLanguage::Scope::Run);
    // The facts the keys read, as the statistics read them: every entry parsed, so only for a
    // query with keys (a hit's own type and tool are read from its entry below).
    QStringList types, tools;
    QVector<qint64> times;
    if (parsed.hasKeys()) {
        const RunFacts runFacts = EntryFactsOf::rawEntries(snapshot.entries);
        for (const EntryFacts &entry : runFacts.entries) {
            types << runFacts.messageTypeOf(entry);
            tools << runFacts.toolNameOf(entry);
            times << entry.createdAtMsecs;
        }
    }
    QueryFacts facts = QueryFacts::fromEntries(types, tools, times, marked);
    facts.hasNote = [noted](int entry) { return noted.contains(entry); };
    // A note is one more field of its entry, as in the window and across the library.
    facts.noteText = [noteTexts](int entry) { return noteTexts.value(entry); };
    QueryEvaluator evaluator(parsed, {}, std::move(facts));
    // The corpus reads the entries where the snapshot keeps them: one owner for all of them,
    // not a copy and an owner of its own for each (a million allocations and table entries).
    const auto entries = std::make_shared<const QList<QByteArray>>(snapshot.entries);
    const int rows = int(entries->size());
    // A big run is read by two threads, each half of it, as the window's search does.
    const int half = rows >= kRowsWorthASecondThread ? rows / 2 : rows;
    const auto inHalves = [half, rows](const std::function<void(int begin, int end)> &work) {
        std::thread second;
        if (half < rows)
            second = std::thread(work, half, rows);
        work(0, half);
        if (second.joinable())
            second.join();
    };
    std::vector<SearchText> texts(static_cast<size_t>(rows));
    inHalves([&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            const QByteArray &entry = entries->at(k);
            texts[size_t(k)] = SearchText::fromRawEntryJson(QByteArray::fromRawData(entry.constData(), entry.size()));
        }
    });
    SearchCorpus corpus;
    corpus.resize(rows);
    for (int k = 0; k < rows; ++k)
        corpus.setText(k, std::move(texts[size_t(k)]), entries);
    texts = {};
    evaluator.prepare(corpus);
    const QString where = origin();
    struct Found
    {
        QList<LibrarySearchHit> hits;
        bool tooCostly = false;
    };
    Found halves[2];
    inHalves([&](int begin, int end) {
        Found &found = halves[begin == 0 ? 0 : 1];
        // Each thread its own: an engine keeps its match data between calls.
        const SearchEngine snippetEngine(evaluator.highlightQuery());
        for (int row = begin; row < end; ++row) {
            const SearchText text = corpus.at(row);
            qint64 inNote = 0;
            const qint64 count = evaluator.countMatches(row, text, &inNote);
            if (count == SearchEngine::kTooCostly) {
                found.tooCostly = true;
                return;
            }
            if (count == 0)
                continue;
            LibrarySearchHit hit;
            hit.origin = where;
            if (snapshot.hasRun) {
                hit.orgId = snapshot.run.organizationId;
                hit.runId = snapshot.run.id;
                hit.runStatus = snapshot.run.status.value_or(QString());
                hit.runCreatedAt = snapshot.run.createdAt.value_or(QString());
            }
            hit.position = row;
            const QByteArray &raw = entries->at(row);
            if (row < types.size()) {
                hit.messageType = types.at(row);
                hit.toolName = tools.at(row);
            } else if (const EntryParseResult entry = PageParser::parseEntry(raw, row); entry.ok) {
                // The same reading as the facts' (EntryFactsOf::rawEntries).
                hit.messageType = entry.entry.messageType;
                hit.toolName = entry.entry.toolName;
            }
            // Every match in the note: the note is what is shown (found_in "note").
            hit.fromNote = inNote > 0 && inNote == count;
            const SearchSnippet snippet
                = SearchSnippet::ofHit(hit.fromNote ? SearchText::fromSegments({noteTexts.value(row).toUtf8()}) : text,
                                       snippetEngine, [&raw] { return PageParser::summaryOf(raw); });
            hit.snippet = snippet.text;
            hit.matchStart = snippet.matchStart;
            hit.matchLength = snippet.matchLength;
            found.hits.append(std::move(hit));
        }
    });
    if (halves[0].tooCostly || halves[1].tooCostly)
        return fail(SearchEngine::tooCostlyText());
    QList<LibrarySearchHit> hits = std::move(halves[0].hits);
    hits += std::move(halves[1].hits);
    SearchHitsOutput::write(hits, m_json);
    succeed(tr("matches: %1 of %2 entries").arg(CliOutput::count(hits.size()), CliOutput::count(rows)));
}
