// SPDX-License-Identifier: MIT
#include "search/searchtext.h"

#include "json/jsontokens.h"
#include "json/stringspecialbytes.h"

#include <QList>
#include <QVarLengthArray>

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

enum class FieldPolicy { Skip, ValueOnly, KeyAndValue };

template <size_t N>
bool keyIs(QByteArrayView key, const char (&name)[N])
{
    return std::memcmp(key.data(), name, N - 1) == 0; // a constant length: compared inline
}

FieldPolicy policyOf(QByteArrayView key)
{
    // The fields the detail pane shows under a heading of its own: their key names are not data.
    // Looked up by length first: every top-level key of every entry searched comes here.
    switch (key.size()) {
    case 7:
        return keyIs(key, "thought") ? FieldPolicy::ValueOnly : FieldPolicy::KeyAndValue;
    case 9:
        return keyIs(key, "tool_name") ? FieldPolicy::ValueOnly : FieldPolicy::KeyAndValue;
    case 10:
        if (keyIs(key, "created_at"))
            return FieldPolicy::Skip;
        return keyIs(key, "tool_input") ? FieldPolicy::ValueOnly : FieldPolicy::KeyAndValue;
    case 11:
        return keyIs(key, "observation") || keyIs(key, "tool_output") ? FieldPolicy::ValueOnly : FieldPolicy::KeyAndValue;
    case 12:
        if (keyIs(key, "agent_run_id"))
            return FieldPolicy::Skip;
        return keyIs(key, "message_type") ? FieldPolicy::ValueOnly : FieldPolicy::KeyAndValue;
    default:
        return FieldPolicy::KeyAndValue;
    }
}

// A number's, true's, false's or null's text as shown: its control bytes (not valid JSON) as
// their visible "\u00XX" text.
void appendToken(QByteArray &out, const char *start, const char *end)
{
    for (const char *b = start; b < end; ++b) {
        if (uchar(*b) < 0x20)
            JsonTokens::appendDisplayedControl(out, uchar(*b), false);
        else
            out.append(*b);
    }
}

// Whether text as written in the JSON is shown as itself: no control byte (shown as its
// "\u00XX" text) and, in a string, no escape.
bool showsAsWritten(const char *start, const char *end, bool isString)
{
    const char *b = start;
#if defined(__SSE2__)
    // 16 bytes a step: a byte <= 0x1F (unsigned), or a backslash in a string.
    const __m128i controlMax = _mm_set1_epi8(0x1F);
    const __m128i backslash = _mm_set1_epi8(isString ? '\\' : 0x1F); // 0x1F: counted as a control already
    for (; end - b >= 16; b += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b));
        const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, controlMax), controlMax);
        if (_mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(block, backslash))))
            return false;
    }
#endif
    for (; b < end; ++b) {
        if (uchar(*b) < 0x20 || (isString && *b == '\\'))
            return false;
    }
    return true;
}

// The first backslash or control byte in [p, end), or end.
const char *nextEscapeOrControl(const char *p, const char *end)
{
    return StringSpecialBytes::first<false>(p, end);
}

// Just past the end of the array or object that opens at `open`, as walkObject closes it (any
// '}' or ']' closes the innermost open one; a '"' outside a string always opens one, as a
// scalar ends there), or -1 when the scan reaches `limit` (or the text's end) first. The bytes
// that matter, quotes and brackets, are found 16 at a time; strings are stepped over whole.
qsizetype containerEndBefore(const char *p, qsizetype n, qsizetype open, qsizetype limit)
{
    const qsizetype stop = std::min(n, limit);
    qsizetype depth = 1;
    qsizetype i = open + 1;
    while (i < stop) {
#if defined(__SSE2__)
        if (n - i >= 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
            // With bit 5 set, '[' (0x5B) is '{' (0x7B) and ']' (0x5D) is '}' (0x7D); no other byte is.
            const __m128i lower = _mm_or_si128(block, _mm_set1_epi8(0x20));
            const __m128i opens = _mm_cmpeq_epi8(lower, _mm_set1_epi8('{'));
            const __m128i closes = _mm_cmpeq_epi8(lower, _mm_set1_epi8('}'));
            const __m128i quote = _mm_cmpeq_epi8(block, _mm_set1_epi8('"'));
            const unsigned mask = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(opens, closes), quote)));
            if (!mask) {
                i += 16;
                continue;
            }
            i += __builtin_ctz(mask);
            if (i >= stop)
                break;
        }
