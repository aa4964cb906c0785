// SPDX-License-Identifier: MIT
#include "search/searchengine.h"

#include "search/bytefinder.h"
#include "search/layoutcrossing.h"
#include "search/layoutreach.h"
#include "search/shownfragments.h"
#include "search/propertyfreematching.h"

#include <QChar>
#include <QCoreApplication>
#include <QString>
#include <QStringDecoder>

#include <algorithm>
#include <cstring>

namespace {

inline bool isAsciiWordChar(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The same "word character" as PCRE2's \w with Unicode properties: letters, numbers, underscore.
inline bool isWordChar(char32_t cp)
{
    if (cp < 0x80)
        return isAsciiWordChar(uchar(cp));
    return QChar::isLetterOrNumber(cp);
}

// The code point that starts at `at` (bounded by size), or U+FFFD for a malformed sequence.
char32_t decodeAt(const uchar *s, qsizetype size, qsizetype at)
{
    const uchar lead = s[at];
    if (lead < 0x80)
        return lead;
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
    if (extra < 0 || at + extra >= size)
        return 0xFFFD;
    char32_t cp = lead & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const uchar c = s[at + k];
        if ((c & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (c & 0x3F);
    }
    return cp;
}

// The code point that ends just before `at`.
char32_t decodeBefore(const uchar *s, qsizetype at)
{
    qsizetype start = at - 1;
    while (start > 0 && at - start < 4 && (s[start] & 0xC0) == 0x80)
        --start;
    return decodeAt(s, at, start);
}

char32_t firstCodePoint(QStringView text)
{
    if (text.isEmpty())
        return 0;
    if (text.at(0).isHighSurrogate() && text.size() > 1 && text.at(1).isLowSurrogate())
        return QChar::surrogateToUcs4(text.at(0), text.at(1));
    return text.at(0).unicode();
}

char32_t lastCodePoint(QStringView text)
{
    if (text.isEmpty())
        return 0;
    const qsizetype n = text.size();
    if (text.at(n - 1).isLowSurrogate() && n > 1 && text.at(n - 2).isHighSurrogate())
        return QChar::surrogateToUcs4(text.at(n - 2), text.at(n - 1));
    return text.at(n - 1).unicode();
}

// A needle that an escape or a quote of the JSON cannot take part in: see rawRowCannotMatch.
bool isRawSafe(const QByteArray &needle)
{
    for (char c : needle) {
        if (c == '"' || c == '\\' || uchar(c) < 0x20)
            return false;
    }
    return true;
}

// The longest run of a folded needle's ASCII characters that a raw-safe needle could hold (no
// '"', '\\' or control character): every match holds it, in one case or another.
QByteArray longestRawSafeAsciiRun(const QString &folded)
{
    QByteArray best, run;
    for (QChar c : folded) {
        const char16_t u = c.unicode();
        if (u < 0x80 && u >= 0x20 && u != '"' && u != '\\') {
            run.append(char(u));
            continue;
        }
        if (run.size() > best.size())
            best = run;
        run.clear();
    }
    return run.size() > best.size() ? run : best;
}

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

bool holdsLayout(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x80 && ShownFragments::isLayoutByte(uchar(c.unicode())))
            return true;
    }
    return false;
}

} // namespace

