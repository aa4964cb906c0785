// SPDX-License-Identifier: MIT
#pragma once

#include <QStringView>
#include <QTextCharFormat>

// Unified diffs inside tool input and output: a block of lines is a diff when its first line
// opens one ("@@ ", "diff --git ", "--- ", "Index: "); its lines are then added, removed, hunk
// headers or context. Shared by the plain and the rich detail views.
namespace DiffLines {

enum class Kind { Context, Added, Removed, Hunk, FileHeader };

bool opensDiff(QStringView firstLine);
Kind kindOf(QStringView line);
// Added lines green, removed red, hunk headers blue: tinted backgrounds that read on light and
// dark palettes alike.
QTextCharFormat formatFor(Kind kind);

} // namespace DiffLines
