// SPDX-License-Identifier: MIT
#pragma once

#include "cli/commandline.h"

#include <QElapsedTimer>
#include <QUrl>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

struct RunSnapshot;
struct WholeRunProgress;
class WholeRunLoad;

// What every windowless command (--export, --stats, --list-runs, --search) shares: it runs in a
// local event loop and ends once with an exit code (0 success, 1 failure, 2 usage); progress is
// a line on stderr, a few a second at most; a failure is one line on stderr naming the cause.
// A command that needs a whole run (a file, the demo or --org/--run) has it loaded here
// (WholeRunLoad) and is handed the snapshot.
class WindowlessCommand : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

    ~WindowlessCommand() override;

    // Runs the command in a local event loop and returns the process's exit code.
    int exec();
    // The same without a loop of its own: finished() tells the exit code.
    void start();
    // How often progress is printed, at most; 0 prints every change.
    void setProgressInterval(int ms) { m_progressIntervalMs = ms; }

signals:
    void finished(int exitCode);

protected:
    explicit WindowlessCommand(const CommandLineOptions &options, const QByteArray &token = {},
                               QObject *parent = nullptr);

    // The command's own work, begun once the loop runs; it ends with succeed(), finish() or fail().
    virtual void run() = 0;

    // Loads the run the command line names: a file, else the demo, else --org/--run. False, and
    // nothing started, when it names none. wholeRunLoaded() or a failure follows.
    bool loadWholeRun();
    // Loads an API run, or the file `file` when there is no `run`; a load begun before is dropped
    // (its signals with it). wholeRunLoaded() or a failure follows.
    void loadWholeRun(const QString &file, const std::optional<RunRef> &run, const std::optional<SampleRef> &sample = std::nullopt);
    virtual void wholeRunLoaded(const RunSnapshot &snapshot);
    virtual void wholeRunProgress(const WholeRunProgress &progress);
    const WholeRunLoad *wholeRun() const { return m_load.get(); }
    // The base URL the run was fetched from (the demo's own server for --demo); empty for a file.
    QUrl fetchedFrom() const { return m_fetchedFrom; }
    // "read N entries from FILE", "fetched N entries of run R", or (`nameLibrary`) how many pages
    // the library gave, so that a script's author can check the library is used.
    QString loadedText(const RunSnapshot &snapshot, bool nameLibrary) const;

    // "runlog: MESSAGE" on stderr; unless `force`, only when the last was long enough ago.
    void progressLine(const QString &message, bool force = false);
    // "runlog: error: MESSAGE" on stderr, the work stopped, the command over with `exitCode`.
    void fail(const QString &message, int exitCode = Failure);
    // "runlog: MESSAGE" on stderr, the command over with success.
    void succeed(const QString &message);
    void finish(int exitCode);
    bool isDone() const { return m_done; }

    const CommandLineOptions m_options;
    const QByteArray m_token;

private:
    WholeRunLoad *newLoad();

    std::unique_ptr<WholeRunLoad> m_load;
    QUrl m_fetchedFrom;
    QElapsedTimer m_sinceProgress;
    int m_progressIntervalMs = 1000;
    bool m_done = false;
    int m_exitCode = Failure;
};
