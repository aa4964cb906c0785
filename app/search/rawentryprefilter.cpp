// SPDX-License-Identifier: MIT
#include "search/rawentryprefilter.h"

#include "search/searchengine.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

bool isRawSafe(const QByteArray &needle)
{
    for (const char c : needle) {
        if (c == '"' || c == '\\' || uchar(c) < 0x20)
            return false;
    }
    return true;
}

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// The bytes a match of `term` holds as written in a raw row, as SearchEngine's byte scan looks
// for them; empty when that scan does not rule raw rows out for this term.
QByteArray needleOf(const QueryTerm &term, bool caseSensitive)
{
    if (term.negated || (term.kind != QueryTerm::Kind::Word && term.kind != QueryTerm::Kind::Phrase))
        return {};
    if (term.text.isEmpty() || term.text.contains(QChar(0)))
        return {};
    SearchQuery query;
    query.pattern = term.text;
    query.caseSensitive = caseSensitive;
    // The evaluator's engine (QueryEvaluator's engineFor): one that also looks in the text as
    // the pane shows it finds matches that are not in the JSON as written.
    if (SearchEngine(query, EntryText::Mode::Readable).searchesShownText())
        return {};
    QByteArray needle;
    if (caseSensitive) {
        needle = term.text.toUtf8();
    } else {
        const QString folded = term.text.toCaseFolded();
        if (!isAscii(folded))
            return {};
        needle = folded.toLatin1();
    }
    return isRawSafe(needle) ? needle : QByteArray();
}

bool isHidingEscape(uchar c)
{
    return c == 'u' || c == '/' || c == 'b' || c == 'f';
}

bool isOddControl(uchar c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

} // namespace

RawEntryPrefilter::RawEntryPrefilter(const ParsedQuery &query, bool caseSensitive)
    : m_foldAscii(!caseSensitive)
{
    if (!query.isValid() || query.groups.isEmpty())
        return;
    QList<QList<QByteArray>> groups;
    for (const QList<QueryTerm> &group : query.groups) {
        // The evaluator matches a group's keys first, then its words, phrases and regular
        // expressions in the order written (exclusions last), and stops at the first that fails.
        // Each word or phrase before the first regular expression must be in the JSON: a row
        // without one fails before any regular expression could give up on it.
        QList<QByteArray> needles;
        for (const QueryTerm &term : group) {
            if (!term.isText() || term.negated)
                continue;
            if (term.kind == QueryTerm::Kind::Regex)
                break;
            const QByteArray needle = needleOf(term, caseSensitive);
            if (!needle.isEmpty())
                needles.append(needle);
        }
        if (needles.isEmpty())
            return; // a group that could match without a needle: nothing is ruled out
        groups.append(needles);
    }
    m_groups.resize(size_t(groups.size()));
    for (qsizetype g = 0; g < groups.size(); ++g) {
        std::vector<Needle> &needles = m_groups[size_t(g)];
        needles.resize(size_t(groups.at(g).size()));
        for (qsizetype k = 0; k < groups.at(g).size(); ++k) {
            needles[size_t(k)].bytes = groups.at(g).at(k);
            needles[size_t(k)].finder = std::make_unique<ByteFinder>(needles[size_t(k)].bytes, m_foldAscii);
        }
    }
}

bool RawEntryPrefilter::entryCannotMatch(QByteArrayView raw) const
{
    if (m_groups.empty())
        return false;
    const uchar *bytes = reinterpret_cast<const uchar *>(raw.data());
    const auto holds = [&](const Needle &needle) { return needle.finder->find(bytes, raw.size(), 0) >= 0; };
    for (const std::vector<Needle> &group : m_groups) {
        if (std::all_of(group.begin(), group.end(), holds))
            return false; // this group may match
    }
    return !mayHideNeedle(raw, m_foldAscii);
}

bool RawEntryPrefilter::mayHideNeedle(QByteArrayView raw, bool foldAscii)
{
    const uchar *p = reinterpret_cast<const uchar *>(raw.data());
    const qsizetype n = raw.size();
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i control = _mm_set1_epi8(0x1f);
    const __m128i tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    const __m128i c5 = _mm_set1_epi8(char(0xC5)), bf = _mm_set1_epi8(char(0xBF));
    const __m128i e2 = _mm_set1_epi8(char(0xE2)), x84 = _mm_set1_epi8(char(0x84)), aa = _mm_set1_epi8(char(0xAA));
    // 16 bytes a step (and the two after them, for what follows a backslash or starts K / ſ).
    // Backslashes are common (every \n, \"), each checked by the byte after it; control and
    // non-ASCII bytes are rare, and only a block holding one is looked at closer.
    while (i + 18 <= n) {
        const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        unsigned escapes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(b0, backslash)));
        // Signed: bytes >= 0x80 are below the space too.
        const unsigned rare = unsigned(_mm_movemask_epi8(_mm_cmplt_epi8(b0, space)));
        while (escapes) {
            if (isHidingEscape(p[i + __builtin_ctz(escapes) + 1]))
                return true;
            escapes &= escapes - 1;
        }
        if (rare) {
            // Unsigned b0 <= 0x1f, but not tab, LF or CR.
            const __m128i isControl = _mm_cmpeq_epi8(_mm_max_epu8(b0, control), control);
            const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b0, tab), _mm_cmpeq_epi8(b0, lf)),
                                                 _mm_cmpeq_epi8(b0, cr));
            __m128i hit = _mm_andnot_si128(allowed, isControl);
            if (foldAscii) {
                const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + 1));
                const __m128i b2 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i + 2));
                const __m128i longS = _mm_and_si128(_mm_cmpeq_epi8(b0, c5), _mm_cmpeq_epi8(b1, bf));
                const __m128i kelvin = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, e2), _mm_cmpeq_epi8(b1, x84)),
                                                     _mm_cmpeq_epi8(b2, aa));
                hit = _mm_or_si128(hit, _mm_or_si128(longS, kelvin));
            }
            if (_mm_movemask_epi8(hit) != 0)
                return true;
        }
        i += 16;
    }
#endif
    for (; i < n; ++i) {
        const uchar c = p[i];
        if (isOddControl(c))
            return true;
        if (c == '\\' && i + 1 < n && isHidingEscape(p[i + 1]))
            return true;
        if (foldAscii && c == 0xC5 && i + 1 < n && p[i + 1] == 0xBF)
            return true;
        if (foldAscii && c == 0xE2 && i + 2 < n && p[i + 1] == 0x84 && p[i + 2] == 0xAA)
            return true;
    }
    return false;
}
