// SPDX-License-Identifier: MIT
#include "cli/headlessexport.h"

#include "cli/clioutput.h"
#include "cli/runnoteslookup.h"
#include "export/exportjob.h"
#include "session/wholerunload.h"

#include <QDir>

// One line per message, counts grouped the same in every locale: as every windowless command prints.
using CliOutput::count;
using CliOutput::oneLine;

HeadlessExport::HeadlessExport(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

HeadlessExport::~HeadlessExport() = default;

void HeadlessExport::run()
{
    if (!m_options.exportFormat.isEmpty()) {
        const std::optional<ExportFormat> format = ExportFormats::fromName(m_options.exportFormat);
        if (!format)
            return fail(tr("unknown export format \"%1\": use json, jsonl, csv, md or html.")
                                .arg(m_options.exportFormat),
                        UsageError);
        m_format = *format;
    } else {
        const std::optional<ExportFormat> format = ExportFormats::fromPath(m_options.exportPath);
        if (!format)
            return fail(tr("cannot tell the format of %1 from its extension: give --format json, jsonl, csv, md or html.")
                                .arg(QDir::toNativeSeparators(m_options.exportPath)),
                        UsageError);
        m_format = *format;
    }
    if (!m_options.inputFile.isEmpty())
        progressLine(tr("reading %1").arg(QDir::toNativeSeparators(m_options.inputFile)), true);
    if (!loadWholeRun())
        fail(tr("--export needs something to export: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessExport::wholeRunProgress(const WholeRunProgress &progress)
{
    if (!wholeRun()->apiRun()) {
        const qint64 percent = progress.bytesTotal ? progress.bytesRead * 100 / progress.bytesTotal : 100;
        progressLine(tr("read %Ln entries (%1 %)", nullptr, progress.entries).arg(percent));
    } else if (progress.known) {
        progressLine(tr("fetched %1 of %Ln entries", nullptr, int(*progress.known)).arg(count(progress.entries)));
    } else {
        progressLine(tr("fetched %Ln entries", nullptr, progress.entries));
    }
}

void HeadlessExport::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, true), true);
    const std::optional<RunRef> run = wholeRun()->apiRun();
    warnOtherRunEntries(run ? run->runId : snapshot.run.id, wholeRun()->otherRunEntries());
    if (m_format != ExportFormat::Markdown && m_format != ExportFormat::Html) {
        write(snapshot); // the run's data alone: notes never go into json, jsonl or csv
        return;
    }
    // Markdown and HTML show the user's notes beside their entries, as the window's export does.
    RunNotesLookup::find(this, snapshot, run, m_options, [this, snapshot](const NotesFile &notes, int orphans) {
        RunSnapshot withNotes = snapshot;
        // The placed notes come first; the orphans' positions are not their entries.
        for (qsizetype i = 0; i < notes.notes.size() - orphans; ++i) {
            const StoredNote &note = notes.notes.at(i);
            if (!note.text.isEmpty() && note.position < withNotes.entries.size())
                withNotes.notes.insert(int(note.position), note.text);
        }
        write(withNotes);
    });
}

void HeadlessExport::warnOtherRunEntries(qint64 runId, const QList<OtherRunEntry> &entries)
{
    if (entries.isEmpty())
        return;
    // Named one by one, up to a point: a server that mixes runs may do it thousands of times.
    constexpr int kNamed = 10;
    QStringList named;
    for (qsizetype i = 0; i < entries.size() && i < kNamed; ++i)
        named << tr("entry %1 (run %2)").arg(entries.at(i).number).arg(entries.at(i).runId);
    QString list = named.join(QStringLiteral(", "));
    if (entries.size() > kNamed)
        list = tr("%1 and %2 more").arg(list, count(entries.size() - kNamed));
    CliOutput::printLine(stderr, QStringLiteral("runlog: warning: ")
                                     + oneLine(tr("%n entries of another run than run %1, kept in place (marked in csv, md and html): %2",
                                                  nullptr, int(entries.size()))
                                                       .arg(runId)
                                                       .arg(list)));
}

void HeadlessExport::write(const RunSnapshot &given)
{
    RunSnapshot snapshot = given;
    snapshot.csvByteOrderMark = m_options.csvByteOrderMark;
    m_job = std::make_unique<ExportJob>();
    const QString shownPath = QDir::toNativeSeparators(m_options.exportPath);
    connect(m_job.get(), &ExportJob::progress, this, [this, shownPath](int written, int total) {
        progressLine(tr("wrote %1 of %Ln entries to %2", nullptr, total).arg(count(written), shownPath), false);
    });
    connect(m_job.get(), &ExportJob::finished, this, [this, shownPath, total = snapshot.entries.size()](bool ok, const QString &error) {
        if (!ok)
            return fail(error);
        succeed(tr("wrote %Ln entries to %1 (%2)", nullptr, int(total)).arg(shownPath, ExportFormats::name(m_format)));
    });
    m_job->start(snapshot, m_options.exportPath, m_format);
}
