#pragma once

#include "run/messagecategory.h"
#include "run/runstatus.h"

#include <QColor>

// The few colours Runlog uses to tell things apart at a glance, in one place.
namespace RunlogPalette {
QColor forCategory(MessageCategory category);
QColor forPhase(RunPhase phase);
QColor errorBackground();
QColor warningBackground();
}
