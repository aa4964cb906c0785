// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// Which entries a regular expression can match in the detail pane's text ONLY by crossing what
// the pane puts between pieces (issue 25: `(fails|error)\s+handling` rendered a tenth of a run).
//
// SearchEngine renders the pane's text (Readable mode) of a raw row only when the row's search
// text (its values and keys one by one) holds no match. The pane's text is made of verbatim runs
// and of layout the pane inserts between them (ShownFragments; every inserted byte is an ASCII
// layout byte: ": ", "- ", indentation, line breaks, quotes, brackets). A run that the search
// text holds too (a value, a key below the top level, a scalar below the top level) is part of
// one of its segments, and the patterns read here match without looking around (no anchor, no
// \b, no lookaround), so a match inside such a run is found in the search text already. So a
// match the search text lacks either lies inside a run the search text leaves out (a top-level
// key or scalar, or the raw text of an entry the pane cannot read; SearchEngine matches the raw
// JSON as written for those) or holds an inserted byte. An inserted byte is matched by a "gap": a run of atoms that
// match nothing but ASCII layout bytes and non-ASCII characters (\s, a space, ':', '-', a class
// of those). In the gap's text, the bytes before the inserted one continue the run of the literal
// right before the gap, so in the JSON that literal is followed by ASCII layout or non-ASCII
// bytes and then the run's end: a closing quote, an escape's backslash (a line break, after which
// the pane indents), a control byte or the end; a literal that may be part of a number, true,
// false or null (outside a string) may end at any layout byte. Mirrored for the literal right
// after the gap: an opening quote, the end of an escape, a control byte or the start. So a row
// where for no gap of the pattern the literals around it sit at such run edges cannot match
// across layout. A top-level alternation's match is one branch's: the gaps of any one branch.
// `(fails|error)\s+handling` over prose with "error" and "handling" apart: ruled out.
// A branch whose gaps match only `-`, `|`, quotes or brackets, which the pane inserts only between
// other inserted layout (`- item`, ` |`, `""`, `{}`, `[]`), and that always consumes a character
// that is not layout, never crosses: `\d{4}-\d{2}-\d{2}T\d`, `foo-bar`, `--force`.
//
// The reader is small and conservative: a pattern with anything else (., ^, $, \b, \S, negated
// classes, lookarounds, nested groups, non-ASCII, inline options...) is not known and rules out
// nothing.
namespace LayoutCrossing {

struct Gap
{
    // The literal right before the gap (one of these strings; ASCII-lower-cased when matched with
    // fold), empty when an atom that is not a literal (or the pattern's start) is there.
    QList<QByteArray> before;
    QList<QByteArray> after; // ... right after the gap
};

struct Rule
{
    bool known = false;
    // One list per top-level branch: the gaps of that branch (none: the branch never crosses).
    QList<QList<Gap>> branches;
    // One list per top-level branch: every gap of that branch, also those of a branch that never
    // crosses layout (GapLiterals reads them: a match holds each gap's literals around it).
    QList<QList<Gap>> allGaps;
    // No atom matches a character that a JSON string writes as an escape (a quote, a backslash,
    // a control character): every match in an entry's search text is in its JSON as written,
    // where its escapes make no other character (SearchText::NeedsDecoding); the pattern reads
    // no context (no anchor, \b or lookaround), so the JSON matches there too. SearchEngine rules
    // out a row whose JSON holds no match with one match call instead of a walk of its values.
    bool verbatim = false;
};

Rule of(const QString &pattern, bool caseSensitive);

// False when, by the rule, no match of the pattern in the pane's text can hold an inserted byte:
// for every branch and gap, a literal before it never ends a run or one after it never starts one.
// True for a rule not known. `fold`: ASCII case-insensitively (the rule's strings lower-cased).
bool mayCross(QByteArrayView json, const Rule &rule, bool fold);

} // namespace LayoutCrossing