SearchEngine::SearchEngine(const SearchQuery &query, std::optional<EntryText::Mode> alsoAsShown)
    : m_query(query)
    , m_shownAs(alsoAsShown.value_or(EntryText::Mode::Readable))
{
    if (query.isEmpty())
        return;
    if (query.regex) {
        if (!query.isValid()) {
            m_error = query.errorText();
            return;
        }
        m_regex = query.regularExpression();
        m_regex.optimize();
        m_counter = std::make_shared<const RegexCounter>(m_regex);
        auto utf8Counter = std::make_shared<const Utf8RegexCounter>(m_regex);
        if (utf8Counter->isUsable())
            m_utf8Counter = std::move(utf8Counter);
        if (m_utf8Counter) {
            std::shared_ptr<const PropertyFreeMatching> propertyFree = PropertyFreeMatching::forExpression(m_regex);
            if (propertyFree) {
                auto counter = std::make_shared<const Utf8RegexCounter>(propertyFree->withoutProperties());
                if (counter->isUsable()) {
                    m_propertyFree = std::move(propertyFree);
                    m_propertyFreeCounter = std::move(counter);
                }
            }
        }
        m_prefilter = RegexPrefilter(query);
        m_joinSegments = RegexLiterals::neverSpansSeparator(query.pattern);
        m_mode = Mode::Regex;
        // Decided from what the pattern compiled (a whole-word one is wrapped in lookarounds of
        // \w) can match, not from its spelling: `\|`, `\n`, `.`, `[^a]`, `\x3a` may match layout.
        m_alsoShown = alsoAsShown && LayoutReach::mayReachLayout(m_regex.pattern(), m_regex.patternOptions());
        // The crossing rule reads the pattern compiled too (a whole-word one: not known).
        const LayoutCrossing::Rule read = LayoutCrossing::of(m_regex.pattern(), query.caseSensitive);
        if (m_alsoShown && m_shownAs == EntryText::Mode::Readable)
            m_crossing = read;
        m_gapLiterals = GapLiterals::of(read, m_prefilter.isActive() ? m_prefilter.requirements().constFirst()
                                                                      : QList<QByteArray>());
        m_jsonHoldsEveryMatch = read.known && read.verbatim;
        if (m_jsonHoldsEveryMatch)
            m_jsonPassTally = std::make_shared<JsonPassTally>();
        for (const RegexLiterals::Requirement &requirement : m_prefilter.requirements()) {
            QList<QList<ShownFragments::Fragment>> pieces;
            for (const QByteArray &piece : requirement)
                pieces.append(ShownFragments::of(piece, false));
            m_shownRequired.append(pieces);
        }
        return;
    }
    // No shown text holds a NUL (controls are shown as escapes): such a needle matches nothing,
    // and it must not match the separators between segments.
    if (query.pattern.contains(QChar(0)))
        return;
    const Qt::CaseSensitivity cs = query.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    m_matcher = QStringMatcher(query.pattern, cs);
    m_firstIsWord = query.wholeWord && isWordChar(firstCodePoint(query.pattern));
    m_lastIsWord = query.wholeWord && isWordChar(lastCodePoint(query.pattern));
    m_alsoShown = alsoAsShown && holdsLayout(query.pattern);
    if (query.caseSensitive) {
        m_needle = query.pattern.toUtf8();
        m_rawSafe = isRawSafe(m_needle);
        m_holdsByteOrderMark = m_needle.contains("\xEF\xBB\xBF");
        m_plainAscii = !query.wholeWord && isAscii(query.pattern);
        m_mode = Mode::Bytes;
        m_shownRequired = {{ShownFragments::of(m_needle, false)}};
        return;
    }
    const QString folded = query.pattern.toCaseFolded();
    if (isAscii(folded)) {
        m_needle = folded.toLatin1();
        m_rawSafe = isRawSafe(m_needle);
        // Folded ASCII from ASCII only: K and ſ fold into it too, but are no ASCII to find.
        m_plainAscii = !query.wholeWord && isAscii(query.pattern);
        m_foldAscii = true;
        m_mode = Mode::Bytes;
        m_shownRequired = {{ShownFragments::of(m_needle, false)}};
    } else {
        m_mode = Mode::Unicode;
        m_asciiProbe = longestRawSafeAsciiRun(folded);
        // Case-insensitively only the ASCII pieces are found byte by byte (in either case).
        m_shownRequired = {{ShownFragments::of(folded.toUtf8(), true)}};
    }
}

bool SearchEngine::wordEdgesOk(const char *text, qsizetype size, qsizetype at) const
{
    const uchar *s = reinterpret_cast<const uchar *>(text);
    if (m_firstIsWord && at > 0 && isWordChar(decodeBefore(s, at)))
        return false;
    const qsizetype end = at + m_needle.size();
    if (m_lastIsWord && end < size && isWordChar(decodeAt(s, size, end)))
        return false;
    return true;
}

bool SearchEngine::wordEdgesOk(QStringView text, qsizetype at, qsizetype length) const
{
    if (m_firstIsWord && at > 0 && isWordChar(lastCodePoint(text.sliced(qMax<qsizetype>(0, at - 2), qMin<qsizetype>(at, 2)))))
        return false;
    const qsizetype end = at + length;
    if (m_lastIsWord && end < text.size() && isWordChar(firstCodePoint(text.sliced(end, qMin<qsizetype>(2, text.size() - end)))))
        return false;
    return true;
}

qint64 SearchEngine::countBytes(QByteArrayView bytes, qint64 limit) const
{
    const ByteFinder finder(m_needle, m_foldAscii);
    const uchar *h = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    const bool checkWords = m_firstIsWord || m_lastIsWord;
    qint64 count = 0;
    qsizetype from = 0;
    while (count < limit) {
        const qsizetype at = finder.find(h, n, from);
        if (at < 0)
            break;
        if (checkWords && !wordEdgesOk(bytes.constData(), n, at)) {
            from = at + 1;
            continue;
        }
        ++count;
        from = at + finder.size();
    }
    return count;
}

