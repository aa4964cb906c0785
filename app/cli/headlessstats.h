// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "cli/commandline.h"
#include "stats/entryfacts.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

class DemoBackend;
class LogTableModel;
class QNetworkAccessManager;
class RunFileReader;
class RunLoader;

// `runlog SOURCE --stats [--format tsv|json]`: reads an exported file, or fetches a whole run
// through the paced loader (as --export does), and prints its statistics (StatisticsReport) on
// stdout, with no window. Progress and a failure (one line) go to stderr; exit codes as --export:
// 0 success, 1 failure, 2 usage. The token is only handed to the API client.
class HeadlessStats : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    HeadlessStats(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);
    ~HeadlessStats() override;

    int exec();
    void start();

signals:
    void finished(int exitCode);

private:
    void startFetch(const ApiEndpoint &endpoint, const RunRef &run);
    void startRead(const QString &path);
    void report(const RunFacts &facts);
    void fail(const QString &message, int exitCode = Failure);
    void progressLine(const QString &message, bool force);

    CommandLineOptions m_options;
    QByteArray m_token;
    bool m_json = false;
    RunRef m_run;
    std::unique_ptr<DemoBackend> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LogTableModel> m_model;
    std::unique_ptr<RunLoader> m_loader;
    std::unique_ptr<RunFileReader> m_reader;
    RunFactsBuilder m_fileFacts;
    QElapsedTimer m_sinceProgress;
    bool m_done = false;
    int m_exitCode = Failure;
};
