// SPDX-License-Identifier: MIT
#include "session/earlierdemoruns.h"

#include "run/fileorigin.h"
#include "settings/appsettings.h"
#include "store/runlibrary.h"

#include <QDir>
#include <QFileInfo>

namespace EarlierDemoRuns {

namespace {
// DemoService's folder for the demo's agent logs (a QTemporaryDir of this name).
const QLatin1String kAgentLogsFolderPrefix("runlog-demo-agent-logs-");
} // namespace

bool isLeftOver(const QString &origin, const QString &lastOrigin, const QString &currentOrigin,
                const QString &tempFolder)
{
    if (origin == currentOrigin)
        return false;
    if (!lastOrigin.isEmpty() && origin == lastOrigin)
        return true;
    const std::optional<FileOrigin::Parts> file = FileOrigin::parse(origin);
    if (!file)
        return false;
    const QFileInfo log(file->path);
    const QString folder = log.path();
    const QFileInfo folderInfo(folder);
    return QDir::cleanPath(folderInfo.path()) == QDir::cleanPath(tempFolder)
        && folderInfo.fileName().startsWith(kAgentLogsFolderPrefix) && !folderInfo.exists();
}

void forget(RunLibrary *library, const QString &currentOrigin)
{
    if (!library)
        return;
    AppSettings settings;
    const QString lastOrigin = settings.lastDemoOrigin();
    const QString tempFolder = QDir::tempPath();
    library->forgetRuns([lastOrigin, currentOrigin, tempFolder](const QString &origin) {
        return isLeftOver(origin, lastOrigin, currentOrigin, tempFolder);
    });
    settings.setLastDemoOrigin(currentOrigin);
}

} // namespace EarlierDemoRuns
