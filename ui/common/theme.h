// SPDX-License-Identifier: MIT
#pragma once

#include <QPalette>
#include <QString>

// View > Theme: the system's look, or Runlog's own light or dark one (the Fusion style with a
// light or a dark palette), for the whole application.
namespace Theme {

enum class Choice { System, Light, Dark };

Choice fromName(const QString &name);      // "system", "light", "dark"; anything else: System
QString nameOf(Choice choice);

// Applies the choice to the running application. The system's own style and palette are noted
// the first time, so that System brings them back.
void apply(Choice choice);

QPalette lightPalette();
QPalette darkPalette();

} // namespace Theme
