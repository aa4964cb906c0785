// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"
#include "export/runsnapshot.h"

#include <QByteArray>

// `runlog --compare LEFT RIGHT [--format tsv|json]`: loads the two runs whole, one after the
// other (a file read in place; an API run from the library or fetched, paced, as --stats does),
// compares them (RunComparer) and prints the report (CompareReport) on stdout, with no window.
// Progress and a failure go to stderr; exit codes: 0 compared (the runs may differ), 1 failure
// (a side that cannot be read or fetched), 2 usage.
class HeadlessCompare : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessCompare(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);

private:
    void run() override;
    void wholeRunProgress(const WholeRunProgress &progress) override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;
    void loadSide(int side);
    void compareAndPrint();

    bool m_json = false;
    int m_side = 0;                     // the side being loaded: 0 left, 1 right
    // Whole snapshots, not only their entries: a file's entries are slices of its mapping, which
    // the snapshot keeps alive once the load that read it is gone.
    RunSnapshot m_snapshots[2];
};