qint64 SearchEngine::countBytesAroundOccurrences(QByteArrayView rawJson, qint64 limit) const
{
    // Called where rawRowCannotMatch's reasoning holds (a raw-safe needle, no NeedsDecoding, no
    // K or ſ to fold): every occurrence in a segment's decoded text lies inside that segment's
    // extent in the JSON as written. So only the segments holding one of the JSON's occurrences
    // are counted in; the others, most of a row, are stepped over unread. Only as many
    // occurrences are looked for as the limit asks (one, where only whether a row matches counts:
    // finding them all cost more than the walk they spared). -1: more occurrences than looked for,
    // and the limit not reached in their segments (the caller counts them all).
    constexpr qsizetype kMaxSpans = 64;
    const qsizetype wanted = std::clamp<qint64>(limit, 1, kMaxSpans);
    const ByteFinder finder(m_needle, m_foldAscii);
    const auto *json = reinterpret_cast<const uchar *>(rawJson.data());
    SearchText::ByteSpan spans[kMaxSpans];
    qsizetype found = 0;
    qsizetype at = finder.find(json, rawJson.size(), 0);
    for (; at >= 0 && found < wanted; at = finder.find(json, rawJson.size(), at + 1))
        spans[found++] = {at, at + finder.size()};
    const bool all = at < 0;
    SegmentCount counting{this, limit, 0};
    const bool visited = SearchText::visitSegmentsHoldingSpans(rawJson, spans, size_t(found), countSegment, &counting);
    if (!visited || (!all && counting.count < limit))
        return -1;
    return counting.count;
}

qint64 SearchEngine::countBytesInSegments(QByteArrayView rawJson, qint64 limit) const
{
    // The same count as countBytes over the whole decoded text: the needle holds no NUL, so no
    // match spans a separator, and a separator is no word character, as a segment's edge is not.
    SegmentCount counting{this, limit, 0};
    SearchText::visitSegments(rawJson, countSegment, &counting);
    return counting.count;
}

bool SearchEngine::countSegment(void *segmentCount, QByteArrayView segment)
{
    SegmentCount &c = *static_cast<SegmentCount *>(segmentCount);
    c.count += c.engine->countBytes(segment, c.limit - c.count);
    return c.count < c.limit;
}

qint64 SearchEngine::countDecodedSegments(QByteArrayView rawJson, qint64 limit, bool mayHoldFoldingIntoAscii) const
{
    // countDecoded's count, without the decoded text: each segment to UTF-16 as
    // QString::fromUtf8 makes the whole text (stateless; a BOM dropped at the very start of the
    // text only, kept as U+FEFF elsewhere), into one buffer.
    struct Counting
    {
        const SearchEngine *engine;
        qint64 limit;
        qint64 count;
        bool atTextStart;
        bool tooCostly;
        bool mayFold;     // a segment may hold K or ſ (see RegexPrefilter::segmentCannotMatch)
        qsizetype joined; // with m_joinSegments: the UTF-16 units of `buffer` used
        QStringDecoder decoder;
        QString buffer;
    } counting{this, limit, 0, true, false, mayHoldFoldingIntoAscii, 0,
               QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom),
               QString()};
    SearchText::visitSegments(rawJson, [](void *context, QByteArrayView segment) {
        Counting &c = *static_cast<Counting *>(context);
        if (c.atTextStart && segment.startsWith("\xEF\xBB\xBF"))
            segment = segment.sliced(3);
        c.atTextStart = false;
        if (segment.isEmpty() || c.engine->m_prefilter.segmentCannotMatch(segment, c.mayFold))
            return true;
        c.decoder.resetState();
        const qsizetype space = c.decoder.requiredSpace(segment.size());
        if (c.engine->m_joinSegments) {
            // One match call for the row: the segments that may match, each followed by a
            // separator, which the expression treats as the edge of the text.
            if (c.buffer.size() < c.joined + space + 1)
                c.buffer.resize(std::max(c.joined + space + 1, 2 * c.buffer.size()));
            QChar *start = c.buffer.data() + c.joined;
            QChar *end = c.decoder.appendToBuffer(start, segment);
            *end++ = QChar(char16_t(SearchText::kSeparator));
            c.joined = end - c.buffer.constData();
            return true;
        }
        if (c.buffer.size() < space)
            c.buffer.resize(space);
        const QChar *end = c.decoder.appendToBuffer(c.buffer.data(), segment);
        const qint64 found = c.engine->countInView(QStringView(c.buffer.constData(), end - c.buffer.constData()),
                                                   c.limit - c.count, nullptr);
        if (found == kTooCostly) {
            c.tooCostly = true;
            return false;
        }
        c.count += found;
        return c.count < c.limit;
    }, &counting);
    if (m_joinSegments && counting.joined > 0)
        return countInView(QStringView(counting.buffer.constData(), counting.joined - 1), limit, nullptr);
    return counting.tooCostly ? kTooCostly : counting.count;
}

