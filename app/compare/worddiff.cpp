// SPDX-License-Identifier: MIT
#include "compare/worddiff.h"

#include <QStringView>

#include <algorithm>
#include <vector>

namespace {

// Runs of word characters, runs of whitespace, and every other character on its own: a changed
// comma does not make the whole word around it differ.
QVector<QStringView> tokensOf(const QString &text)
{
    QVector<QStringView> tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        qsizetype j = i + 1;
        if (c.isSpace()) {
            while (j < n && text.at(j).isSpace())
                ++j;
        } else if (c.isLetterOrNumber() || c == QLatin1Char('_')) {
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('_')))
                ++j;
        } else if (c.isHighSurrogate() && j < n) {
            ++j;
        }
        tokens.append(QStringView(text).mid(i, j - i));
        i = j;
    }
    return tokens;
}

void append(QVector<WordDiff::Piece> &pieces, WordDiff::Piece::Kind kind, QStringView text)
{
    if (text.isEmpty())
        return;
    if (!pieces.isEmpty() && pieces.last().kind == kind)
        pieces.last().text += text;
    else
        pieces.append(WordDiff::Piece{kind, text.toString()});
}

} // namespace

namespace WordDiff {

QVector<Piece> diff(const QString &before, const QString &after, qsizetype maxCells)
{
    const QVector<QStringView> a = tokensOf(before);
    const QVector<QStringView> b = tokensOf(after);
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;

    QVector<Piece> pieces;
    for (qsizetype i = 0; i < head; ++i)
        append(pieces, Piece::Same, a.at(i));
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= maxCells) {
        // lengths[i][j]: the longest common subsequence of a's middle from i and b's from j.
        std::vector<int> lengths(size_t((n + 1) * (m + 1)), 0);
        const auto at = [&](qsizetype i, qsizetype j) -> int & { return lengths[size_t(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i)
            for (qsizetype j = m - 1; j >= 0; --j)
                at(i, j) = a.at(head + i) == b.at(head + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
                append(pieces, Piece::Same, a.at(head + i));
                ++i;
                ++j;
            } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
                append(pieces, Piece::Removed, a.at(head + i));
                ++i;
            } else {
                append(pieces, Piece::Added, b.at(head + j));
                ++j;
            }
        }
    } else {
        for (qsizetype i = 0; i < n; ++i)
            append(pieces, Piece::Removed, a.at(head + i));
        for (qsizetype j = 0; j < m; ++j)
            append(pieces, Piece::Added, b.at(head + j));
    }
    for (qsizetype i = a.size() - tail; i < a.size(); ++i)
        append(pieces, Piece::Same, a.at(i));
    return pieces;
}

} // namespace WordDiff
