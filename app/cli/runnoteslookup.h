// SPDX-License-Identifier: MIT
#pragma once

#include "notes/notesfile.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

struct RunSnapshot;
struct RunRef;

// What the library keeps of a whole run's notes, for the windowless commands: the run's scope
// (an API run by origin, the demo's under "demo", a file by its identity), the notes read on the
// library's thread and placed on the snapshot's entries by hash. `done` gets the run's org/run
// (a file's own when it names them) and the notes, placed ones first, then those whose entry is
// gone (`orphans` counts them). No library (--no-store): no notes.
struct CommandLineOptions;

namespace RunNotesLookup {
// The run's notes as the window keeps them (see RunNotes) for what the command line names.
void find(QObject *context, const RunSnapshot &snapshot, const std::optional<RunRef> &apiRun,
          const CommandLineOptions &options, std::function<void(const NotesFile &notes, int orphans)> done);
}