namespace {
thread_local QByteArray t_joined; // countUtf8Segments' buffers
thread_local QByteArray t_joinedAlike;
thread_local std::vector<RegexPrefilter::Span> t_spans;
constexpr qsizetype kMaxKeptJoinedBytes = 4 * 1024 * 1024;
} // namespace

bool SearchEngine::readsAroundSpans(const SearchText &raw) const
{
    // Without escapes that make other characters (NeedsDecoding), a segment holds a string of
    // the strongest requirement only where its JSON does; without K or ſ the spans found by
    // bytes are all there are.
    return m_mode == Mode::Regex && m_utf8Counter && m_prefilter.isActive() && !raw.foldsIntoAscii()
        && !raw.needsDecoding();
}

SearchEngine::JsonMatch SearchEngine::matchInJson(const SearchText &raw) const
{
    // JSON that the pattern matches alike without Unicode properties (PropertyFreeMatching: ASCII,
    // or no character past it in a class the pattern names; well-formed UTF-8 either way) is
    // matched without them: with them, PCRE2 finds no first characters to skip to in `\d{5}`
    // (the pane-text check of `\d{4}-\d{2}-\d{2}T\d` took 6 times its search of the values).
    const bool ascii = !raw.hasNonAscii();
    const bool alike = m_propertyFree
        && (ascii || (m_propertyFree->worthCheckingPastAscii() && m_propertyFree->matchesAlike(raw.bytes)));
    const Utf8RegexCounter &counter = alike ? *m_propertyFreeCounter : *m_utf8Counter;
    const qint64 found = counter.count(raw.bytes, 1, alike || ascii);
    return found == 0 ? JsonMatch::None : found > 0 ? JsonMatch::Some : JsonMatch::Unknown;
}

bool SearchEngine::jsonPassPays() const
{
    const int asked = m_jsonPassTally->asked.load(std::memory_order_relaxed);
    return asked < kJsonPassSample || m_jsonPassTally->ruledOut.load(std::memory_order_relaxed) * 8 >= asked;
}

void SearchEngine::tallyJsonPass(bool ruledOut) const
{
    // Written only while sampling: after that, the threads searching read a line no one writes.
    if (m_jsonPassTally->asked.load(std::memory_order_relaxed) >= kJsonPassSample)
        return;
    if (ruledOut)
        m_jsonPassTally->ruledOut.fetch_add(1, std::memory_order_relaxed);
    m_jsonPassTally->asked.fetch_add(1, std::memory_order_relaxed);
}

