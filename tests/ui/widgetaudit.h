// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

class QWidget;

// Checks over a window's widget tree that a user cannot do without (issue 27, "Usable by
// everyone"). Each returns one line per problem, naming the widget by its path of object
// names and classes, so that a failure says where to look.
namespace WidgetAudit {

// "MainWindow > QDockWidget#statisticsDock > BarChart#statisticsTypes".
QString pathOf(const QWidget *widget);

// Interactive widgets shown in `root` (buttons, tool buttons, check boxes, line edits, combo
// boxes, spin boxes, sliders, item views, and any other widget that takes focus from the
// keyboard) whose accessible interface has no name; and focusable custom widgets whose role says
// nothing (Client or NoRole). Text counts as a name for a button with text, as a buddy label's
// text does for a field: that is what a screen reader reads out.
QStringList unnamedInteractiveWidgets(QWidget *root);

// Labels and buttons shown in `root` whose text does not fit: a label narrower than its text's
// minimum size (single line: the whole text; word-wrapped: its longest word), a button narrower
// than its minimum size hint, or text shown elided ("…" that the text itself does not hold).
QStringList clippedTexts(QWidget *root);

} // namespace WidgetAudit
