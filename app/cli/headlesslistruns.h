// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "cli/commandline.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class DemoBackend;
class QNetworkAccessManager;
class RunListLoader;

// `runlog --org ORG --list-runs [--source-type T] [--user-id U] [--format tsv|json]`: every run
// of the organization, newest first, all pages (paced), on stdout once the last page came.
// tsv: a header line, then one run per line; json: an array of the items exactly as the server
// sent them. A failure prints nothing on stdout and one line on stderr (exit 1); a usage error
// exits 2.
class HeadlessListRuns : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    HeadlessListRuns(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);
    ~HeadlessListRuns() override;

    int exec();

signals:
    void finished(int exitCode);

private:
    void start();
    void finish(int exitCode);
    QByteArray output() const;

    CommandLineOptions m_options;
    QByteArray m_token;
    qint64 m_orgId = 0;
    std::unique_ptr<DemoBackend> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RunListLoader> m_loader;
    QElapsedTimer m_sinceProgress;
    int m_exitCode = Failure;
    bool m_done = false;
};
