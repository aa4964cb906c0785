// SPDX-License-Identifier: MIT
#include "clienvironment.h"

#include <QDir>

QProcessEnvironment cliEnvironment(const QString &home, const QByteArray &token)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "CODEGEN_API_TOKEN", "CODEGEN_ORG_ID",
                             "CODEGEN_API_BASE_URL"})
        env.remove(QString::fromLatin1(name));
    const QDir folder(home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), folder.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), folder.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), folder.filePath(QStringLiteral("cache")));
    // A window started here takes later starts' hand-overs on a socket in this folder (made 0700
    // by Runlog): never one of another test's windows, nor the user's Runlog.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), folder.filePath(QStringLiteral("runtime")));
    if (!token.isEmpty())
        env.insert(QStringLiteral("CODEGEN_API_TOKEN"), QString::fromUtf8(token));
    return env;
}
