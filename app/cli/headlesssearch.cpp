// SPDX-License-Identifier: MIT
#include "cli/headlesssearch.h"

#include "cli/clioutput.h"
#include "cli/searchhitsoutput.h"
#include "search/querylanguage.h"
#include "store/librarydatabase.h"
#include "store/librarysearchscan.h"

#include <atomic>

HeadlessSearch::HeadlessSearch(const CommandLineOptions &options, const QString &folder, QObject *parent)
    : WindowlessCommand(options, {}, parent)
    , m_folder(folder)
{
}

void HeadlessSearch::run()
{
    const ParsedQuery parsed = QueryLanguage::parse(m_options.searchText, QueryLanguage::Scope::Library);
    if (!parsed.isValid())
        return fail(tr("the query does not parse: %1").arg(parsed.error), UsageError);
    if (m_folder.isEmpty())
        return fail(tr("the library is switched off (Preferences), so there is nothing to search."));
    LibraryDatabase database(m_folder);
    if (!database.open())
        return fail(tr("the library cannot be read: %1").arg(database.errorString()));
    if (const auto setAside = database.takeSetAside()) {
        CliOutput::errorLine(tr("the library %1 could not be used (%2); it was renamed to %3 and a new one was started.")
                                 .arg(setAside->from, setAside->reason, setAside->to));
    }
    SearchQuery query;
    query.pattern = m_options.searchText;
    QList<QList<LibrarySearchHit>> hits; // the batches as they came, shared, not copied
    const std::atomic<bool> never{false};
    const LibrarySearchSummary summary = LibrarySearchScan::run(database.connection(), query, 0, never,
                                                                [&hits](const QList<LibrarySearchHit> &found) {
                                                                    hits.append(found);
                                                                    return true;
                                                                });
    if (summary.tooCostly)
        return fail(summary.error);
    if (!summary.error.isEmpty())
        return fail(tr("the search failed: %1").arg(summary.error));
    SearchHitsOutput::write(hits, m_options.exportFormat == QLatin1String("json"));
    succeed(tr("matches: %1; runs searched: %2").arg(CliOutput::count(summary.hits)).arg(summary.runsSearched));
}
