// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QString>

// Which run file notes belong to: the file's absolute path, its size and the SHA-256 of its first
// and last MiB. A file that was rewritten (another export under the same name) is another run
// and starts without notes; one that was only touched keeps them. Reads up to 2 MiB: call it off
// the UI thread. Invalid (empty key) when the file cannot be read.
namespace FileIdentity {
constexpr qint64 kEdgeBytes = 1 << 20;
NotesScope scopeOf(const QString &path);
}
