// SPDX-License-Identifier: MIT
#include "cli/headlessnotes.h"

#include "cli/clioutput.h"
#include "export/runsnapshot.h"
#include "notes/fileidentity.h"
#include "notes/notesfile.h"
#include "notes/notesplacement.h"
#include "session/demoservice.h"
#include "session/loaddefaults.h"
#include "session/wholerunload.h"
#include "store/runlibrary.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
std::optional<qint64> idIn(const QJsonObject &object, const char *key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isDouble())
        return std::nullopt;
    return qint64(value.toDouble());
}
} // namespace

HeadlessNotes::HeadlessNotes(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
    , m_baseUrl(options.baseUrl)
{
}

void HeadlessNotes::run()
{
    const QString format = m_options.exportFormat.isEmpty() ? QStringLiteral("json") : m_options.exportFormat;
    if (format != QLatin1String("json"))
        return fail(tr("unknown notes format \"%1\": use json.").arg(format), UsageError);
    if (!loadWholeRun())
        return fail(tr("--notes needs a run: --org ORG --run RUN, --demo, or a file."), UsageError);
    // The demo's address is known once it started.
    connect(wholeRun(), &WholeRunLoad::fetching, this, [this](const RunRef &, const QUrl &baseUrl) { m_baseUrl = baseUrl; });
}

void HeadlessNotes::wholeRunLoaded(const RunSnapshot &snapshot)
{
    progressLine(loadedText(snapshot, false), true);
    NotesFile file;
    NotesScope scope;
    if (const std::optional<RunRef> run = wholeRun()->apiRun()) {
        file.orgId = run->orgId;
        file.runId = run->runId;
        scope = NotesScope::forApi(DemoService::notesOrigin(m_baseUrl), run->orgId, run->runId);
    } else {
        scope = FileIdentity::scopeOf(m_options.inputFile);
        if (snapshot.hasRun && snapshot.run.id != 0) {
            file.runId = snapshot.run.id;
            if (snapshot.run.organizationId != 0)
                file.orgId = snapshot.run.organizationId;
        } else if (!snapshot.entries.isEmpty()) {
            // A file of entries alone: what its entries name.
            const QJsonObject first = QJsonDocument::fromJson(snapshot.entries.first()).object();
            file.runId = idIn(first, "agent_run_id");
            file.orgId = idIn(first, "organization_id");
        }
    }
    auto *library = dynamic_cast<RunLibrary *>(LoadDefaults::library());
    auto print = [this, file, snapshot](const QList<StoredNote> &stored) mutable {
        const NotesPlacement::Result placement = NotesPlacement::place(stored, snapshot.entries);
        file.notes = placement.placed + placement.orphans;
        if (!placement.orphans.isEmpty())
            progressLine(tr("%n note(s) no longer find their entry in the run.", nullptr, int(placement.orphans.size())), true);
        CliOutput::writeOut(file.toJson());
        finish(Success);
    };
    if (!library || !scope.isValid()) {
        print({});
        return;
    }
    library->loadNotes(scope.key, this, print);
}
