// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

// What an error says, in one line: the first line with something on it of the entry's failure
// text (InsightsFinder::failureTextOf: its observation, its tool output's stderr/error/message,
// its thought), white space runs made one space, trimmed, cut to kMaxChars with "…". Empty
// when the entry has no such text. Parses JSON: call it on a worker for many entries.
namespace ErrorLine {

inline constexpr int kMaxChars = 160;

QString firstLineOf(QByteArrayView rawJson);

} // namespace ErrorLine
