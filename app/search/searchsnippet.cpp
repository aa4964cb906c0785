// SPDX-License-Identifier: MIT
#include "search/searchsnippet.h"

#include "search/bytefinder.h"
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "search/utf8encoding.h"

#include <QByteArrayView>

#include <algorithm>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {
struct FirstMatch
{
    const SearchEngine *engine;
    // The value with the first match. Without a match, the first value, read once the walk is
    // over (firstValueOf): decoded at every hit, it was a string made and dropped for nothing.
    QString text;
    TextRange range;
    bool found;
    // A plain ASCII needle (any case: lower case), looked for in each value's bytes first.
    const ByteFinder *bytes = nullptr;
    // A value may hold K or ſ: the row holds one, or escapes that may make one. Else no value is
    // searched for them (two searches a value were a fifth of a one-letter search: bench_library).
    bool mayFoldIntoAscii = true;
};

// K (U+212A) or ſ (U+017F) as UTF-8: characters that match an ASCII letter in any case, which a
// byte search does not see.
bool holdsFoldingIntoAscii(QByteArrayView segment)
{
    return segment.contains(QByteArrayView("\xC5\xBF")) || segment.contains(QByteArrayView("\xE2\x84\xAA"));
}

// The value's first match found in its bytes, where that finds what the engine would (an ASCII
// needle, no K or ſ in the value): only the value that holds it is decoded. False: look with
// the engine.
bool visitByBytes(FirstMatch *first, QByteArrayView segment, bool fold)
{
    if (fold && first->mayFoldIntoAscii && holdsFoldingIntoAscii(segment))
        return false;
    const qsizetype at = first->bytes->find(reinterpret_cast<const uchar *>(segment.data()), segment.size(), 0);
    if (at < 0)
        return true;
    // The needle is ASCII: the bytes before it decode to the UTF-16 text before the match, one
    // unit a byte where they are ASCII (most are; no string is made to count them then).
    first->text = QString::fromUtf8(segment);
    first->range = TextRange{Utf8Encoding::utf16Length(segment.first(at)), first->bytes->size()};
    first->found = true;
    return true;
}

bool visitSegment(void *context, QByteArrayView segment)
{
    auto *first = static_cast<FirstMatch *>(context);
    if (first->bytes && visitByBytes(first, segment, !first->engine->query().caseSensitive))
        return !first->found;
    // A regular expression's first match found in the value's bytes: only the value that holds
    // it is decoded, and no match object is made (findRanges' QRegularExpression match, and the
    // values decoded before it, were half of a two-word search's snippets: bench_library).
    TextRange range;
    switch (first->engine->firstMatchInUtf8(segment, &range)) {
    case SearchEngine::Utf8Answer::Match:
        first->text = QString::fromUtf8(segment);
        first->range = range;
        first->found = true;
        return false;
    case SearchEngine::Utf8Answer::NoMatch:
        return true;
    case SearchEngine::Utf8Answer::Unknown:
        break;
    }
    QString text = QString::fromUtf8(segment);
    const QList<TextRange> ranges = first->engine->findRanges(text, 1);
    if (!ranges.isEmpty()) {
        first->text = std::move(text);
        first->range = ranges.first();
        first->found = true;
        return false;
    }
    return true;
}

// The first value (segment) of a text, decoded: what a snippet without a match shows.
QString firstValueOf(const SearchText &searchText)
{
    QString first;
    if (searchText.isRaw()) {
        SearchText::visitSegments(
            searchText.bytes,
            [](void *context, QByteArrayView segment) {
                *static_cast<QString *>(context) = QString::fromUtf8(segment);
                return false;
            },
            &first);
        return first;
    }
    const QByteArrayView bytes(searchText.bytes);
    const qsizetype separator = bytes.indexOf(SearchText::kSeparator);
    return QString::fromUtf8(separator < 0 ? bytes : bytes.first(separator));
}

// Where [from, end) of `text` first holds a line break ('\n') or NUL, or `end`: 8 units at a time.
qsizetype firstBreak(const char16_t *text, qsizetype from, qsizetype end)
{
    qsizetype i = from;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi16(short('\n'));
    const __m128i zero = _mm_setzero_si128();
    for (; i + 8 <= end; i += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + i));
        const unsigned mask =
            unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi16(units, newline), _mm_cmpeq_epi16(units, zero))));
        if (mask)
            return i + __builtin_ctz(mask) / 2;
    }
#endif
    for (; i < end; ++i) {
        if (text[i] == u'\n' || text[i] == 0)
            return i;
    }
    return end;
}

// Whether a snippet's character is shown as a space: a control character (C0, DEL, C1 and the
// other Cc), or a line or paragraph separator.
bool shownAsSpace(char16_t u)
{
    // ASCII's control characters are C0 and DEL; only other characters ask for their category.
    if (u < 0x80)
        return u < 0x20 || u == 0x7F;
    const QChar c(u);
    return c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
}

