// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// status is a free string seen in several casings; what matters is whether the run is still
// going, finished well, or finished badly.
enum class RunPhase { Unknown, Running, Succeeded, Failed };

RunPhase runPhaseOf(const QString &status);
inline bool isRunStillGoing(const QString &status) { return runPhaseOf(status) == RunPhase::Running; }
