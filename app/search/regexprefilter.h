// SPDX-License-Identifier: MIT
#pragma once

#include "search/anypiecefinder.h"
#include "search/regexliterals.h"
#include "search/searchquery.h"
#include "search/searchtext.h"

#include <QByteArrayView>
#include <QList>

#include <vector>

// Rules entries and segments out of a regular-expression search by plain byte searches for the
// strings every match holds (RegexLiterals), so that the expression (decoding to UTF-16, then
// PCRE2) runs only on the text that may match. Never rules out text that the expression would
// match: where the bytes do not tell (below), it says "may match".
//
// An entry's raw JSON holds each required piece as written wherever its decoded text does,
// unless an escape can make a character the piece may hold: rows flagged NeedsDecoding (\u, \/,
// \b, \f, odd control bytes) are never ruled out by their JSON. The pieces hold no '"', '\\' or
// control character, the only characters the other escapes (\n \t \r \" \\) make. Case-
// insensitively the pieces' ASCII letters are found ASCII-case-insensitively, and a non-ASCII
// letter is in every spelling the requirement lists (RegexLiterals::NonAscii::CaseVariants); the
// only non-ASCII characters that match an ASCII letter are K (U+212A) and ſ (U+017F), so text
// holding either is never ruled out. Every decoded segment is UTF-8 and is checked the same way
// before it is decoded for the expression.
//
// A plain value, built once per query; const and thread-safe.
class RegexPrefilter
{
public:
    RegexPrefilter() = default;
    // For a regular-expression query; any other query gives an inactive prefilter.
    explicit RegexPrefilter(const SearchQuery &query);

    // False when the pattern gives no required string: nothing is ever ruled out.
    bool isActive() const { return !m_required.isEmpty(); }
    // The requirements used, strongest first (tests and benchmarks show them).
    const QList<RegexLiterals::Requirement> &requirements() const { return m_required; }

    // True when no match can be in the row's text, from its bytes (raw JSON or decoded text).
    bool rowCannotMatch(const SearchText &text) const;
    // True when no match can be in this piece of decoded text (UTF-8, one segment).
    // `mayHoldFoldingIntoAscii` false: the segment is known to hold no K (U+212A) or ſ (U+017F)
    // (its row's flags say so), which spares looking for them.
    // `holdsStrongest`: the segment is known to hold the strongest requirement (one of the spans
    // below lies within it), which spares looking for it again.
    bool segmentCannotMatch(QByteArrayView decodedSegment, bool mayHoldFoldingIntoAscii = true,
                            bool holdsStrongest = false) const;
    // rowCannotMatch's answer for raw bytes known to hold the strongest requirement (spans were
    // found): only the other requirements are looked for.
    bool lacksAWeakerRequirement(QByteArrayView bytes) const { return lacksARequirement(bytes, 1); }

    // Where the strings of the strongest requirement are in a row's raw JSON, as [start, end)
    // offsets by start, found in one pass over the row: a segment that lies in the JSON as written
    // holds one of them exactly when one of these spans lies within it, so that most segments of
    // a row that may match are ruled out without reading them (segmentCannotMatch reads each).
    // Only for bytes without K or ſ where the search ignores case (they fold into ASCII).
    using Span = SearchText::ByteSpan;
    // False (spans not usable) when there are more than kMaxSpans: a string of one letter in a
    // 100 MB entry would take more memory than the scans it spares.
    static constexpr size_t kMaxSpans = 4096;
    bool findStrongestSpans(QByteArrayView bytes, std::vector<Span> &spans) const;
    // Whether one of `spans` (findStrongestSpans's, sorted) lies within [start, end).
    static bool anySpanWithin(const std::vector<Span> &spans, qsizetype start, qsizetype end);

private:
    bool lacksARequirement(QByteArrayView bytes, qsizetype firstRequirement = 0) const;

    QList<RegexLiterals::Requirement> m_required;
    AnyPieceFinder m_strongestFinder; // the strongest requirement's (unusable: a ByteFinder per piece)
    bool m_foldAscii = false;
};
