// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// What the windowless commands print: one line per message on stderr ("runlog: ..."), data on
// stdout. A server's words may hold line breaks or escapes; a line stays one line.
namespace CliOutput {
QString oneLine(const QString &text);
void errorLine(const QString &text);       // "runlog: " + text, one line, on stderr
void writeOut(const QByteArray &bytes);    // stdout, as is
// A value in a tab-separated line: tab, line breaks and backslash escaped (\t \n \r \\).
QString tsvField(const QString &text);
// "12,000": the same grouping in every locale a terminal may have.
QString count(qint64 n);
}