#endif
        const char c = p[i];
        if (c == '"') {
            // Read no further than the limit: a string that ends past it ends the scan anyway.
            i = JsonTokens::stringTokenEnd(p, stop, i);
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
        ++i;
    }
    return -1;
}

// A string's content decoded as JsonTokens::appendDecodedString decodes it for display, with
// the text between escapes copied 16 bytes a step: the escapes that make one character of their
// own whatever follows (\n \t \" \\, a raw tab or line feed) are decoded here, and from any
// other (\r, \u, a raw CR or other control byte: what follows may change them) on, the rest
// by appendDecodedString. Multi-line tool output is most of what a search decodes.
// `firstEscape`: where the first backslash or control byte of [p, end) is, when the caller
// knows (nextEscapeOrControl's answer), so that the run before it is not scanned again.
void appendDisplayedString(QByteArray &out, const char *p, const char *end, const char *firstEscape = nullptr)
{
    // What is decoded here never grows (an escape of two bytes makes one), so it is written
    // straight into room made once, not appended piece by piece.
    const qsizetype base = out.size();
    out.resize(base + (end - p));
    char *const start = out.data();
    char *w = start + base;
    while (p < end) {
        const char *run = p;
        p = firstEscape ? firstEscape : nextEscapeOrControl(p, end);
        firstEscape = nullptr;
        std::memcpy(w, run, size_t(p - run));
        w += p - run;
        if (p >= end)
            break;
        if (*p == '\t' || *p == '\n') {
            *w++ = *p++;
            continue;
        }
        if (*p == '\\' && end - p >= 2) {
            const char escaped = p[1];
            const char decoded = escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped == '"' ? '"' : escaped == '\\' ? '\\' : 0;
            if (decoded) {
                *w++ = decoded;
                p += 2;
                continue;
            }
        }
        out.resize(w - start);
        JsonTokens::appendDecodedString(out, p, end, JsonTokens::StringDecoding::Display);
        return;
    }
    out.resize(w - start);
}

// Walks an entry's JSON object from its '{' at `i` and hands each segment of the text search
// sees to the sink, in order: sink.string(content, end) with a string's content as written
// (escapes not decoded yet), sink.token(start, end) with a number's, true's, false's or null's
// text. Stops when the sink returns false.
template <typename Sink>
void walkObject(const char *p, qsizetype n, qsizetype i, Sink &sink)
{
    // One byte per open container: '{' or '['. An explicit stack, so any depth is safe.
    QVarLengthArray<char, 32> stack;
    bool expectKey = false;
    FieldPolicy field = FieldPolicy::Skip;
    while (i < n) {
        const char c = p[i];
        if (JsonTokens::isSpace(c)) {
            ++i;
        } else if (c == '{' || c == '[') {
            if constexpr (Sink::kStepsOverContainers) {
                // Below the entry's own object, a container without a segment the sink wants
                // is stepped over whole: it leaves the stack as it found it.
                if (!stack.isEmpty() && sink.mayStepOver()) {
                    const qsizetype after = containerEndBefore(p, n, i, sink.nextWantedStart(i));
                    if (after >= 0) {
                        expectKey = false;
                        i = after;
                        continue;
                    }
                }
            }
            stack.append(c);
            expectKey = c == '{';
            ++i;
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
            expectKey = false;
            ++i;
            if (stack.isEmpty())
                return; // the entry's object is complete; anything after it is not shown
        } else if (c == ',') {
            expectKey = !stack.isEmpty() && stack.last() == '{';
            ++i;
        } else if (c == ':') {
            expectKey = false;
            ++i;
        } else if (c == '"') {
            const qsizetype end = JsonTokens::stringTokenEnd(p, n, i);
            const char *content = p + i + 1;
            const char *contentEnd = (end > i + 1 && p[end - 1] == '"' && end - 1 > i) ? p + end - 1 : p + end;
            if (expectKey && stack.size() == 1) {
                field = policyOf(QByteArrayView(content, contentEnd - content));
                if (field == FieldPolicy::KeyAndValue && !sink.string(content, contentEnd))
                    return;
            } else if (field != FieldPolicy::Skip) {
                if (!sink.string(content, contentEnd))
                    return;
            }
            i = end;
        } else {
            const qsizetype start = i;
            i = JsonTokens::scalarTokenEnd(p, n, i, JsonTokens::ScalarStop::AnyToken);
            const QByteArrayView token(p + start, i - start);
            const bool topLevelNull = stack.size() == 1 && token == "null";
            if (field != FieldPolicy::Skip && !topLevelNull && !sink.token(p + start, p + i))
                return;
        }
    }
}

