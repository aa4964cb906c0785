// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

class QWidget;

// Where a window opens: the geometry saved last time only when it still fits one of the screens
// there are now (a laptop undocked from its big monitor), else a size made for the screen it is
// on: at most 1360×820, at most 90 % of the screen's available room, centred.
namespace WindowPlacement {

// Restores `saved` (QWidget::saveGeometry) or places the window afresh; true when restored.
bool restore(QWidget *window, const QByteArray &saved);

} // namespace WindowPlacement
