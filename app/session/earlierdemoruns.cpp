// SPDX-License-Identifier: MIT
#include "session/earlierdemoruns.h"

#include "run/fileorigin.h"
#include "settings/appsettings.h"
#include "store/runlibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <signal.h>
#endif

namespace EarlierDemoRuns {

namespace {
// DemoService's folder for the demo's agent logs (a QTemporaryDir of this name).
const QLatin1String kAgentLogsFolderPrefix("runlog-demo-agent-logs-");

bool processIsRunning(qint64 process)
{
#ifdef Q_OS_UNIX
    // Signal 0 only asks whether the process exists (EPERM: it does, another user's). A process
    // id used again by another program keeps the copies until that one ends: nothing is lost.
    return ::kill(pid_t(process), 0) == 0 || errno == EPERM;
#else
    Q_UNUSED(process);
    return true; // cannot tell: the copies stay
#endif
}
} // namespace

QStringList endedOrigins(const QMap<QString, qint64> &processByOrigin, const QString &currentOrigin)
{
    QStringList ended;
    for (auto it = processByOrigin.cbegin(); it != processByOrigin.cend(); ++it) {
        if (it.key() != currentOrigin && (it.value() <= 0 || !processIsRunning(it.value())))
            ended.append(it.key());
    }
    return ended;
}

bool isLeftOver(const QString &origin, const QStringList &ended, const QString &tempFolder)
{
    if (ended.contains(origin))
        return true;
    const std::optional<FileOrigin::Parts> file = FileOrigin::parse(origin);
    if (!file)
        return false;
    const QFileInfo folder(QFileInfo(file->path).path());
    return QDir::cleanPath(folder.path()) == QDir::cleanPath(tempFolder)
        && folder.fileName().startsWith(kAgentLogsFolderPrefix) && !folder.exists();
}

void started(RunLibrary *library, const QString &origin)
{
    if (!library)
        return;
    AppSettings settings;
    QMap<QString, qint64> processByOrigin = settings.demoOrigins();
    const QStringList ended = endedOrigins(processByOrigin, origin);
    const QString tempFolder = QDir::tempPath();
    library->forgetRuns([ended, tempFolder](const QString &stored) { return isLeftOver(stored, ended, tempFolder); });
    for (const QString &gone : ended)
        processByOrigin.remove(gone);
    processByOrigin.insert(origin, QCoreApplication::applicationPid());
    settings.setDemoOrigins(processByOrigin);
}

void ended(const QString &origin)
{
    AppSettings settings;
    QMap<QString, qint64> processByOrigin = settings.demoOrigins();
    if (!processByOrigin.contains(origin))
        return;
    processByOrigin.insert(origin, 0);
    settings.setDemoOrigins(processByOrigin);
}

} // namespace EarlierDemoRuns
