// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdio>

// What the windowless commands print: one line per message on stderr ("runlog: ..."), data on
// stdout. A server's words may hold line breaks or terminal escapes; a line stays one line, and
// nothing reaches the terminal that it would act on (TerminalSafeText).
namespace CliOutput {
// The one line writer: `text` and a line break, in the terminal's encoding, flushed at once.
void printLine(FILE *stream, const QString &text);
QString oneLine(const QString &text);      // TerminalSafeText::forLine
void errorLine(const QString &text);       // "runlog: " + text, one line, on stderr
void writeOut(const QByteArray &bytes);    // stdout, as is
void writeJson(const QByteArray &json);    // stdout, controls in strings as JSON escapes
// A value in a tab-separated line (TerminalSafeText::forTsv): \t \n \r \\, \xHH, \u{HHHH}.
QString tsvField(const QString &text);
// "12,000": the same grouping in every locale a terminal may have.
QString count(qint64 n);
}
