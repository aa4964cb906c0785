// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// A substring search over bytes, ASCII case-insensitive on request: the plain-text search's and
// the regular expressions' prefilter's (RegexPrefilter).
//
// Candidate positions for a needle of length m: first and last byte equal (with ASCII letters
// folded by OR-ing 0x20 when `fold`), then the middle compared. The classic "generic SIMD"
// substring search; 16 start positions per step. The needle is not empty, its letters lower case
// when `fold`, and it outlives the finder (which points into it).
class ByteFinder
{
public:
    ByteFinder(const QByteArray &needle, bool fold)
        : m_p(reinterpret_cast<const uchar *>(needle.constData())), m_m(needle.size()), m_fold(fold)
    {
        const auto orFor = [fold](uchar c) -> uchar { return fold && c >= 'a' && c <= 'z' ? 0x20 : 0; };
        m_first = m_p[0];
        m_last = m_p[m_m - 1];
        m_firstOr = orFor(m_first);
        m_lastOr = orFor(m_last);
    }

    // The first match at or after `from`, or -1.
    qsizetype find(const uchar *h, qsizetype n, qsizetype from) const
    {
        const qsizetype lastStart = n - m_m;
        qsizetype i = from;
#if defined(__SSE2__)
        const __m128i first = _mm_set1_epi8(char(m_first));
        const __m128i last = _mm_set1_epi8(char(m_last));
        const __m128i firstOr = _mm_set1_epi8(char(m_firstOr));
        const __m128i lastOr = _mm_set1_epi8(char(m_lastOr));
        while (i + 15 <= lastStart) {
            const __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i)), firstOr);
            const __m128i b =
                _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i + m_m - 1)), lastOr);
            unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
            while (mask) {
                const int bit = __builtin_ctz(mask);
                if (middleEqual(h + i + bit))
                    return i + bit;
                mask &= mask - 1;
            }
            i += 16;
        }
#endif
        for (; i <= lastStart; ++i) {
            if (uchar(h[i] | m_firstOr) == m_first && uchar(h[i + m_m - 1] | m_lastOr) == m_last && middleEqual(h + i))
                return i;
        }
        return -1;
    }

    qsizetype size() const { return m_m; }

    // Whether the `size` bytes at `at` are `lowerCased` (its letters lower case when `fold`),
    // ASCII letters compared in either case when `fold`: every comparison of the prefilters'
    // needles (ByteFinder, AnyPieceFinder, GapLiterals).
    static bool equalAt(const uchar *at, const uchar *lowerCased, qsizetype size, bool fold)
    {
        if (!fold)
            return std::memcmp(at, lowerCased, size_t(size)) == 0;
        for (qsizetype k = 0; k < size; ++k) {
            if (asciiLower(at[k]) != lowerCased[k])
                return false;
        }
        return true;
    }

private:
    static uchar asciiLower(uchar c) { return (c >= 'A' && c <= 'Z') ? uchar(c | 0x20) : c; }

    bool middleEqual(const uchar *at) const
    {
        return m_m <= 2 || equalAt(at + 1, m_p + 1, m_m - 2, m_fold);
    }

    const uchar *m_p;
    qsizetype m_m;
    bool m_fold;
    uchar m_first, m_last, m_firstOr, m_lastOr;
};
