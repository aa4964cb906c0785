// SPDX-License-Identifier: MIT
#include "instance/instancesocket.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

namespace InstanceSocket {
namespace {
// The display, as a file name's part: ":0" -> "_0", "wayland-0" stays.
QString displayKey(const QProcessEnvironment &environment)
{
    QString display = environment.value(QStringLiteral("WAYLAND_DISPLAY"));
    if (display.isEmpty())
        display = environment.value(QStringLiteral("DISPLAY"));
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    return display.replace(unsafe, QStringLiteral("_")).left(48);
}
} // namespace

int maxPathBytes()
{
    return int(sizeof(sockaddr_un::sun_path)) - 1;
}

QString checkPrivateDirectory(const QString &path, uint uid)
{
    const QByteArray native = QFile::encodeName(path);
    // mkdir() gives the mode at once (no window in which the folder is open to others); an
    // existing folder is checked below like one made here.
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return QCoreApplication::translate("InstanceSocket", "The folder %1 could not be made: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    struct stat info {};
    if (::lstat(native.constData(), &info) != 0)
        return QCoreApplication::translate("InstanceSocket", "The folder %1 cannot be read: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISDIR(info.st_mode))
        return QCoreApplication::translate("InstanceSocket", "%1 is not a folder.").arg(path);
    if (info.st_uid != uid)
        return QCoreApplication::translate("InstanceSocket", "The folder %1 belongs to another user.").arg(path);
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return QCoreApplication::translate("InstanceSocket", "The folder %1 is open to other users (mode %2).").arg(path).arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return {};
}

Location locate(const QProcessEnvironment &environment, uint uid)
{
    QString folder = environment.value(QStringLiteral("XDG_RUNTIME_DIR"));
    // The runtime folder the session manager made for this user (XDG Base Directory
    // specification): private, and emptied when the user logs out, so a socket left by a crash
    // does not outlive the session. Without one (a bare ssh login, a container), a folder of our
    // own under the temporary folder, made 0700 and checked to be ours: a folder of that name
    // made by someone else beforehand is refused, never used.
    if (folder.isEmpty() || QDir::isRelativePath(folder))
        folder = QDir(QDir::tempPath()).filePath(QStringLiteral("runlog-%1").arg(uid));
    else
        QDir().mkpath(QFileInfo(folder).absolutePath()); // a runtime folder named but missing: made 0700 below
    if (const QString problem = checkPrivateDirectory(folder, uid); !problem.isEmpty())
        return Location{QString(), problem};
    const QString key = displayKey(environment);
    const QString name = key.isEmpty() ? QStringLiteral("runlog.socket") : QStringLiteral("runlog-%1.socket").arg(key);
    const QString path = QDir(folder).filePath(name);
    if (QFile::encodeName(path).size() > maxPathBytes())
        return Location{QString(), QCoreApplication::translate("InstanceSocket", "The socket's path %1 is too long for a local socket.").arg(path)};
    return Location{path, QString()};
}

FileCheck checkSocketFile(const QString &path, uint uid)
{
    struct stat info {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return FileCheck{FileState::Missing, QString()};
    if (!S_ISSOCK(info.st_mode))
        return FileCheck{FileState::Untrusted, QCoreApplication::translate("InstanceSocket", "%1 is not a socket.").arg(path)};
    if (info.st_uid != uid)
        return FileCheck{FileState::Untrusted, QCoreApplication::translate("InstanceSocket", "The socket %1 belongs to another user.").arg(path)};
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return FileCheck{FileState::Untrusted, QCoreApplication::translate("InstanceSocket", "The socket %1 is open to other users (mode %2).")
                                                   .arg(path).arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'))};
    return FileCheck{FileState::Trusted, QString()};
}

} // namespace InstanceSocket