// Makes the control characters (and line and paragraph separators) of `text` spaces, looking
// only at its units outside printable ASCII, found 8 at a time.
void blankControls(char16_t *text, qsizetype count)
{
    const auto blank = [text](qsizetype k) {
        if (shownAsSpace(text[k]))
            text[k] = u' ';
    };
    const auto printable = [](char16_t u) { return u >= 0x20 && u < 0x7F; };
    qsizetype k = 0;
#if defined(__SSE2__)
    // Printable: u - 0x20 (wrapping) below 0x5F, so that subtracting 0x5E with unsigned
    // saturation leaves 0.
    const __m128i space = _mm_set1_epi16(0x20);
    const __m128i span = _mm_set1_epi16(0x5E);
    const __m128i zero = _mm_setzero_si128();
    for (; k + 8 <= count; k += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + k));
        const __m128i isPrintable = _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(units, space), span), zero);
        const unsigned others = ~unsigned(_mm_movemask_epi8(isPrintable)) & 0xFFFFu;
        if (!others)
            continue;
        for (qsizetype j = k; j < k + 8; ++j) {
            if (!printable(text[j]))
                blank(j);
        }
    }
#endif
    for (; k < count; ++k) {
        if (!printable(text[k]))
            blank(k);
    }
}

// The line of `text` that holds [start, start + length), cut around it: up to kBefore characters
// before, kAfter after, control characters made spaces, "…" where it was cut. The line is read
// only as far as the cut goes (a value may be one line of many kilobytes), and the snippet made
// in one piece: copied whole, then only its characters outside printable ASCII looked at (the
// character by character copy was a tenth of a search with 500,000 hits: bench_library).
SearchSnippet cutAround(QStringView text, qsizetype start, qsizetype length)
{
    constexpr qsizetype kBefore = SearchSnippet::kBefore;
    constexpr qsizetype kAfter = SearchSnippet::kAfter;
    const char16_t *units = text.utf16();
    const qsizetype size = text.size();
    SearchSnippet snippet;
    const auto isBreak = [](char16_t u) { return u == 0 || u == u'\n'; };
    // Back to the line's start, or to kBefore characters before the match where the line goes on.
    const qsizetype floor = std::max<qsizetype>(0, start - kBefore);
    qsizetype from = start;
    while (from > floor && !isBreak(units[from - 1]))
        --from;
    const bool cutBefore = from > 0 && !isBreak(units[from - 1]);
    // Up to kAfter characters after the match, and never more than a few hundred in all (a
    // regular expression may match a whole megabyte): on to the line's end or that limit.
    const qsizetype limit = std::min(start + length + kAfter, from + kBefore + 400);
    qsizetype to = start + length;
    if (to < size && to < limit)
        to = firstBreak(units, to, std::min(size, limit));
    bool cutAfter = false;
    if (to >= limit) {
        // At the limit (or past it, the match being longer): the line goes on past it unless it
        // ends right there.
        cutAfter = to > limit || (limit < size && !isBreak(units[limit]));
        to = limit;
    }
    const qsizetype cutSize = to - from + (cutBefore ? 1 : 0) + (cutAfter ? 1 : 0);
    if (cutSize > 0) {
        QString cut(cutSize, Qt::Uninitialized);
        char16_t *out = reinterpret_cast<char16_t *>(cut.data());
        if (cutBefore)
            *out++ = 0x2026;
        const qsizetype count = to - from;
        std::copy_n(units + from, count, out);
        blankControls(out, count);
        if (cutAfter)
            out[count] = 0x2026;
        snippet.text = std::move(cut);
    }
    snippet.matchStart = int(start - from + (cutBefore ? 1 : 0));
    snippet.matchLength = int(std::clamp<qsizetype>(to - start, 0, length));
    return snippet;
}
// A needle whose every occurrence in a value's text is one in the JSON as written, inside that
// value: no '"', '\\' or control character (what escapes make, NeedsDecoding aside).
bool isRawSafe(QByteArrayView needle)
{
    for (const char c : needle) {
        if (uchar(c) < 0x20 || c == '"' || c == '\\')
            return false;
    }
    return true;
}

