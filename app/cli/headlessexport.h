// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "cli/commandline.h"
#include "export/exportformat.h"
#include "export/runsnapshot.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <memory>

class DemoBackend;
class ExportJob;
class LogTableModel;
class QNetworkAccessManager;
class RunFileReader;
class RunLoader;

// `runlog ... --export OUT`: fetches a whole run (or reads an exported file, or the demo's run)
// and writes OUT, with no window and no display. Progress goes to stderr, a few lines at most
// per second; a failure is one line on stderr naming the cause. The token is only handed to the
// API client: it is never printed.
class HeadlessExport : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    HeadlessExport(const CommandLineOptions &options, const QByteArray &token, QObject *parent = nullptr);
    ~HeadlessExport() override;

    // Runs the export in a local event loop and returns the process's exit code.
    int exec();
    // The same without a loop of its own: finished() tells the exit code.
    void start();
    // How often progress is printed, at most; 0 prints every change.
    void setProgressInterval(int ms) { m_progressIntervalMs = ms; }

signals:
    void finished(int exitCode);

private:
    void startFetch(const ApiEndpoint &endpoint, const RunRef &run);
    void startRead(const QString &path);
    void write(const RunSnapshot &snapshot);
    void fetchProgress();
    // Names on stderr the entries of another run than `runId` (entry number from 1, its run).
    void warnOtherRunEntries(qint64 runId, const QList<QPair<int, qint64>> &entries);
    void fail(const QString &message, int exitCode = Failure);
    void succeed(const QString &message);
    void progressLine(const QString &message, bool force);
    static void printLine(const QString &text);

    CommandLineOptions m_options;
    QByteArray m_token;
    ExportFormat m_format = ExportFormat::Json;
    RunRef m_run;
    std::unique_ptr<DemoBackend> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LogTableModel> m_model;
    std::unique_ptr<RunLoader> m_loader;
    std::unique_ptr<RunFileReader> m_reader;
    std::unique_ptr<ExportJob> m_job;
    RunSnapshot m_fileSnapshot;
    QList<qint64> m_fileEntryRunIds; // each entry's agent_run_id: the run's id may come last
    QElapsedTimer m_sinceProgress;
    int m_progressIntervalMs = 1000;
    bool m_done = false;
    int m_exitCode = Failure;
};
