// SPDX-License-Identifier: MIT
#pragma once

#include "compare/runcomparison.h"
#include "run/messagecategory.h"
#include "run/runstatus.h"

#include <QColor>

class QPalette;

// The few colours Runlog uses to tell things apart at a glance, in one place. Text colours come
// in a light and a dark variant, each chosen to be readable on that palette's backgrounds
// (WCAG AA: a contrast ratio of at least 4.5 for text).
namespace RunlogPalette {

// A hue per kind of entry (scroll bar marks, accents); not for text.
QColor forCategory(MessageCategory category);
// The status badge's background; its text is white.
QColor forPhase(RunPhase phase);
QColor errorBackground();
QColor warningBackground();
// The user's marks (m): the notch in the margin and beside the scroll bar, and the row's tint
// (translucent, so it reads on light and dark backgrounds alike).
QColor mark();
QColor markTint();
// The user's notes (N): the note icon in the table's first column, the timeline's tick, and the
// note's box in the detail pane (translucent, for light and dark backgrounds).
QColor note();
QColor noteTint();

// Folded repeats (View > Fold Repeats): the closed fold's row tint (translucent, as the mark's)
// and the chevron and guide line of a fold.
QColor foldTint();
QColor foldAccent(bool dark);

// Whether a palette is a dark one (light text on dark backgrounds).
bool isDark(const QPalette &palette);

// A message type's pill in the table: its text and its background.
struct Badge
{
    QColor text;
    QColor background;
};
Badge badgeFor(MessageCategory category, bool dark);

// Text that must stand out from the table's rows: a long gap, an error (a page that failed).
QColor longGapText(bool dark);
QColor errorText(bool dark);
// Search matches: the mark beside the scroll bar and at a row's edge, and a match's background
// inside a cell.
QColor matchMark();
QColor matchBackground(bool dark);
// The insights' loops: the timeline's loop lane. A hue no kind of entry, error, match or mark
// uses (magenta), standing out (3:1, as WCAG asks of graphics) from either palette's base.
QColor loop(bool dark);
// A bar that stands for no kind (the statistics' "(no tool)"): a grey that stands out (3:1, as
// WCAG asks of graphics) from the palette's window and base.
QColor neutralBar(const QPalette &palette);
// Quieter text for the # and Time columns: between the palette's text and base colours, still
// readable (AA) on either palette.
QColor quietText(const QPalette &palette);
// Compare Runs: a step's row background by its kind (none for `same`; amber changed, red only in
// the left run, green only in the right), opaque and pale on light, deep on dark, so the
// palette's own text reads on it (AA); and the word diff's removed and added words.
QColor compareStepBackground(CompareStep::Op op, bool dark);
QColor wordRemovedBackground(bool dark);
QColor wordAddedBackground(bool dark);
}
