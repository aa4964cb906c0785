// SPDX-License-Identifier: MIT
#pragma once

#include "search/bytefinder.h"

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// ByteFinder for a set of pieces at once (a requirement's alternatives: the spellings of "été"):
// one pass over the bytes finds every place where any of them starts, where a ByteFinder per
// piece read the bytes once per piece (RegexPrefilter's spans of its strongest requirement: 42%
// of `été\s\w+`'s instructions with four spellings, 35% now; bench_search, issue 25). To ask
// whether any piece is there at all, a ByteFinder per piece is quicker: the first found ends the
// scan, and pieces with common first bytes ("fails", "error") make many candidates here.
//
// Candidate positions: the first byte one of the pieces' first bytes and, for a length some
// piece has, the byte at that length one of those pieces' last bytes (ASCII letters folded by
// OR-ing 0x20 when `fold`, as ByteFinder does); then each piece is compared there. Up to
// kMaxPieces pieces of up to kMaxLengths lengths; isUsable() is false for more (the caller keeps
// one ByteFinder per piece), and for one piece (ByteFinder is quicker for one). The pieces are not
// empty, their letters lower case when `fold`.
class AnyPieceFinder
{
public:
    static constexpr qsizetype kMaxPieces = 8;
    static constexpr qsizetype kMaxLengths = 3;

    AnyPieceFinder() = default;
    AnyPieceFinder(const QList<QByteArray> &pieces, bool fold) : m_pieces(pieces), m_fold(fold)
    {
        if (pieces.size() < 2 || pieces.size() > kMaxPieces) {
            m_pieces.clear();
            return;
        }
        for (const QByteArray &piece : pieces) {
            if (piece.isEmpty()) {
                m_pieces.clear();
                return;
            }
            m_shortest = m_shortest == 0 ? piece.size() : std::min(m_shortest, piece.size());
            addByte(m_firsts, m_firstCount, uchar(piece.front()));
            m_startsAPiece[uchar(piece.front())] = true;
            if (isFoldedLetter(uchar(piece.front())))
                m_startsAPiece[uchar(piece.front()) & ~0x20] = true;
            qsizetype k = 0;
            while (k < m_lengthCount && m_lengths[k].length != piece.size())
                ++k;
            if (k == m_lengthCount) {
                if (m_lengthCount == kMaxLengths) {
                    m_pieces.clear();
                    return;
                }
                m_lengths[m_lengthCount++].length = piece.size();
            }
            addByte(m_lengths[k].lasts, m_lengths[k].lastCount, uchar(piece.back()));
        }
#if defined(__SSE2__)
        for (qsizetype k = 0; k < pieces.size(); ++k)
            setPieceVectors(m_pieceVectors[k], pieces.at(k));
        setVectors(m_firstVectors, m_firsts, m_firstCount);
        for (qsizetype k = 0; k < m_lengthCount; ++k)
            setVectors(m_lengths[k].vectors, m_lengths[k].lasts, m_lengths[k].lastCount);
#endif
    }

    bool isUsable() const { return !m_pieces.isEmpty(); }
    const QList<QByteArray> &pieces() const { return m_pieces; }

    // Calls found(start, pieceIndex) for every occurrence of every piece at or after `from`, by
    // start (the pieces found at one start in their order), until it returns false.
    template <typename Found>
    void forEach(const uchar *h, qsizetype n, qsizetype from, Found &&found) const
    {
        qsizetype i = from;
#if defined(__SSE2__)
        // Whole blocks while every piece's last byte is within the bytes for all 16 starts.
        const qsizetype longest = m_lengths[0].length > 0 ? longestLength() : 0;
        while (i + 15 + longest <= n) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i));
            unsigned mask = matchAny(block, m_firstVectors, m_firstCount);
            if (mask) {
                unsigned lastMask = 0;
                for (qsizetype k = 0; k < m_lengthCount; ++k) {
                    const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + i + m_lengths[k].length - 1));
                    lastMask |= matchAny(tail, m_lengths[k].vectors, m_lengths[k].lastCount);
                }
                mask &= lastMask;
            }
            while (mask) {
                const int bit = __builtin_ctz(mask);
                if (!reportAt(h, n, i + bit, found))
                    return;
                mask &= mask - 1;
            }
            i += 16;
        }
#endif
        // The last bytes (and all without SSE2): the pieces are compared only where one starts.
        for (; i + m_shortest <= n; ++i) {
            if (m_startsAPiece[h[i]] && !reportAt(h, n, i, found))
                return;
        }
    }

    // Whether any piece occurs in the bytes.
    bool occursIn(const uchar *h, qsizetype n) const
    {
        bool any = false;
        forEach(h, n, 0, [&any](qsizetype, qsizetype) {
            any = true;
            return false;
        });
        return any;
    }

private:
#if defined(__SSE2__)
    // A byte to compare with, and what to OR into the text's bytes first (0x20: a lower-case
    // letter that matches either case).
    struct ByteVectors
    {
        __m128i orWith;
        __m128i equals;
    };
