// SPDX-License-Identifier: MIT
#pragma once

#include <QProcessEnvironment>
#include <QString>

// Where the running Runlog of this desktop session listens, and whether a folder or a socket
// file there can be trusted: the user's own, reachable by the user alone. Every check takes the
// user ID to compare with, so that tests can play another user.
namespace InstanceSocket {

struct Location
{
    QString path;    // the socket file; empty when there is none to use
    QString problem; // why not, for a message on stderr
};

// $XDG_RUNTIME_DIR/runlog[-DISPLAY].socket: one per user and display (a second desktop session
// of the same user on another display has a Runlog of its own). Without XDG_RUNTIME_DIR, a
// folder runlog-UID under the temporary folder, made 0700 here.
Location locate(const QProcessEnvironment &environment, uint uid);

// Empty when `path` is a directory (not a symbolic link) owned by `uid` that no one else may
// enter, list or write; created with mode 0700 when it is missing. Else why not.
QString checkPrivateDirectory(const QString &path, uint uid);

enum class FileState { Missing, Trusted, Untrusted };
struct FileCheck
{
    FileState state = FileState::Missing;
    QString problem; // for Untrusted
};
// A socket file another start may connect to: a socket, owned by `uid`, with no permission for
// the group or others (QLocalServer::UserAccessOption makes it 0700).
FileCheck checkSocketFile(const QString &path, uint uid);

// The longest path a Unix socket address holds (sun_path, its terminating zero excluded).
int maxPathBytes();
} // namespace InstanceSocket