qint64 SearchEngine::countUtf8Segments(const SearchText &raw, qint64 limit, bool ruleOutBySpans, JsonMatch *json) const
{
    // countDecodedSegments' count, with the segments matched as the UTF-8 they are. A segment
    // that is not valid UTF-8 stops the visit with kInvalidUtf8: the caller counts the row again
    // through UTF-16, where such bytes are U+FFFD.
    std::vector<RegexPrefilter::Span> &spans = t_spans;
    const bool bySpans = m_prefilter.isActive() && !raw.foldsIntoAscii() && m_prefilter.findStrongestSpans(raw.bytes, spans);
    bool aroundSpans = false;
    if (ruleOutBySpans) {
        // countRaw left the row's rule-out to this (readsAroundSpans), before anything is set up
        // for counting: most rows end here. More spans than kMaxSpans (bySpans false) mean the
        // strongest requirement is there. With spans, the weaker requirements are looked for in
        // the segments around them only (segmentCannotMatch), not in the whole row first: where
        // the strongest string is, the others mostly are too, and those segments are a fraction
        // of the row (the row scan cost more than the walks it spared: 7% of the instructions of
        // `module\d+\.cpp:\d+`, 4% of `(fails|error)\s+handling`'s; bench_search, callgrind).
        if (bySpans && spans.empty())
            return 0;
        if (!bySpans && m_prefilter.lacksAWeakerRequirement(raw.bytes))
            return 0;
        aroundSpans = bySpans;
    }
    // The literals around a gap of the pattern meet nowhere in the JSON (GapLiterals): ruled out
    // before the walk. `(fails|error)\s+handling` over prose holding both apart: 40% fewer
    // instructions (bench_search, callgrind).
    if (m_gapLiterals.active && valuesTextIsAsWritten(raw)
        && !GapLiterals::mayMatch(raw.bytes, m_gapLiterals, !m_query.caseSensitive, bySpans ? &spans : nullptr))
        return 0;
    // A pattern whose every match in the search text is in the JSON as written (no atom matches
    // what an escape makes: LayoutCrossing::Rule::verbatim), a row whose escapes make nothing
    // else, and every value to be read (no spans narrow the walk): one match call over the JSON
    // rules out the row where it finds nothing. `\d{5}[g-k]{4}` over entries without it: a
    // third of the instructions (bench_search, callgrind).
    if (m_jsonHoldsEveryMatch && !aroundSpans && !raw.needsDecoding() && jsonPassPays()) {
        const JsonMatch inJson = matchInJson(raw);
        tallyJsonPass(inJson == JsonMatch::None);
        if (json)
            *json = inJson;
        if (inJson == JsonMatch::None)
            return 0;
    }
    struct Counting
    {
        const SearchEngine *engine;
        qint64 limit;
        qint64 count;
        qint64 stop;     // 0, kTooCostly or Utf8RegexCounter::kInvalidUtf8
        bool atTextStart;
        bool mayFold;       // a segment may hold K or ſ (see RegexPrefilter::segmentCannotMatch)
        bool valid;         // ASCII JSON: its segments are ASCII, or decoded escapes (valid UTF-8)
        bool bySpans;       // segments in the JSON as written are ruled out by `spans`
        bool aroundSpans;   // only segments whose JSON holds a span are visited (and no BOM is left)
        bool allAscii;      // every segment is ASCII (ASCII JSON without \u escapes)
        const PropertyFreeMatching *propertyFree; // m_propertyFree: which segments its counter counts
        bool checkPastAscii; // asked of segments past ASCII too (worthCheckingPastAscii)
        QByteArrayView json;
        std::vector<RegexPrefilter::Span> &spans;
        // With m_joinSegments: the segments that may match, each and a separator; those that
        // m_propertyFreeCounter counts apart.
        QByteArray &joined;
        QByteArray &joinedAlike;
    } counting{this, limit, 0, 0, true, raw.foldsIntoAscii() || raw.needsDecoding(), !raw.hasNonAscii(),
               bySpans, aroundSpans, !raw.hasNonAscii() && !raw.needsDecoding(), m_propertyFree.get(),
               m_propertyFree && m_propertyFree->worthCheckingPastAscii(), raw.bytes, spans, t_joined, t_joinedAlike};
    if (m_joinSegments) {
        t_joined.resize(0); // keeps its room: one allocation per thread, not one per entry
        t_joinedAlike.resize(0);
    }
    const SearchText::SegmentVisitor visit = [](void *context, QByteArrayView segment) {
        Counting &c = *static_cast<Counting *>(context);
        if (c.atTextStart && segment.startsWith("\xEF\xBB\xBF"))
            segment = segment.sliced(3);
        c.atTextStart = false;
        if (segment.isEmpty())
            return true;
        // A view of the JSON itself, or of a buffer (compared as addresses: other objects).
        const auto start = qsizetype(quintptr(segment.data()) - quintptr(c.json.data()));
        const bool inJson = quintptr(segment.data()) >= quintptr(c.json.data()) && start + segment.size() <= c.json.size();
        if (c.bySpans && inJson && !c.aroundSpans && !RegexPrefilter::anySpanWithin(c.spans, start, start + segment.size()))
            return true; // as written in the JSON (no K or ſ there): holds no strongest string
        // As written, a segment that is visited holds a span: the strongest string.
        if (c.engine->m_prefilter.segmentCannotMatch(segment, c.mayFold, c.bySpans && inJson))
            return true;
        // Text that the expression matches as it does without Unicode properties (ASCII text,
        // for one) is matched without them (m_propertyFreeCounter): the same matches, found
        // several times faster.
        const bool alike = c.propertyFree && (c.allAscii || (c.checkPastAscii && c.propertyFree->matchesAlike(segment)));
        if (c.engine->m_joinSegments) {
            // One match call for the row (one for the segments matched alike without Unicode
            // properties, one for the others: no match spans a separator, so each segment's
            // matches are its own), as countDecodedSegments makes it.
            // Written into room made by one resize (two appends cost more than the copy).
            QByteArray &joined = alike ? c.joinedAlike : c.joined;
            const qsizetype at = joined.size();
            joined.resize(at + segment.size() + 1);
            char *const out = joined.data() + at;
            std::memcpy(out, segment.data(), size_t(segment.size()));
            out[segment.size()] = SearchText::kSeparator;
            return true;
        }
        const Utf8RegexCounter &counter = alike ? *c.engine->m_propertyFreeCounter : *c.engine->m_utf8Counter;
        const qint64 found = counter.count(segment, c.limit - c.count, alike || c.valid);
        if (found < 0) {
            c.stop = found == Utf8RegexCounter::kError ? kTooCostly : found;
            return false;
        }
        c.count += found;
        return c.count < c.limit;
    };
    // Only the segments around the spans are read; the walker leaves out the leading byte order
    // mark and checks the spans itself.
    bool visited = false;
    if (counting.aroundSpans) {
        counting.atTextStart = false;
        visited = SearchText::visitSegmentsHoldingSpans(raw.bytes, spans.data(), spans.size(), visit, &counting);
        counting.atTextStart = !visited;
        counting.aroundSpans = visited;
    }
    if (!visited)
        SearchText::visitSegments(raw.bytes, visit, &counting);
    if (counting.stop != 0)
        return counting.stop;
    if (m_joinSegments) {
        qint64 found = 0;
        if (!counting.joinedAlike.isEmpty())
            // Well-formed UTF-8 (matchesAlike says so), its separators ASCII.
            found = m_propertyFreeCounter->count(QByteArrayView(counting.joinedAlike).chopped(1), limit, true);
        if (found >= 0 && found < limit && !counting.joined.isEmpty()) {
            const qint64 more = m_utf8Counter->count(QByteArrayView(counting.joined).chopped(1), limit - found, counting.valid);
            found = more < 0 ? more : found + more;
        }
        // One huge entry does not keep its size for the thread's life.
        if (t_joined.capacity() > kMaxKeptJoinedBytes)
            t_joined = QByteArray();
        if (t_joinedAlike.capacity() > kMaxKeptJoinedBytes)
            t_joinedAlike = QByteArray();
        return found == Utf8RegexCounter::kError ? kTooCostly : found;
    }
    return counting.count;
}

