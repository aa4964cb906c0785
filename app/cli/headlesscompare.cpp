// SPDX-License-Identifier: MIT
#include "cli/headlesscompare.h"

#include "cli/clioutput.h"
#include "compare/comparereport.h"
#include "compare/runcomparer.h"
#include "session/wholerunload.h"

#include <QTimer>

HeadlessCompare::HeadlessCompare(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

void HeadlessCompare::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("tsv") : m_options.exportFormat;
    if (format != QLatin1String("tsv") && format != QLatin1String("json"))
        return fail(tr("unknown comparison format \"%1\": use tsv or json.").arg(format), UsageError);
    if (m_options.compareSources.size() != 2)
        return fail(tr("--compare needs two runs: LEFT RIGHT."), UsageError);
    m_json = format == QLatin1String("json");
    loadSide(0);
}

void HeadlessCompare::loadSide(int side)
{
    m_side = side;
    const CompareSource &source = m_options.compareSources.at(side);
    loadWholeRun(source.given, source.run, source.sample);
}

void HeadlessCompare::wholeRunProgress(const WholeRunProgress &progress)
{
    // A file is read quickly and says nothing until it is read; a fetch counts its entries.
    if (wholeRun()->apiRun())
        progressLine(tr("fetched %Ln entries", nullptr, progress.entries));
}

void HeadlessCompare::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, true), true);
    // The snapshot holds the entries oldest first, as the contract numbers them.
    m_snapshots[m_side] = snapshot;
    if (m_side == 0) {
        // The next load replaces this one, which is still emitting: it starts once that is over.
        QTimer::singleShot(0, this, [this] {
            if (!isDone())
                loadSide(1);
        });
        return;
    }
    QTimer::singleShot(0, this, &HeadlessCompare::compareAndPrint);
}

void HeadlessCompare::compareAndPrint()
{
    const RunComparison comparison = RunComparer::compare(m_snapshots[0].entries, m_snapshots[1].entries);
    // A side read from a sample of a log is named with it: two samples of one log are told apart.
    const auto name = [this](int side) {
        const CompareSource &source = m_options.compareSources.at(side);
        return source.sample ? QStringLiteral("%1 (%2)").arg(source.given, sampleText(*source.sample)) : source.given;
    };
    const QString left = name(0);
    const QString right = name(1);
    if (m_json)
        CliOutput::writeJson(CompareReport::toJson(comparison, left, right));
    else
        CliOutput::writeOut(CompareReport::toTsv(comparison, left, right));
    finish(Success);
}
