// SPDX-License-Identifier: MIT
#include "cli/headlessinsights.h"

#include "cli/clioutput.h"
#include "session/wholerunload.h"
#include "stats/insights.h"
#include "stats/insightsreport.h"

HeadlessInsights::HeadlessInsights(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

void HeadlessInsights::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("tsv") : m_options.exportFormat;
    if (format != QLatin1String("tsv") && format != QLatin1String("json"))
        return fail(tr("unknown insights format \"%1\": use tsv or json.").arg(format), UsageError);
    m_json = format == QLatin1String("json");
    if (!loadWholeRun())
        fail(tr("--insights needs a run: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessInsights::wholeRunProgress(const WholeRunProgress &progress)
{
    // A file is read quickly and says nothing until it is read; a fetch counts its entries.
    if (wholeRun()->apiRun())
        progressLine(tr("fetched %Ln entries", nullptr, progress.entries));
}

void HeadlessInsights::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, false), true);
    // The snapshot holds the entries oldest first, as the contract numbers them.
    const Insights insights = InsightsFinder::compute(snapshot.entries);
    if (m_json)
        CliOutput::writeJson(InsightsReport::toJson(insights));
    else
        CliOutput::writeOut(InsightsReport::toTsv(insights));
    finish(Success);
}