qint64 SearchEngine::countInView(QStringView text, qint64 limit, QList<TextRange> *ranges) const
{
    qint64 count = 0;
    if (m_mode == Mode::Regex && !ranges) {
        const qint64 found = m_counter->count(text, limit);
        return found == RegexCounter::kError ? kTooCostly : found;
    }
    if (m_mode == Mode::Regex) {
        // globalMatch retries after an empty match without moving (as Perl does), so "x*|b"
        // still finds the "b"; empty matches themselves show nothing and are not counted.
        QRegularExpressionMatchIterator it = m_regex.globalMatch(text);
        bool emptyAtEnd = false;
        while (count < limit && it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            emptyAtEnd = match.capturedLength() == 0 && match.capturedEnd() == text.size();
            if (match.capturedLength() == 0)
                continue;
            ++count;
            if (ranges)
                ranges->append({match.capturedStart(), match.capturedLength()});
        }
        // The iterator's next match is invalid when PCRE2 stopped with an error (its match,
        // depth or heap limit) rather than found no further match, and also after an empty
        // match at the very end (the next try would start past the end).
        if (count < limit && !it.isValid() && !emptyAtEnd)
            return kTooCostly;
        return count;
    }
    const qsizetype length = m_query.pattern.size();
    qsizetype from = 0;
    while (count < limit) {
        const qsizetype at = m_matcher.indexIn(text, from);
        if (at < 0)
            break;
        if ((m_firstIsWord || m_lastIsWord) && !wordEdgesOk(text, at, length)) {
            from = at + 1;
            continue;
        }
        ++count;
        if (ranges)
            ranges->append({at, length});
        from = at + length;
    }
    return count;
}

qint64 SearchEngine::countDecoded(const QByteArray &bytes, qint64 limit) const
{
    const QString text = QString::fromUtf8(bytes);
    const QStringView all(text);
    if (m_joinSegments)
        return countInView(all, limit, nullptr);
    qint64 count = 0;
    qsizetype start = 0;
    while (start <= all.size() && count < limit) {
        qsizetype end = all.indexOf(QChar(u'\0'), start);
        if (end < 0)
            end = all.size();
        if (end > start) {
            const qint64 found = countInView(all.sliced(start, end - start), limit - count, nullptr);
            if (found == kTooCostly)
                return kTooCostly;
            count += found;
        }
        start = end + 1;
    }
    return count;
}