// The offset of the '{' that starts an object, or -1 when the text is not an object.
qsizetype objectStart(const char *p, qsizetype n)
{
    qsizetype i = 0;
    while (i < n && JsonTokens::isSpace(p[i]))
        ++i;
    return (i < n && p[i] == '{') ? i : -1;
}

// Text that is not a JSON object is shown as its raw text, so searched as that (NULs made
// visible, as the pane would not show them either).
QByteArray wholeText(QByteArrayView raw)
{
    QByteArray out(raw.data(), raw.size());
    out.replace('\0', QByteArrayView("\\u0000"));
    return out;
}

// Builds the decoded text: the segments joined by separators.
class DecodingSink
{
public:
    static constexpr bool kStepsOverContainers = false;
    explicit DecodingSink(qsizetype reserve) { m_out.reserve(reserve); }

    bool string(const char *content, const char *end)
    {
        beginSegment();
        JsonTokens::appendDecodedString(m_out, content, end, JsonTokens::StringDecoding::Display);
        return true;
    }
    bool token(const char *start, const char *end)
    {
        beginSegment();
        appendToken(m_out, start, end);
        return true;
    }

    QByteArray take()
    {
        // Keys, quotes and the left-out fields make the text ~60% of the JSON: give back the
        // rest of the reservation (glibc shrinks in place), or a kept text costs the JSON's size.
        if (m_out.capacity() - m_out.size() > m_out.size() / 8)
            m_out.squeeze();
        return std::move(m_out);
    }

private:
    void beginSegment()
    {
        if (m_segments++ > 0)
            m_out.append(SearchText::kSeparator);
    }

    QByteArray m_out;
    int m_segments = 0;
};

QByteArray decodedTextOf(QByteArrayView raw)
{
    const qsizetype start = objectStart(raw.data(), raw.size());
    if (start < 0)
        return wholeText(raw);
    DecodingSink sink(raw.size());
    walkObject(raw.data(), raw.size(), start, sink);
    return sink.take();
}

// The buffer the segments that are not shown as written are decoded into: one per thread, kept
// from one entry to the next (a buffer of its own cost each visited entry an allocation: 3 to 5%
// of a regular expression's time, bench_search). A visit within a visit takes one of its own.
thread_local QByteArray t_scratch;
thread_local bool t_scratchInUse = false;
constexpr qsizetype kMaxKeptScratchBytes = 1024 * 1024;

class ScratchBuffer
{
public:
    ScratchBuffer() : m_shared(!t_scratchInUse) { t_scratchInUse = true; }
    ~ScratchBuffer()
    {
        if (!m_shared)
            return;
        t_scratchInUse = false;
        if (t_scratch.capacity() > kMaxKeptScratchBytes)
            t_scratch = QByteArray(); // one huge string does not keep its size for the thread's life
    }
    ScratchBuffer(const ScratchBuffer &) = delete;
    ScratchBuffer &operator=(const ScratchBuffer &) = delete;

