// SPDX-License-Identifier: MIT
#include "cli/headlessstats.h"

#include "cli/clioutput.h"
#include "session/wholerunload.h"
#include "stats/entryfacts.h"
#include "stats/statisticscalculator.h"
#include "stats/statisticsreport.h"

HeadlessStats::HeadlessStats(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

void HeadlessStats::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("tsv") : m_options.exportFormat;
    if (format != QLatin1String("tsv") && format != QLatin1String("json"))
        return fail(tr("unknown statistics format \"%1\": use tsv or json.").arg(format), UsageError);
    m_json = format == QLatin1String("json");
    if (!loadWholeRun())
        fail(tr("--stats needs a run: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessStats::wholeRunProgress(const WholeRunProgress &progress)
{
    // A file is read quickly and says nothing until it is read; a fetch counts its entries.
    if (wholeRun()->apiRun())
        progressLine(tr("fetched %Ln entries", nullptr, progress.entries));
}

void HeadlessStats::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, false), true);
    const RunStatistics stats = StatisticsCalculator::compute(EntryFactsOf::rawEntries(snapshot.entries));
    if (m_json)
        CliOutput::writeJson(StatisticsReport::toJson(stats));
    else
        CliOutput::writeOut(StatisticsReport::toTsv(stats));
    finish(Success);
}
