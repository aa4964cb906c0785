// SPDX-License-Identifier: MIT
#pragma once

#include "cli/windowlesscommand.h"

#include <memory>

class DemoBackend;
class QNetworkAccessManager;
class RunListLoader;

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

    qint64 m_orgId = 0;
    std::unique_ptr<DemoBackend> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RunListLoader> m_loader;
};
