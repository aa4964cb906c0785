// SPDX-License-Identifier: MIT
#include "run/runstatus.h"

#include <QStringList>

RunPhase runPhaseOf(const QString &status)
{
    static const QStringList running = {
        QStringLiteral("ACTIVE"), QStringLiteral("EVALUATION"), QStringLiteral("PENDING"),
        QStringLiteral("PAUSED"), QStringLiteral("RUNNING"),
    };
    static const QStringList failed = {
        QStringLiteral("FAILED"), QStringLiteral("ERROR"), QStringLiteral("CANCELLED"),
        QStringLiteral("TIMEOUT"), QStringLiteral("MAX_ITERATIONS_REACHED"),
        QStringLiteral("OUT_OF_TOKENS"), QStringLiteral("STOPPED"),
    };
    const QString normalised = status.trimmed().toUpper();
    if (running.contains(normalised))
        return RunPhase::Running;
    if (normalised == QLatin1String("COMPLETE") || normalised == QLatin1String("COMPLETED"))
        return RunPhase::Succeeded;
    if (failed.contains(normalised))
        return RunPhase::Failed;
    return RunPhase::Unknown;
}
