// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// A run's summary and result are Markdown ("## Fixed the **login** bug"); where a list or a
// tooltip shows them as a line of text, the marks are noise. Pure and thread-safe.
namespace MarkdownText {

// Each line without its heading, list and quote marks, emphasis, code ticks, and with a link
// [text](url) as its text; blank lines dropped. Not a Markdown renderer: what is left is text
// as a reader would say it.
QString plain(const QString &markdown);

// The first line of plain() with something on it, its spaces simplified.
QString firstLine(const QString &markdown);

// plain() on one line: its lines joined by spaces (a list's cell).
QString oneLine(const QString &markdown);

} // namespace MarkdownText