    QByteArray &bytes() { return m_shared ? t_scratch : m_own; }

private:
    bool m_shared;
    QByteArray m_own;
};

// Hands each segment to a visitor: a view of the JSON itself when the segment is shown as
// written (most are), else the segment decoded into a buffer reused from one to the next.
class VisitingSink
{
public:
    static constexpr bool kStepsOverContainers = false;
    VisitingSink(SearchText::SegmentVisitor visit, void *context) : m_visit(visit), m_context(context) {}

    bool string(const char *content, const char *end)
    {
        // Shown as written when it holds no escape or control byte (showsAsWritten's answer for
        // a string); else the scan found where decoding starts.
        const char *firstEscape = nextEscapeOrControl(content, end);
        if (firstEscape == end)
            return m_visit(m_context, QByteArrayView(content, end - content));
        QByteArray &scratch = m_scratch.bytes();
        scratch.resize(0);
        appendDisplayedString(scratch, content, end, firstEscape);
        return m_visit(m_context, scratch);
    }
    bool token(const char *start, const char *end)
    {
        if (showsAsWritten(start, end, false))
            return m_visit(m_context, QByteArrayView(start, end - start));
        QByteArray &scratch = m_scratch.bytes();
        scratch.resize(0);
        appendToken(scratch, start, end);
        return m_visit(m_context, scratch);
    }

private:
    SearchText::SegmentVisitor m_visit;
    void *m_context;
    ScratchBuffer m_scratch;
};

// VisitingSink for the segments that hold a whole span (visitSegmentsHoldingSpans): the others
// cost a comparison of offsets, and the walk stops once no span is left.
class SpanVisitingSink
{
public:
    SpanVisitingSink(const char *json, const SearchText::ByteSpan *spans, size_t spanCount,
                     SearchText::SegmentVisitor visit, void *context)
        : m_json(json), m_spans(spans), m_spanCount(spanCount), m_inner(visit, context)
    {
    }

    bool string(const char *content, const char *end)
    {
        if (!takeFirstSegment(content, end))
            return m_next < m_spanCount;
        return m_inner.string(content, end) && m_next < m_spanCount;
    }
    bool token(const char *start, const char *end)
    {
        if (!takeFirstSegment(start, end))
            return m_next < m_spanCount;
        return m_inner.token(start, end) && m_next < m_spanCount;
    }

    // A container that holds no span's start is stepped over (walkObject). Not before the
    // first segment: that one loses a leading byte order mark, so it must be seen.
    static constexpr bool kStepsOverContainers = true;
    bool mayStepOver() const { return !m_atTextStart; }
    // Where the first span that starts at or after `at` (an offset into the JSON) starts, or
    // past the JSON's end: those before are in no later segment.
    qsizetype nextWantedStart(qsizetype at)
    {
        while (m_next < m_spanCount && m_spans[m_next].start < at)
            ++m_next;
        return m_next < m_spanCount ? m_spans[m_next].start : std::numeric_limits<qsizetype>::max();
    }

private:
    // Leaves out the text's leading byte order mark, then tells whether [start, end) holds a
    // whole span; moves past the spans that start before `end` (segments come in order).
    bool takeFirstSegment(const char *&start, const char *end)
    {
        if (m_atTextStart && end - start >= 3 && std::memcmp(start, "\xEF\xBB\xBF", 3) == 0)
            start += 3;
        m_atTextStart = false;
        const qsizetype from = start - m_json;
        const qsizetype to = end - m_json;
        while (m_next < m_spanCount && m_spans[m_next].start < from)
            ++m_next;
        bool holds = false;
        for (; m_next < m_spanCount && m_spans[m_next].start < to; ++m_next) {
            if (m_spans[m_next].end <= to)
                holds = true;
        }
        return holds;
    }

    const char *m_json;
    const SearchText::ByteSpan *m_spans;
    size_t m_spanCount;
    size_t m_next = 0;
    bool m_atTextStart = true;
    VisitingSink m_inner;
};

