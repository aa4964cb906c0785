// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

// What one run of the real binary gave. When it did not end in time it was killed and only
// `ended` (false) says so: no output, exit code -1.
struct CliRun
{
    bool ended = false;
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;

    // The exit code of a run that ended normally; -2 for a crash, -1 for no end in time.
    int code() const { return !ended ? -1 : status == QProcess::NormalExit ? exitCode : -2; }
};

// Starts `program` with `args` in `environment` and waits for its end with this thread's event
// loop running (the test's server lives in it), at most `timeoutMs`: a limit, not a measure.
// `beforeStart`, when given, sets up the process first (a child process modifier, say).
CliRun runToEnd(const QString &program, const QStringList &args, const QProcessEnvironment &environment,
                int timeoutMs = 60000, const std::function<void(QProcess &)> &beforeStart = {});
