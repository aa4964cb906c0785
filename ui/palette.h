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
// The user's marks (m): the notch in the margin and beside the scroll bar, and the row's tint
// (translucent, so it reads on light and dark backgrounds alike).
QColor mark();
QColor markTint();
}