// Whether `sequence` occurs in bytes: memchr for its first byte (vectorised in the C library),
// then a compare. QByteArray::contains() was a third of the indexer's time on non-ASCII entries.
bool holdsSequence(const QByteArray &bytes, QByteArrayView sequence)
{
    const char *at = bytes.constData();
    const char *const end = at + bytes.size();
    while (end - at >= sequence.size()) {
        const void *found = std::memchr(at, sequence.front(), size_t(end - at));
        if (!found)
            return false;
        at = static_cast<const char *>(found);
        if (end - at >= sequence.size() && std::memcmp(at, sequence.data(), size_t(sequence.size())) == 0)
            return true;
        ++at;
    }
    return false;
}

quint8 nonAsciiFlagsOf(const QByteArray &bytes)
{
    quint8 flags = SearchText::NonAscii;
    // The only characters whose (simple) case fold is ASCII: U+017F LONG S and U+212A KELVIN
    // SIGN (tst_searchengine checks this against Qt's tables). Rows that hold one need the
    // Unicode path even for an ASCII needle.
    const QByteArrayView longS("\xC5\xBF");
    const QByteArrayView kelvin("\xE2\x84\xAA");
    if (holdsSequence(bytes, longS) || holdsSequence(bytes, kelvin))
        flags |= SearchText::FoldsIntoAscii;
    return flags;
}

quint8 flagsOf(const QByteArray &bytes)
{
    const uchar *p = reinterpret_cast<const uchar *>(bytes.constData());
    uchar any = 0;
    for (qsizetype i = 0, n = bytes.size(); i < n; ++i)
        any |= p[i];
    return SearchText::Indexed | ((any & 0x80) ? nonAsciiFlagsOf(bytes) : 0);
}

// Looks at one byte of raw JSON (and the one after a backslash); returns the index to go on at.
inline qsizetype scanRawByte(const uchar *p, qsizetype n, qsizetype i, uchar &any, bool &needsDecoding)
{
    const uchar c = p[i];
    any |= c;
    if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r')
            needsDecoding = true;
    } else if (c == '\\' && i + 1 < n) {
        // An escape and the character it escapes, skipped as a pair: "\\u" is a backslash and
        // a "u", not an escape \u. \n \t \r \" \\ decode to characters no raw-safe needle
        // holds; an unknown escape stays as written.
        const uchar escaped = p[i + 1];
        any |= escaped;
        if (escaped == 'u' || escaped == '/' || escaped == 'b' || escaped == 'f')
            needsDecoding = true;
        return i + 2;
    }
    return i + 1;
}

// Whether the bytes at `at` begin K (U+212A) or ſ (U+017F) as UTF-8, the characters whose case
// fold is ASCII (nonAsciiFlagsOf).
inline bool foldsIntoAsciiAt(const uchar *p, qsizetype n, qsizetype at)
{
    if (p[at] == 0xC5)
        return at + 1 < n && p[at + 1] == 0xBF;
    if (p[at] == 0xE2)
        return at + 2 < n && p[at + 1] == 0x84 && p[at + 2] == 0xAA;
    return false;
}

