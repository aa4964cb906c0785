// SPDX-License-Identifier: MIT
#include "search/gapliterals.h"

#include "search/bytefinder.h"
#include "search/shownfragments.h"

#include <algorithm>

namespace GapLiterals {

namespace {

// Whether `literal` (lower-cased with `fold`) ends at `end`.
bool endsAt(const uchar *p, qsizetype end, const QByteArray &literal, bool fold)
{
    const qsizetype m = literal.size();
    return end >= m && ByteFinder::equalAt(p + end - m, reinterpret_cast<const uchar *>(literal.constData()), m, fold);
}

// Whether the byte before `q` may be written for a character that a gap matches: ASCII layout
// (controls, quote and backslash among it), a byte of a non-ASCII character, or the letter of an
// escape that decodes to layout (n, t, r right after a backslash). A superset: a backslash before
// that letter may itself be escaped; that only widens what is looked at.
bool gapByteBefore(const uchar *p, qsizetype q)
{
    const uchar c = p[q - 1];
    if (c >= 0x80 || ShownFragments::isLayoutByte(c))
        return true;
    return (c == 'n' || c == 't' || c == 'r') && q >= 2 && p[q - 2] == '\\';
}

// Whether one of `before` ends at `start` or before it across gap bytes only. `floor`: the start
// of the previous occurrence looked at (0 for the first), whose own look back covered every
// position from it down (so the look back stops there: text made of many occurrences, such as
// "\n\n\n" for a literal "n", is read once; a non-empty literal cannot end at 0).
bool meetsBefore(const uchar *p, qsizetype start, qsizetype floor, const QList<QByteArray> &before, bool fold)
{
    for (qsizetype q = start; q > floor; --q) {
        for (const QByteArray &literal : before) {
            if (endsAt(p, q, literal, fold))
                return true;
        }
        if (!gapByteBefore(p, q))
            return false;
    }
    return false; // at the floor: a literal ending there or below was looked for already
}

bool gapMeets(QByteArrayView json, const Gap &gap, bool fold, const std::vector<SearchText::ByteSpan> *strongestSpans)
{
    const auto *p = reinterpret_cast<const uchar *>(json.data());
    const LayoutCrossing::Gap &literals = gap.literals;
    if (gap.afterIsStrongest && strongestSpans) {
        // Every occurrence of every string after, by start: one floor serves them all (what a
        // look back finds does not depend on the string it starts from).
        qsizetype floor = 0;
        for (const SearchText::ByteSpan &span : *strongestSpans) {
            if (meetsBefore(p, span.start, floor, literals.before, fold))
                return true;
            floor = span.start;
        }
        return false;
    }
    const qsizetype n = json.size();
    for (const QByteArray &after : literals.after) {
        const ByteFinder finder(after, fold);
        qsizetype floor = 0;
        for (qsizetype at = finder.find(p, n, 0); at >= 0; at = finder.find(p, n, at + 1)) {
            if (meetsBefore(p, at, floor, literals.before, fold))
                return true;
            floor = at;
        }
    }
    return false;
}

QList<QByteArray> sorted(QList<QByteArray> strings)
{
    std::sort(strings.begin(), strings.end());
    strings.erase(std::unique(strings.begin(), strings.end()), strings.end());
    return strings;
}

} // namespace

Rule of(const LayoutCrossing::Rule &read, const QList<QByteArray> &strongest)
{
    Rule rule;
    if (!read.known || read.allGaps.isEmpty())
        return rule;
    const QList<QByteArray> strongestSet = sorted(strongest);
    for (const QList<LayoutCrossing::Gap> &gaps : read.allGaps) {
        QList<Gap> bounded;
        for (const LayoutCrossing::Gap &gap : gaps) {
            if (!gap.before.isEmpty() && !gap.after.isEmpty())
                bounded.append({gap, !strongestSet.isEmpty() && sorted(gap.after) == strongestSet});
        }
        if (bounded.isEmpty())
            return {}; // a branch that any row may match
        rule.branches.append(bounded);
    }
    rule.active = true;
    return rule;
}

bool mayMatch(QByteArrayView json, const Rule &rule, bool fold, const std::vector<SearchText::ByteSpan> *strongestSpans)
{
    if (!rule.active)
        return true;
    for (const QList<Gap> &gaps : rule.branches) {
        bool all = true;
        for (const Gap &gap : gaps) {
            if (!gapMeets(json, gap, fold, strongestSpans)) {
                all = false;
                break;
            }
        }
        if (all)
            return true;
    }
    return false;
}

} // namespace GapLiterals
