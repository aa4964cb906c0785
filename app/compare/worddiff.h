// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVector>

// A word-level diff of two texts, for showing what changed inside a `changed` pair's fields.
// Words and the whitespace between them are tokens, so the pieces put back together give each
// text exactly. Pure; callable on any thread.
namespace WordDiff {

struct Piece
{
    enum Kind { Same, Removed, Added };
    Kind kind = Same;
    QString text;
};

// The pieces in reading order: Same and Removed ones make `before`, Same and Added ones make
// `after`. A longest common subsequence of tokens, after the common head and tail are set
// aside; when the rest is too big for that (more than `maxCells` token pairs), the whole rest
// is one Removed and one Added piece, so a huge output never stalls the window.
QVector<Piece> diff(const QString &before, const QString &after, qsizetype maxCells = 4'000'000);

} // namespace WordDiff