// The first value holding a plain needle, visiting only the values whose JSON holds one of its
// first occurrences in the row's JSON (the others are stepped over unread: most of a one-letter
// search's snippets was reading them). Only for a row whose values' text holds the needle only
// where their JSON does: no escapes that make other characters (NeedsDecoding), no K or ſ.
// Found: `first` holds it. NotThere: no value holds the needle (every occurrence was looked at,
// in an object: a value without one cannot hold it). Unknown (`first` is then as it was): the
// caller visits every value.
enum class NeedleInValues { Found, NotThere, Unknown };
NeedleInValues visitValuesHoldingTheNeedle(const SearchText &row, QByteArrayView needle, FirstMatch *first)
{
    constexpr qsizetype kMaxSpans = 64;
    if (row.needsDecoding() || first->mayFoldIntoAscii || !isRawSafe(needle))
        return NeedleInValues::Unknown;
    const auto *json = reinterpret_cast<const uchar *>(row.bytes.constData());
    const qsizetype size = row.bytes.size();
    SearchText::ByteSpan spans[kMaxSpans];
    qsizetype count = 0;
    qsizetype at = first->bytes->find(json, size, 0);
    for (; at >= 0 && count < kMaxSpans; at = first->bytes->find(json, size, at + 1))
        spans[count++] = {at, at + first->bytes->size()};
    if (count == 0)
        return NeedleInValues::Unknown;
    FirstMatch attempt = *first;
    if (!SearchText::visitSegmentsHoldingSpans(row.bytes, spans, size_t(count), visitSegment, &attempt))
        return NeedleInValues::Unknown; // not an object
    if (attempt.found) {
        *first = attempt;
        return NeedleInValues::Found;
    }
    // The needle held only in keys and fields the text leaves out, or as the letter of an escape
    // (`\nfoo` for "nfoo"): a row whose dates hold "06" was walked twice for nothing.
    return at < 0 ? NeedleInValues::NotThere : NeedleInValues::Unknown;
}

} // namespace

namespace {
SearchSnippet snippetOf(const SearchText &searchText, const SearchEngine &engine, bool firstValueWithoutMatch)
{
    // The first value (segment) of the text as shown that holds a match, read in place value by
    // value (a raw row is the entry's JSON): the values after it are never decoded, and no match
    // runs from one value into the next, as in the search itself.
    FirstMatch first{&engine, {}, {}, false};
    // The flags are of the bytes: a raw row's escapes (NeedsDecoding) may make K or ſ; a text
    // without flags (not indexed) may hold anything.
    first.mayFoldIntoAscii = !searchText.isIndexed() || searchText.foldsIntoAscii()
        || (searchText.isRaw() && searchText.needsDecoding());
    // A plain word or phrase of ASCII text (not whole words): found by its bytes, value by value,
    // without decoding each value before the one that holds it (most of the time of a search
    // with many hits went there).
    const QByteArray *needle = engine.plainAsciiNeedle();
    std::optional<ByteFinder> finder;
    if (needle) {
        finder.emplace(*needle, !engine.query().caseSensitive);
        first.bytes = &*finder;
    }
    if (searchText.isRaw()) {
        const NeedleInValues inValues =
            first.bytes ? visitValuesHoldingTheNeedle(searchText, *needle, &first) : NeedleInValues::Unknown;
        if (inValues == NeedleInValues::Unknown)
            SearchText::visitSegments(searchText.bytes, visitSegment, &first);
    } else {
        const QByteArrayView bytes(searchText.bytes);
        qsizetype from = 0;
        for (;;) {
            const qsizetype separator = bytes.indexOf(SearchText::kSeparator, from);
            const qsizetype end = separator < 0 ? bytes.size() : separator;
            if (!visitSegment(&first, bytes.sliced(from, end - from)) || separator < 0)
                break;
            from = separator + 1;
        }
    }
    if (!first.found && !firstValueWithoutMatch)
        return {};
    if (!first.found)
        first.text = firstValueOf(searchText);
    SearchSnippet snippet = cutAround(first.text, first.found ? first.range.start : 0, first.found ? first.range.length : 0);
    snippet.matched = first.found;
    return snippet;
}
} // namespace

SearchSnippet SearchSnippet::of(const SearchText &searchText, const SearchEngine &engine)
{
    return snippetOf(searchText, engine, true);
}

SearchSnippet SearchSnippet::ofFirstMatch(const SearchText &searchText, const SearchEngine &engine)
{
    return snippetOf(searchText, engine, false);
}

SearchSnippet SearchSnippet::ofHit(const SearchText &text, const SearchEngine &engine, const std::function<QString()> &summary)
{
    if (!engine.query().pattern.isEmpty()) {
        const SearchSnippet match = of(text, engine);
        if (match.matched)
            return match;
    }
    return ofSummary(summary());
}

SearchSnippet SearchSnippet::ofMatchIn(QStringView value, qsizetype start, qsizetype length)
{
    SearchSnippet snippet = cutAround(value, start, length);
    snippet.matched = true;
    return snippet;
}

SearchSnippet SearchSnippet::ofSummary(const QString &summary)
{
    return cutAround(summary, 0, 0);
}