#endif
    struct Length
    {
        qsizetype length = 0;
        uchar lasts[kMaxPieces];
        qsizetype lastCount = 0;
#if defined(__SSE2__)
        ByteVectors vectors[kMaxPieces];
#endif
    };

    static void addByte(uchar *bytes, qsizetype &count, uchar b)
    {
        for (qsizetype k = 0; k < count; ++k) {
            if (bytes[k] == b)
                return;
        }
        bytes[count++] = b;
    }

    qsizetype longestLength() const
    {
        qsizetype longest = 0;
        for (qsizetype k = 0; k < m_lengthCount; ++k)
            longest = std::max(longest, m_lengths[k].length);
        return longest;
    }

    bool isFoldedLetter(uchar c) const { return m_fold && c >= 'a' && c <= 'z'; }

#if defined(__SSE2__)
    void setVectors(ByteVectors *vectors, const uchar *bytes, qsizetype count) const
    {
        for (qsizetype k = 0; k < count; ++k) {
            vectors[k].orWith = _mm_set1_epi8(isFoldedLetter(bytes[k]) ? 0x20 : 0);
            vectors[k].equals = _mm_set1_epi8(char(bytes[k]));
        }
    }

    // A piece of up to 16 bytes as bytes to compare 16 bytes of text with, after OR-ing 0x20
    // into those where the piece has a folded letter (which makes either case of it that letter,
    // and no other byte); lengthMask: the bits of the piece's bytes (0: longer, compared apart).
    struct PieceVectors
    {
        __m128i orWith;
        __m128i equals;
        unsigned lengthMask = 0;
    };
    void setPieceVectors(PieceVectors &vectors, const QByteArray &piece) const
    {
        if (piece.size() > 16)
            return;
        alignas(16) uchar orWith[16] = {};
        alignas(16) uchar equals[16] = {};
        for (qsizetype k = 0; k < piece.size(); ++k) {
            equals[k] = uchar(piece.at(k));
            orWith[k] = isFoldedLetter(equals[k]) ? 0x20 : 0;
        }
        vectors.orWith = _mm_load_si128(reinterpret_cast<const __m128i *>(orWith));
        vectors.equals = _mm_load_si128(reinterpret_cast<const __m128i *>(equals));
        vectors.lengthMask = (1u << piece.size()) - 1;
    }

    // Bit j: block byte j is one of the vectors' bytes.
    static unsigned matchAny(__m128i block, const ByteVectors *vectors, qsizetype count)
    {
        __m128i any = _mm_cmpeq_epi8(_mm_or_si128(block, vectors[0].orWith), vectors[0].equals);
        for (qsizetype k = 1; k < count; ++k)
            any = _mm_or_si128(any, _mm_cmpeq_epi8(_mm_or_si128(block, vectors[k].orWith), vectors[k].equals));
        return unsigned(_mm_movemask_epi8(any));
    }
#endif

    bool equalAt(const uchar *at, const QByteArray &piece) const
    {
        return ByteFinder::equalAt(at, reinterpret_cast<const uchar *>(piece.constData()), piece.size(), m_fold);
    }

    // Reports each piece that starts at `at`; false when `found` said stop.
    template <typename Found>
    bool reportAt(const uchar *h, qsizetype n, qsizetype at, Found &found) const
    {
#if defined(__SSE2__)
        if (n - at >= 16) {
            // Where 16 bytes can be read: each piece of up to 16 bytes compared in one step.
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + at));
            for (qsizetype k = 0; k < m_pieces.size(); ++k) {
                const PieceVectors &piece = m_pieceVectors[k];
                const bool equal = piece.lengthMask
                    ? (unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(block, piece.orWith), piece.equals)))
                       & piece.lengthMask)
                        == piece.lengthMask
                    : n - at >= m_pieces.at(k).size() && equalAt(h + at, m_pieces.at(k)); // a longer piece must fit
                if (equal && !found(at, k))
                    return false;
            }
            return true;
        }
#endif
        for (qsizetype k = 0; k < m_pieces.size(); ++k) {
            const QByteArray &piece = m_pieces.at(k);
            if (n - at >= piece.size() && equalAt(h + at, piece) && !found(at, k))
                return false;
        }
        return true;
    }

    QList<QByteArray> m_pieces;
    bool m_fold = false;
    qsizetype m_shortest = 0;
    uchar m_firsts[kMaxPieces];
    qsizetype m_firstCount = 0;
    bool m_startsAPiece[256] = {}; // by byte: a piece's first byte (either case of a folded letter)
#if defined(__SSE2__)
    ByteVectors m_firstVectors[kMaxPieces];
    PieceVectors m_pieceVectors[kMaxPieces];
#endif
    Length m_lengths[kMaxLengths];
    qsizetype m_lengthCount = 0;
};
