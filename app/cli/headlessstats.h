// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

// `runlog SOURCE --stats [--format tsv|json]`: reads an exported file, or fetches a whole run
// through the paced loader (as --export does), and prints its statistics (StatisticsReport) on
// stdout, with no window. Progress and a failure (one line) go to stderr; exit codes as --export:
// 0 success, 1 failure, 2 usage. The token is only handed to the API client.
class HeadlessStats : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessStats(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);

private:
    void run() override;
    void wholeRunProgress(const WholeRunProgress &progress) override;
    void wholeRunLoaded(const RunSnapshot &snapshot) override;

    bool m_json = false;
};