bool SearchEngine::rawRowCannotMatch(const SearchText &raw) const
{
    switch (m_mode) {
    case Mode::Nothing:
        return true;
    case Mode::Bytes: {
        if (!m_rawSafe || raw.needsDecoding() || (m_foldAscii && raw.foldsIntoAscii()))
            return false;
        // Every occurrence in the decoded text is an occurrence in the raw JSON (so no raw
        // candidate means no match): the decoded text is made of runs copied verbatim from the
        // JSON, and of what escapes, quotes and control bytes turn into. Without NeedsDecoding
        // those are only '"', '\\', control characters (\n \t \r \" \\ and raw tab, LF, CR),
        // an unknown escape as written (it starts with '\\') and the NUL separators, none of
        // which a raw-safe needle holds; so an occurrence lies inside one verbatim run. The
        // ASCII case fold is byte by byte, the same in both. The converse does not hold (a top-
        // level key, created_at, a match across '":"'), and word edges differ (a raw "\n" is
        // two letters' neighbour): candidates are decoded and counted, never counted here.
        const ByteFinder finder(m_needle, m_foldAscii);
        return finder.find(reinterpret_cast<const uchar *>(raw.bytes.constData()), raw.bytes.size(), 0) < 0;
    }
    case Mode::Unicode: {
        // The folded needle has a non-ASCII character; an ASCII row without escapes decodes to
        // ASCII only, which folds to ASCII only.
        if (!raw.hasNonAscii() && !raw.needsDecoding())
            return true;
        // A match holds the needle's ASCII run in the decoded text, its letters in either case
        // (the only other characters that fold to ASCII are K and ſ: rows with them are not
        // ruled out), and without escapes that run is in the JSON as written, as above.
        if (m_asciiProbe.isEmpty() || raw.needsDecoding() || raw.foldsIntoAscii())
            return false;
        const ByteFinder finder(m_asciiProbe, true);
        return finder.find(reinterpret_cast<const uchar *>(raw.bytes.constData()), raw.bytes.size(), 0) < 0;
    }
    case Mode::Regex:
        return m_prefilter.rowCannotMatch(raw);
    }
    return false;
}

qint64 SearchEngine::countRaw(const SearchText &text, qint64 limit, JsonMatch *json) const
{
    // Where the spans of the strongest requirement are found anyway, they rule the row out too.
    const bool ruleOutBySpans = readsAroundSpans(text);
    if (!ruleOutBySpans && rawRowCannotMatch(text))
        return 0;
    // An escape may decode to K (Kelvin) or ſ, which the byte scan does not fold: such
    // rows are decoded whole and take the decoded rows' path.
    const bool mayFoldIntoAscii = m_foldAscii && (text.foldsIntoAscii() || text.needsDecoding());
    if (m_mode == Mode::Bytes && !mayFoldIntoAscii) {
        // Whole words, and a needle holding U+FEFF, keep to every segment: a byte order mark the
        // walk around occurrences leaves out of the first segment would be a word's neighbour, or
        // part of a match, in the other.
        if (m_rawSafe && !m_holdsByteOrderMark && !text.needsDecoding() && !m_query.wholeWord) {
            const qint64 count = countBytesAroundOccurrences(text.bytes, limit);
            if (count >= 0)
                return count;
        }
        return countBytesInSegments(text.bytes, limit);
    }
    if (m_mode == Mode::Regex && m_utf8Counter) {
        const qint64 count = countUtf8Segments(text, limit, ruleOutBySpans, json);
        if (count != Utf8RegexCounter::kInvalidUtf8)
            return count;
    }
    if (m_mode == Mode::Unicode || m_mode == Mode::Regex)
        // Without escapes, the decoded segments hold K or ſ only where the JSON does.
        return countDecodedSegments(text.bytes, limit, text.foldsIntoAscii() || text.needsDecoding());
    return countMatches(text.decoded(), limit);
}

bool SearchEngine::shownRowCannotMatch(const SearchText &raw) const
{
    // The pane's text is the JSON's verbatim runs, what its escapes decode to and layout: an
    // escape that makes a character a fragment may hold (NeedsDecoding), or K and ſ folding into
    // ASCII, leave nothing to rule out by bytes.
    if (raw.needsDecoding())
        return false;
    const bool fold = m_mode == Mode::Unicode || (m_mode == Mode::Bytes ? m_foldAscii : !m_query.caseSensitive);
    if (fold && raw.foldsIntoAscii())
        return false;
    // A folded needle with a non-ASCII character cannot be in an ASCII row's text.
    if (m_mode == Mode::Unicode && !raw.hasNonAscii())
        return true;
    for (const QList<QList<ShownFragments::Fragment>> &requirement : m_shownRequired) {
        bool any = false;
        for (const QList<ShownFragments::Fragment> &fragments : requirement) {
            if (ShownFragments::allIn(raw.bytes, fragments, fold)) {
                any = true;
                break;
            }
        }
        if (!any)
            return true;
    }
    return false;
}

bool SearchEngine::valuesTextIsAsWritten(const SearchText &raw) const
{
    return !raw.needsDecoding() && (m_query.caseSensitive || !raw.foldsIntoAscii());
}

