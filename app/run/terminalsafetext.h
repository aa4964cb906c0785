// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

// What the command line prints comes from a server or a file: a run whose status holds
// "\x1b]0;TITLE\x07" retitles the terminal, U+009B starts a control sequence on terminals that
// take 8-bit controls, and U+202E turns the rest of a line around. Like less and lnav, every
// such character is written as a visible escape instead, by the one policy here that every
// writer (tsv, json, the lines on stderr) goes through.
namespace TerminalSafeText {

// C0 controls (U+0000-U+001F), DEL, C1 controls (U+0080-U+009F), the bidirectional formatting
// characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph
// separators (U+2028, U+2029).
bool isUnsafe(char16_t c);

// A value in a tab-separated line. Tab, line feed, carriage return and backslash keep their
// escapes \t \n \r \\; every other unsafe character is written \xHH (C0, DEL, C1: "\x1b",
// "\x9b") or \u{HHHH} (the others: "\u{202e}"), hexadecimal in lower case.
QString forTsv(QStringView text);

// One line of a message for a person, on stderr: tabs and line breaks become spaces and runs of
// white space one space (as before), every other unsafe character is written as in forTsv, and
// a backslash stays a backslash.
QString forLine(QStringView text);

// JSON text (UTF-8) with every unsafe character inside a string written as a JSON escape
// (\u00HH, \uHHHH), so that the values stay the same when parsed; everything else is copied
// byte for byte. Raw C0 controls cannot be in valid JSON strings and are escaped too; outside
// strings, where only JSON's white space is valid, any unsafe character is escaped as well: the
// text was not valid JSON anyway, and the terminal comes first.
QByteArray forJson(const QByteArray &json);

} // namespace TerminalSafeText
