// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// The origin a run's notes are kept under. The demo backend listens on a new loopback port at
// every start, so its runs' notes are kept under "demo" and found again after a restart; every
// other origin is its own. The library asks this when it counts and removes a run's notes, so
// that deleting a demo run from the Library takes its notes along (and asks first).
namespace NotesOrigin {
inline const QString kDemo = QStringLiteral("demo");
// Called by the demo service when its backend listens: runs at this origin are the demo's.
void registerDemo(const QString &origin);
// "demo" for an origin registered above, the origin itself otherwise. Thread-safe.
QString of(const QString &origin);
} // namespace NotesOrigin
