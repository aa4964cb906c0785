// SPDX-License-Identifier: MIT
#pragma once

#include <QVector>
#include <QtGlobal>

#include <atomic>

// A longest common subsequence of two sequences of keys, exactly: the common prefix and suffix
// are matched first, the rest with Myers' O(ND) diff in linear space (the middle snake, divided
// and conquered). Time O((N+M)·D) for D differences, near linear on similar sequences; memory
// two arrays of N+M+3 ints, of which only the 2·D around the middle are ever touched. When a good
// part of the rest has keys the other side never has (runs with little in common, where D is
// large), those entries are left out first (found with a bit table, about a byte an entry): they cannot be matched, so the result stays exact
// and Myers' D shrinks to what the runs share. Worst case still O((N+M)·D): two long runs made
// of the same few keys in a different order.
namespace Alignment {

struct Matches
{
    // For each index of `left`, the index of `right` it is matched to, or -1. Increasing.
    QVector<int> rightOfLeft;
    bool cancelled = false;
};

// `cancel`, when given and set (from any thread), stops the work soon: cancelled = true.
Matches longestCommonSubsequence(const QVector<quint64> &left, const QVector<quint64> &right,
                                 const std::atomic<bool> *cancel = nullptr);

} // namespace Alignment
