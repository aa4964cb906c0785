// SPDX-License-Identifier: MIT
// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986), section 4b: the middle snake
// of a shortest edit script splits the problem in two halves of about D/2 differences each; the
// snakes found on the way are the matched pairs. A shortest edit script is a longest common
// subsequence, so the result is maximal.
#include "compare/alignment.h"

#include <memory>
#include <vector>

namespace {

struct Snake
{
    int x0, y0, x1, y1; // from (x0, y0) to (x1, y1) along a diagonal, absolute indices
};

class MyersAligner
{
public:
    MyersAligner(const quint64 *left, int leftSize, const quint64 *right, int rightSize, int *rightOfLeft,
                 const std::atomic<bool> *cancel)
        : m_a(left), m_b(right), m_rightOfLeft(rightOfLeft), m_cancel(cancel)
        , m_offset((leftSize + rightSize) / 2 + 1)
        // Not zeroed: a diagonal's value is written before it is read, so only the diagonals
        // the search reaches are touched (the untouched pages of a big array stay unmapped).
        , m_forward(new int[size_t(2 * m_offset + 1)])
        , m_backward(new int[size_t(2 * m_offset + 1)])
    {
    }

    bool cancelled() const { return m_cancelled; }

    void align(int aLo, int aHi, int bLo, int bHi)
    {
        while (aLo < aHi && bLo < bHi && m_a[aLo] == m_b[bLo])
            m_rightOfLeft[aLo++] = bLo++;
        while (aLo < aHi && bLo < bHi && m_a[aHi - 1] == m_b[bHi - 1])
            m_rightOfLeft[--aHi] = --bHi;
        if (aLo == aHi || bLo == bHi || m_cancelled)
            return;
        const Snake snake = middleSnake(aLo, aHi, bLo, bHi);
        if (m_cancelled)
            return;
        align(aLo, snake.x0, bLo, snake.y0);
        for (int x = snake.x0, y = snake.y0; x < snake.x1; ++x, ++y)
            m_rightOfLeft[x] = y;
        align(snake.x1, aHi, snake.y1, bHi);
    }

private:
    // Both ends of the range differ (align() matched the common prefix and suffix), so D >= 1 and
    // each half has fewer differences than the whole.
    Snake middleSnake(int aLo, int aHi, int bLo, int bHi)
    {
        const int n = aHi - aLo;
        const int m = bHi - bLo;
        const int delta = n - m;
        const bool odd = (delta & 1) != 0;
        const int maxD = (n + m + 1) / 2;
        int *const vf = m_forward.get() + m_offset;  // furthest x on diagonal k (x - y), forward
        int *const vb = m_backward.get() + m_offset; // likewise from the end, in reversed indices
        vf[1] = 0;
        vb[1] = 0;
        for (int d = 0; d <= maxD; ++d) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
                m_cancelled = true;
                return {aLo, bLo, aLo, bLo};
            }
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vf[k - 1] < vf[k + 1])) ? vf[k + 1] : vf[k - 1] + 1;
                int y = x - k;
                const int x0 = x;
                const int y0 = y;
                while (x < n && y < m && m_a[aLo + x] == m_b[bLo + y]) {
                    ++x;
                    ++y;
                }
                vf[k] = x;
                // The backward paths of d - 1 differences lie on diagonals delta - k' with
                // |k'| <= d - 1.
                if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x + vb[delta - k] >= n)
                    return {aLo + x0, bLo + y0, aLo + x, bLo + y};
            }
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && vb[k - 1] < vb[k + 1])) ? vb[k + 1] : vb[k - 1] + 1;
                int y = x - k;
                const int x0 = x;
                const int y0 = y;
                while (x < n && y < m && m_a[aHi - 1 - x] == m_b[bHi - 1 - y]) {
                    ++x;
                    ++y;
                }
                vb[k] = x;
                if (!odd && delta - k >= -d && delta - k <= d && x + vf[delta - k] >= n)
                    return {aHi - x, bHi - y, aHi - x0, bHi - y0};
            }
        }
        // Unreachable: the paths meet by d = ceil((n + m) / 2).
        return {aLo, bLo, aLo, bLo};
    }

    const quint64 *m_a;
    const quint64 *m_b;
    int *m_rightOfLeft;
    const std::atomic<bool> *m_cancel;
    const int m_offset;
    std::unique_ptr<int[]> m_forward;
    std::unique_ptr<int[]> m_backward;
    bool m_cancelled = false;
};

