// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QTextDocument;

// Markdown with its line breaks kept where they were written, as GitHub shows comments and
// issues: agents' thoughts, answers and text observations break lines on purpose (a list of files,
// a traceback, an address), and CommonMark joins every such line into one paragraph.
//
// Qt's Markdown reader makes a hard break (two spaces before the line break) a new paragraph,
// with a paragraph's spacing, so that lines and paragraphs would look alike. So the text is
// marked first: each line that goes on in the same paragraph ends with a marker (a rare space) and a hard break
// (marked()); once the document is read, the paragraphs that end with the marker are joined with
// the next one by a line separator, which breaks the line inside the paragraph (joinMarked()).
// Lines are left alone where the next one starts a block of its own (a list item, a quote, a
// heading, a rule, a table, a fence), inside fenced code, and in indented code.
namespace MarkdownLineBreaks {

// The Markdown to read, with the markers; unchanged when the text holds the marker itself.
// *anyMarked: whether a marker was put in.
QString marked(const QString &markdown, bool *anyMarked);

// In the document read from marked(), when it marked any line: joins each marked paragraph with
// the next and removes every marker.
void joinMarked(QTextDocument *document);

} // namespace MarkdownLineBreaks
