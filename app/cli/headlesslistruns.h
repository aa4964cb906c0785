// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

#include <memory>

class WholeRunList;

// `runlog --org ORG --list-runs [--source-type T] [--user-id U] [--format tsv|json]`: every run
// of the organization, newest first, all pages (paced), on stdout once the last page came.
// tsv: a header line, then one run per line; json: an array of the items exactly as the server
// sent them. A failure prints nothing on stdout and one line on stderr (exit 1); a usage error
// exits 2.
class HeadlessListRuns : public WindowlessCommand
{
    Q_OBJECT
public:
    HeadlessListRuns(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);
    ~HeadlessListRuns() override;

private:
    void run() override;
    QByteArray output() const;

    std::unique_ptr<WholeRunList> m_list;
};
