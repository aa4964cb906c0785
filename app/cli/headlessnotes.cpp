// SPDX-License-Identifier: MIT
#include "cli/headlessnotes.h"

#include "cli/clioutput.h"
#include "cli/runnoteslookup.h"
#include "export/runsnapshot.h"
#include "session/wholerunload.h"

HeadlessNotes::HeadlessNotes(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

void HeadlessNotes::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("json") : m_options.exportFormat;
    if (format != QLatin1String("json"))
        return fail(tr("unknown notes format \"%1\": use json.").arg(format), UsageError);
    if (!loadWholeRun())
        return fail(tr("--notes needs a run: --org ORG --run RUN, --demo, or a file."), UsageError);
}

void HeadlessNotes::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, false), true);
    RunNotesLookup::find(this, snapshot, wholeRun()->apiRun(), m_options,
                         [this](const NotesFile &notes, int orphans) {
                             if (orphans > 0)
                                 progressLine(tr("%n notes whose entry is no longer in the run.", nullptr, orphans), true);
                             CliOutput::writeOut(notes.toJson());
                             finish(Success);
                         });
}
