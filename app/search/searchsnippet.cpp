// SPDX-License-Identifier: MIT
#include "search/searchsnippet.h"

#include "search/bytefinder.h"
#include "search/searchengine.h"
#include "search/searchtext.h"

#include <QByteArrayView>

#include <algorithm>
#include <optional>

namespace {
struct FirstMatch
{
    const SearchEngine *engine;
    QString text;      // the value with the first match, else the first value
    TextRange range;
    bool found;
    bool seenAny;
    // A plain ASCII needle (any case: lower case), looked for in each value's bytes first.
    const ByteFinder *bytes = nullptr;
    // A value may hold K or ſ: the row holds one, or escapes that may make one. Else no value is
    // searched for them (two searches a value were a fifth of a one-letter search: bench_library).
    bool mayFoldIntoAscii = true;
};

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

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
    if (at < 0) {
        if (!first->seenAny) {
            first->text = QString::fromUtf8(segment);
            first->seenAny = true;
        }
        return true;
    }
    // The needle is ASCII: the bytes before it decode to the UTF-16 text before the match.
    first->text = QString::fromUtf8(segment);
    first->range = TextRange{QString::fromUtf8(segment.first(at)).size(), first->bytes->size()};
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
        if (!first->seenAny) {
            first->text = QString::fromUtf8(segment);
            first->seenAny = true;
        }
        return true;
    case SearchEngine::Utf8Answer::Unknown:
        break;
    }
    const QString text = QString::fromUtf8(segment);
    const QList<TextRange> ranges = first->engine->findRanges(text, 1);
    if (!ranges.isEmpty()) {
        first->text = text;
        first->range = ranges.first();
        first->found = true;
        return false;
    }
    if (!first->seenAny) {
        first->text = text;
        first->seenAny = true;
    }
    return true;
}

// The line of `text` that holds [start, start + length), cut around it: up to kBefore characters
// before, kAfter after, control characters made spaces, "…" where it was cut.
SearchSnippet cutAround(const QString &text, qsizetype start, qsizetype length)
{
    constexpr qsizetype kBefore = SearchSnippet::kBefore;
    constexpr qsizetype kAfter = SearchSnippet::kAfter;
    SearchSnippet snippet;
    // The line the match is in.
    const auto isBreak = [](QChar c) { return c == QChar(0) || c == QLatin1Char('\n'); };
    qsizetype lineStart = start;
    while (lineStart > 0 && !isBreak(text.at(lineStart - 1)))
        --lineStart;
    qsizetype lineEnd = start + length;
    while (lineEnd < text.size() && !isBreak(text.at(lineEnd)))
        ++lineEnd;
    const qsizetype from = std::max(lineStart, start - kBefore);
    // Up to kAfter characters after the match, and never more than a few hundred in all (a
    // regular expression may match a whole megabyte).
    const qsizetype to = std::min({lineEnd, start + length + kAfter, from + kBefore + 400});
    QString cut = text.mid(from, to - from);
    for (QChar &c : cut) {
        // ASCII's control characters are C0 and DEL; only other characters ask for their category.
        const char16_t u = c.unicode();
        const bool control = u < 0x80 ? (u < 0x20 || u == 0x7F)
                                      : (c.category() == QChar::Other_Control || c == QChar::LineSeparator
                                         || c == QChar::ParagraphSeparator);
        if (control)
            c = QLatin1Char(' ');
    }
    const bool cutBefore = from > lineStart;
    const bool cutAfter = to < lineEnd;
    snippet.text = (cutBefore ? QString(QChar(0x2026)) : QString()) + cut + (cutAfter ? QString(QChar(0x2026)) : QString());
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
// False when it cannot tell (`first` is then as it was): the caller visits every value.
bool visitValuesHoldingTheNeedle(const SearchText &row, QByteArrayView needle, FirstMatch *first)
{
    constexpr qsizetype kMaxSpans = 64;
    if (row.needsDecoding() || first->mayFoldIntoAscii || !isRawSafe(needle))
        return false;
    const auto *json = reinterpret_cast<const uchar *>(row.bytes.constData());
    const qsizetype size = row.bytes.size();
    SearchText::ByteSpan spans[kMaxSpans];
    qsizetype count = 0;
    for (qsizetype at = first->bytes->find(json, size, 0); at >= 0 && count < kMaxSpans;
         at = first->bytes->find(json, size, at + 1))
        spans[count++] = {at, at + first->bytes->size()};
    if (count == 0)
        return false;
    FirstMatch attempt = *first;
    if (!SearchText::visitSegmentsHoldingSpans(row.bytes, spans, size_t(count), visitSegment, &attempt) || !attempt.found)
        return false; // not an object, or a value it visited held the needle only as escapes
    *first = attempt;
    return true;
}

} // namespace

SearchSnippet SearchSnippet::of(const SearchText &searchText, const SearchEngine &engine)
{
    // The first value (segment) of the text as shown that holds a match, read in place value by
    // value (a raw row is the entry's JSON): the values after it are never decoded, and no match
    // runs from one value into the next, as in the search itself.
    FirstMatch first{&engine, {}, {}, false, false};
    // The flags are of the bytes: a raw row's escapes (NeedsDecoding) may make K or ſ; a text
    // without flags (not indexed) may hold anything.
    first.mayFoldIntoAscii = !searchText.isIndexed() || searchText.foldsIntoAscii()
        || (searchText.isRaw() && searchText.needsDecoding());
    // A plain word or phrase of ASCII text (not whole words): found by its bytes, value by value,
    // without decoding each value before the one that holds it (most of the time of a search
    // with many hits went there).
    const SearchQuery &query = engine.query();
    QByteArray needle;
    std::optional<ByteFinder> finder;
    if (!query.regex && !query.wholeWord && !query.pattern.isEmpty() && isAscii(query.pattern)
        && !query.pattern.contains(QChar(0))) {
        needle = query.caseSensitive ? query.pattern.toLatin1() : query.pattern.toLower().toLatin1();
        finder.emplace(needle, !query.caseSensitive);
        first.bytes = &*finder;
    }
    if (searchText.isRaw()) {
        if (!first.bytes || !visitValuesHoldingTheNeedle(searchText, needle, &first))
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
    SearchSnippet snippet = cutAround(first.text, first.found ? first.range.start : 0, first.found ? first.range.length : 0);
    snippet.matched = first.found;
    return snippet;
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

SearchSnippet SearchSnippet::ofSummary(const QString &summary)
{
    return cutAround(summary, 0, 0);
}