// An entry whose key the other run never has cannot be in any common subsequence: leaving such
// entries out changes no longest one, and makes runs that have little in common (where Myers'
// D is large) small. Which keys a side has is a bit per key's hash in a table of 8 bits or more
// per entry (one byte an entry, for a moment): a key that shares a bit with one of the other
// side's stays in (it cannot be matched, which Myers then finds), but no key of the other side
// is ever missed, so the result stays exact. Worth it only when it leaves out a good part.
constexpr int kDropFractionWorthIt = 10; // at least one entry in ten

class KeyBits
{
public:
    KeyBits(const quint64 *keys, int from, int to)
    {
        while ((quint64(1) << m_log2Bits) < quint64(to - from) * 8)
            ++m_log2Bits;
        m_words.assign(size_t(1) << (m_log2Bits - 6), 0);
        for (int i = from; i < to; ++i) {
            const quint64 bit = bitOf(keys[i]);
            m_words[bit >> 6] |= quint64(1) << (bit & 63);
        }
    }

    bool mayHave(quint64 key) const
    {
        const quint64 bit = bitOf(key);
        return (m_words[bit >> 6] >> (bit & 63)) & 1;
    }

private:
    // The top bits of a multiplicative hash: keys that are small numbers spread too.
    quint64 bitOf(quint64 key) const { return (key * 0x9e3779b97f4a7c15ull) >> (64 - m_log2Bits); }

    int m_log2Bits = 6;
    std::vector<quint64> m_words;
};

// How many of the keys in [from, to) `other` surely does not have.
qsizetype droppedCount(const quint64 *keys, int from, int to, const KeyBits &other)
{
    qsizetype dropped = 0;
    for (int i = from; i < to; ++i)
        dropped += other.mayHave(keys[i]) ? 0 : 1;
    return dropped;
}

// The indices in [from, to) whose key `other` may have.
QVector<int> keptIndices(const quint64 *keys, int from, int to, const KeyBits &other)
{
    QVector<int> kept;
    for (int i = from; i < to; ++i) {
        if (other.mayHave(keys[i]))
            kept.append(i);
    }
    return kept;
}

} // namespace

namespace Alignment {

Matches longestCommonSubsequence(const QVector<quint64> &left, const QVector<quint64> &right,
                                 const std::atomic<bool> *cancel)
{
    Matches matches;
    matches.rightOfLeft.fill(-1, left.size());
    int aLo = 0, aHi = int(left.size()), bLo = 0, bHi = int(right.size());
    while (aLo < aHi && bLo < bHi && left[aLo] == right[bLo])
        matches.rightOfLeft[aLo++] = bLo++;
    while (aLo < aHi && bLo < bHi && left[aHi - 1] == right[bHi - 1])
        matches.rightOfLeft[--aHi] = --bHi;
    if (aLo == aHi || bLo == bHi)
        return matches;

    const KeyBits rightKeys(right.constData(), bLo, bHi);
    const KeyBits leftKeys(left.constData(), aLo, aHi);
    const qsizetype dropped = droppedCount(left.constData(), aLo, aHi, rightKeys)
        + droppedCount(right.constData(), bLo, bHi, leftKeys);
    if (dropped * kDropFractionWorthIt < (aHi - aLo) + (bHi - bLo)) {
        MyersAligner aligner(left.constData(), int(left.size()), right.constData(), int(right.size()),
                             matches.rightOfLeft.data(), cancel);
        aligner.align(aLo, aHi, bLo, bHi);
        matches.cancelled = aligner.cancelled();
        return matches;
    }
    const QVector<int> leftKept = keptIndices(left.constData(), aLo, aHi, rightKeys);
    const QVector<int> rightKept = keptIndices(right.constData(), bLo, bHi, leftKeys);
    if (leftKept.isEmpty() || rightKept.isEmpty())
        return matches;
    QVector<quint64> a(leftKept.size()), b(rightKept.size());
    for (qsizetype i = 0; i < leftKept.size(); ++i)
        a[i] = left[leftKept[i]];
    for (qsizetype j = 0; j < rightKept.size(); ++j)
        b[j] = right[rightKept[j]];
    QVector<int> rightOfKept(a.size(), -1);
    MyersAligner aligner(a.constData(), int(a.size()), b.constData(), int(b.size()), rightOfKept.data(), cancel);
    aligner.align(0, int(a.size()), 0, int(b.size()));
    matches.cancelled = aligner.cancelled();
    for (qsizetype i = 0; i < rightOfKept.size(); ++i) {
        if (rightOfKept[i] >= 0)
            matches.rightOfLeft[leftKept[i]] = rightKept[rightOfKept[i]];
    }
    return matches;
}

} // namespace Alignment
