// SPDX-License-Identifier: MIT
#pragma once

#include "run/entrytext.h"

#include <QByteArray>
#include <QColor>
#include <QFont>
#include <QString>

class QTextDocument;
class QThread;

// Turns one entry's JSON into the text of the detail pane. Runs on a worker thread: an entry can
// be many megabytes, and building its document (blocks, formats) must not stall the window.
namespace EntryRenderer {

// Tree is the detail pane's collapsible JSON view; renderText() treats it as Readable.
enum class Mode { Readable, Json, Tree };

// A heading line starts with this mark; the renderer formats those lines as headings.
inline constexpr char16_t kHeadingMark = EntryText::kHeadingMark;

// The pane's text (EntryText::render, which the search reads too).
QString renderText(const QByteArray &rawEntry, Mode mode);

// The length of the key at `indent` in a line of renderText() ("key: …" readable, "\"key\": …"
// JSON), `indent` being after the indentation (and, readable, after a list item's "- ": see
// ReadableLines); 0 when no key starts there.
int keyLength(const QString &line, int indent, Mode mode);

// Colours of the detail views, readable on light and dark backgrounds alike.
QColor headingColour(bool dark = false);
QColor keyColour(bool dark = false);

// Builds a document for QPlainTextEdit from renderText() and moves it to `owner` (the GUI
// thread), ready for QPlainTextEdit::setDocument. `plainText`, when given, receives the
// document's text (for searching it without touching the document again). `dark`: colours for
// a dark palette.
QTextDocument *buildDocument(const QByteArray &rawEntry, Mode mode, const QFont &font, QThread *owner,
                             QString *plainText = nullptr, bool dark = false);

}
