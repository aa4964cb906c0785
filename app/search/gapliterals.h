// SPDX-License-Identifier: MIT
#pragma once

#include "search/layoutcrossing.h"
#include "search/searchtext.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <vector>

// Rules a row out of a regular-expression search when the literals around a gap of the pattern
// never meet in its JSON (issue 25: `(fails|error)\s+handling` over entries that hold "error"
// and "handling" apart, two thirds of them in bench_search, were each walked and matched).
//
// LayoutCrossing's reader gives each top-level branch of the pattern as literals, gaps (atoms
// that match nothing but ASCII layout bytes and non-ASCII characters: \s, ' ', ':', '-', a class
// of those) and solid atoms; a match of a branch holds, for each gap between two literals, one of
// the strings before it, then only what the gap matches, then one of the strings after it, all
// within one segment of the entry's search text. In the JSON as written such a segment is one
// run of bytes, where the gap's characters are themselves (ASCII layout, or non-ASCII bytes), or
// an escape that decodes to layout: `\n`, `\t`, `\r`, `\"`, `\\` (a backslash, then a layout
// byte or n, t, r); a CR the pane shows as a line break is a control byte, layout too. The
// literals hold no layout (so no quote, backslash or control byte) and are ASCII, written as
// themselves. So where no string after a gap is preceded, across such bytes only, by a string
// before it, no match of that branch is there. Only for rows whose escapes make no other
// character (not SearchText::NeedsDecoding) and, ignoring case, without K or ſ (which match an
// ASCII letter); the caller checks those flags.
namespace GapLiterals {

struct Gap
{
    LayoutCrossing::Gap literals;
    // Its strings after are the strongest requirement's pieces (RegexPrefilter): where they are
    // in a row is known already.
    bool afterIsStrongest = false;
};

struct Rule
{
    // False when some branch has no gap with a literal on each side (nothing is ruled out).
    bool active = false;
    // Per top-level branch, its gaps with a literal on each side (lower-cased with `fold`).
    QList<QList<Gap>> branches;
};

// `strongest`: the pieces of RegexPrefilter's strongest requirement (may be empty).
Rule of(const LayoutCrossing::Rule &read, const QList<QByteArray> &strongest);

// False when no branch's gaps all have their literals meeting in `json` (above): the row holds no
// match. `fold`: ASCII case-insensitively. `strongestSpans`: where the strongest requirement's
// pieces are in `json`, all of them, by start (RegexPrefilter::findStrongestSpans), or null.
bool mayMatch(QByteArrayView json, const Rule &rule, bool fold,
              const std::vector<SearchText::ByteSpan> *strongestSpans = nullptr);

} // namespace GapLiterals