// The flags of raw JSON in one pass: escapes and control bytes read as scanRawByte reads them,
// pair by pair from the start; a byte >= 0x80 anywhere (NonAscii) and K or ſ anywhere, escaped
// or not (FoldsIntoAscii, as nonAsciiFlagsOf finds them).
quint8 rawFlagsOf(const QByteArray &json)
{
    const uchar *p = reinterpret_cast<const uchar *>(json.constData());
    const qsizetype n = json.size();
    uchar any = 0; // scanRawByte's; NonAscii is found below, byte by byte or block by block
    bool needsDecoding = false;
    bool nonAscii = false;
    bool folds = false;
    qsizetype i = 0;          // the next byte to read as scanRawByte reads (past an escape pair)
    qsizetype blockStart = 0; // the bytes before it have been looked at for NonAscii and folds
#if defined(__SSE2__)
    // Most 16-byte blocks hold no backslash, control or non-ASCII byte: one test each. In the
    // others only those bytes are looked at (the rest change no flag, and an escape pair starts
    // at a backslash): escaped JSON has one in many blocks, and non-ASCII text in most rows,
    // which byte by byte, and then two more passes for K and ſ, were most of the time to make a
    // raw text (perf, bench_library).
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    for (; blockStart + 16 <= n; blockStart += 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + blockStart));
        // Signed compare: bytes >= 0x80 are negative, so they count as "below space" too.
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(block, backslash), _mm_cmplt_epi8(block, space));
        const unsigned specialMask = unsigned(_mm_movemask_epi8(special));
        if (specialMask == 0)
            continue;
        const unsigned high = unsigned(_mm_movemask_epi8(block));
        if (high) {
            nonAscii = true;
            for (unsigned bits = high; bits && !folds; bits &= bits - 1)
                folds = foldsIntoAsciiAt(p, n, blockStart + __builtin_ctz(bits));
        }
        for (unsigned bits = specialMask & ~high; bits; bits &= bits - 1) {
            const qsizetype at = blockStart + __builtin_ctz(bits);
            if (at >= i) // else the escaped byte of a pair already read
                i = scanRawByte(p, n, at, any, needsDecoding);
        }
    }
    i = std::max(i, blockStart);
#endif
    for (qsizetype at = blockStart; at < n; ++at) {
        if (p[at] >= 0x80) {
            nonAscii = true;
            folds = folds || foldsIntoAsciiAt(p, n, at);
        }
    }
    while (i < n)
        i = scanRawByte(p, n, i, any, needsDecoding);
    quint8 flags = SearchText::Indexed | SearchText::Raw;
    if (needsDecoding)
        flags |= SearchText::NeedsDecoding;
    if (nonAscii)
        flags |= SearchText::NonAscii;
    if (folds)
        flags |= SearchText::FoldsIntoAscii;
    return flags;
}

} // namespace

SearchText SearchText::fromEntryJson(QByteArrayView rawEntryJson)
{
    SearchText text;
    text.bytes = decodedTextOf(rawEntryJson);
    text.flags = flagsOf(text.bytes);
    return text;
}

SearchText SearchText::fromRawEntryJson(const QByteArray &rawEntryJson)
{
    SearchText text;
    text.bytes = rawEntryJson;
    text.flags = rawFlagsOf(rawEntryJson);
    return text;
}

void SearchText::visitSegments(QByteArrayView rawEntryJson, SegmentVisitor visit, void *context)
{
    const qsizetype start = objectStart(rawEntryJson.data(), rawEntryJson.size());
    if (start < 0) {
        if (!rawEntryJson.contains('\0'))
            visit(context, rawEntryJson);
        else
            visit(context, wholeText(rawEntryJson));
        return;
    }
    VisitingSink sink(visit, context);
    walkObject(rawEntryJson.data(), rawEntryJson.size(), start, sink);
}

bool SearchText::visitSegmentsHoldingSpans(QByteArrayView rawEntryJson, const ByteSpan *spans, size_t spanCount,
                                           SegmentVisitor visit, void *context)
{
    const qsizetype start = objectStart(rawEntryJson.data(), rawEntryJson.size());
    if (start < 0)
        return false;
    if (spanCount == 0)
        return true;
    SpanVisitingSink sink(rawEntryJson.data(), spans, spanCount, visit, context);
    walkObject(rawEntryJson.data(), rawEntryJson.size(), start, sink);
    return true;
}

SearchText SearchText::decoded() const
{
    if (!isRaw())
        return *this;
    return fromEntryJson(bytes);
}

SearchText SearchText::fromSegments(const QList<QByteArray> &segments)
{
    SearchText text;
    for (qsizetype k = 0; k < segments.size(); ++k) {
        if (k)
            text.bytes.append(kSeparator);
        QByteArray segment = segments.at(k);
        segment.replace('\0', QByteArrayView("\\u0000"));
        text.bytes.append(segment);
    }
    text.flags = flagsOf(text.bytes);
    return text;
}
