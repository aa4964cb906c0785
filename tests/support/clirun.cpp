// SPDX-License-Identifier: MIT
#include "clirun.h"

#include <QTest>

CliRun runToEnd(const QString &program, const QStringList &args, const QProcessEnvironment &environment,
                int timeoutMs, const std::function<void(QProcess &)> &beforeStart)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    if (beforeStart)
        beforeStart(process);
    process.start(program, args);
    CliRun run;
    if (!process.waitForStarted(10000)
        || !QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.ended = true;
    run.exitCode = process.exitCode();
    run.status = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