bool SearchEngine::shownMatchCannotCrossLayout(const SearchText &raw, JsonMatch json) const
{
    if (!m_crossing.known || !valuesTextIsAsWritten(raw))
        return false;
    // No match of the pattern in the pane's text holds a byte the pane inserted (LayoutCrossing).
    if (LayoutCrossing::mayCross(raw.bytes, m_crossing, !m_query.caseSensitive))
        return false;
    // Nor, as the search text found nothing, one inside a run it holds. Left: the runs it leaves
    // out, top-level keys and scalars (the pane's "Other fields"), and the raw text the pane shows
    // of an entry it cannot read. A match inside one of those is in the JSON as written, or holds
    // what an escape decodes to (a line break, tab, quote or backslash: layout, so matched by a gap
    // whose literals then sit at the escape, a run edge, and mayCross said true): so a match in
    // the JSON's bytes.
    if (!m_utf8Counter)
        return false;
    if (json == JsonMatch::Unknown) // else asked already (countUtf8Segments)
        json = matchInJson(raw);
    return json == JsonMatch::None;
}

qint64 SearchEngine::countShown(const SearchText &raw, qint64 limit, JsonMatch json) const
{
    // Called only for a raw row whose search text holds no match (countMatches).
    if (shownRowCannotMatch(raw) || shownMatchCannotCrossLayout(raw, json))
        return 0;
    const QString shown = EntryText::searchable(raw.bytes, m_shownAs);
    return countInView(shown, limit, nullptr);
}

qint64 SearchEngine::countMatches(const SearchText &text, qint64 limit) const
{
    if (!text.isIndexed() || limit <= 0)
        return 0;
    if (text.isRaw()) {
        JsonMatch json = JsonMatch::Unknown;
        const qint64 count = countRaw(text, limit, &json);
        if (count != 0 || !m_alsoShown)
            return count;
        // Nothing in the values and keys one by one: the needle may span what the pane shows
        // between them.
        return countShown(text, limit, json);
    }
    switch (m_mode) {
    case Mode::Nothing:
        return 0;
    case Mode::Bytes:
        // A row with K (Kelvin) or ſ may hide case variants of an ASCII needle from the byte scan.
        if (m_foldAscii && text.foldsIntoAscii())
            return countDecoded(text.bytes, limit);
        return countBytes(text.bytes, limit);
    case Mode::Unicode:
        // The folded needle has a non-ASCII character; an ASCII row folds to ASCII only.
        return text.hasNonAscii() ? countDecoded(text.bytes, limit) : 0;
    case Mode::Regex:
        return m_prefilter.rowCannotMatch(text) ? 0 : countDecoded(text.bytes, limit);
    }
    return 0;
}

QString SearchEngine::tooCostlyText()
{
    return QCoreApplication::translate("SearchEngine",
                                       "Pattern too costly: it backtracks too much on some entries (nested "
                                       "repeats such as (a+)+?); make it more specific");
}

QList<TextRange> SearchEngine::findRanges(QStringView text, qsizetype limit) const
{
    QList<TextRange> ranges;
    if (m_mode == Mode::Nothing || limit == 0)
        return ranges;
    countInView(text, limit < 0 ? std::numeric_limits<qint64>::max() : limit, &ranges);
    return ranges;
}

SearchEngine::Utf8Answer SearchEngine::firstMatchInUtf8(QByteArrayView utf8, TextRange *range) const
{
    // QString::fromUtf8 leaves a leading byte order mark out of the text it makes; the bytes keep
    // it. Invalid UTF-8 (U+FFFD there) and PCRE2's errors are negative: not an answer.
    if (m_mode != Mode::Regex || !m_utf8Counter || utf8.startsWith("\xEF\xBB\xBF"))
        return Utf8Answer::Unknown;
    qsizetype start = 0;
    qsizetype length = 0;
    const qint64 found = m_utf8Counter->findFirst(utf8, &start, &length);
    if (found < 0)
        return Utf8Answer::Unknown;
    if (found == 0)
        return Utf8Answer::NoMatch;
    // Valid UTF-8 (checked): each character is one UTF-16 unit, two from a four-byte one.
    const auto utf16Units = [](QByteArrayView bytes) {
        qsizetype units = 0;
        for (const char c : bytes) {
            const auto byte = uchar(c);
            units += (byte & 0xC0) != 0x80;
            units += byte >= 0xF0;
        }
        return units;
    };
    range->start = utf16Units(utf8.first(start));
    range->length = utf16Units(utf8.sliced(start, length));
    return Utf8Answer::Match;
}

SearchResult SearchEngine::search(const SearchCorpus &corpus) const
{
    SearchResult result;
    result.error = m_error;
    for (int row = 0; row < corpus.size(); ++row) {
        const SearchText &text = corpus.at(row);
        if (!text.isIndexed())
            continue;
        ++result.searchedRows;
        const qint64 n = countMatches(text);
        if (n == kTooCostly) {
            SearchResult stopped;
            stopped.error = tooCostlyText();
            stopped.complete = true;
            return stopped;
        }
        if (n > 0) {
            result.matchingRows.append(row);
            result.matchCount += n;
        }
    }
    result.entryCount = int(result.matchingRows.size());
    result.complete = true;
    return result;
}
