// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

// `runlog SOURCE --insights [--format tsv|json]`: reads an exported file, or fetches a whole run
// (paced, as --stats does), and prints what went wrong in it (InsightsReport: loops, repeated
// failures, the first failure, commands, files) on stdout, with no window. Progress and a
// failure go to stderr; exit codes as --stats: 0 success, 1 failure, 2 usage.
class HeadlessInsights : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessInsights(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);

private:
    void run() override;
    void wholeRunProgress(const WholeRunProgress &progress) override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;

    bool m_json = false;
};
