// SPDX-License-Identifier: MIT
#include "cli/runnoteslookup.h"

#include "cli/commandline.h"
#include "export/runsnapshot.h"
#include "notes/fileidentity.h"
#include "notes/notesplacement.h"
#include "run/runref.h"
#include "rows/pagecache.h"
#include "store/notesorigin.h"
#include "session/loaddefaults.h"
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

namespace RunNotesLookup {

void find(QObject *context, const RunSnapshot &snapshot, const std::optional<RunRef> &apiRun,
          const CommandLineOptions &options, std::function<void(const NotesFile &notes, int orphans)> done)
{
    NotesFile notes;
    NotesScope scope;
    if (apiRun) {
        notes.orgId = apiRun->orgId;
        notes.runId = apiRun->runId;
        // The demo's notes are kept under "demo" whatever port it took (NotesOrigin).
        const QString origin = options.demo ? NotesOrigin::kDemo : PageCache::originOf(options.baseUrl);
        scope = NotesScope::forApi(origin, apiRun->orgId, apiRun->runId);
    } else {
        scope = FileIdentity::scopeOf(options.inputFile);
        // A sample of an Inspect log keeps its notes apart, as the window does (RunNotes::openFile).
        if (scope.isValid() && options.sample)
            scope.key += QStringLiteral(" part ") + sampleKey(*options.sample);
        if (snapshot.hasRun && snapshot.run.id != 0) {
            notes.runId = snapshot.run.id;
            if (snapshot.run.organizationId != 0)
                notes.orgId = snapshot.run.organizationId;
        } else if (!snapshot.entries.isEmpty()) {
            // A file of entries alone: what its entries name.
            const QJsonObject first = QJsonDocument::fromJson(snapshot.entries.first()).object();
            notes.runId = idIn(first, "agent_run_id");
            notes.orgId = idIn(first, "organization_id");
        }
    }
    auto *library = dynamic_cast<RunLibrary *>(LoadDefaults::library());
    const QList<QByteArray> entries = snapshot.entries;
    auto place = [notes, entries, done = std::move(done)](const QList<StoredNote> &stored) mutable {
        const NotesPlacement::Result placement = NotesPlacement::place(stored, entries);
        notes.notes = placement.placed + placement.orphans;
        done(notes, int(placement.orphans.size()));
    };
    if (!library || !scope.isValid()) {
        place({});
        return;
    }
    library->loadNotes(scope.key, context, std::move(place));
}

} // namespace RunNotesLookup
