// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

// `runlog SOURCE --notes [--format json]`: the notes and marks the library keeps for a run (a
// file, --org/--run, --demo), placed on the run's entries as the window places them, printed as
// Export Notes writes them: {"org":..,"run":..,"notes":[{"entry","entry_sha256","text","marked"}]}.
// Notes whose entry is no longer in the run are printed too (their entry and hash as kept), and
// counted on stderr.
class HeadlessNotes : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessNotes(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);

private:
    void run() override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;
};
