// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QtGlobal>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// The few byte-level facts about JSON text that the exact (non-parsing) tools share: JsonText's
// re-indenter and readable view, the tree model, the key field summary, the search text builder
// and the run file scan. Kept in one place so that what counts as a string's end, a scalar's end
// or an escape is decided once.
namespace JsonTokens {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Index just past the closing quote of the string token that opens at `open`, or -1 when the
// string is not closed before `size`. A backslash and the byte after it are stepped over as a
// pair, so a quote after an odd run of backslashes is escaped. The quotes and backslashes of
// each 16 bytes are found at once, inline: most strings are a key or a short value, for which a
// call of memchr a quote cost more than the scan (a third of splitting a large agent log into
// its events). Each byte is looked at once.
inline qsizetype closingQuoteEnd(const char *data, qsizetype size, qsizetype open)
{
    qsizetype i = open + 1;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    while (size - i >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const unsigned mask = unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash))));
        if (!mask) {
            i += 16;
            continue;
        }
        i += __builtin_ctz(mask);
        if (data[i] == '"')
            return i + 1;
        i += 2;
    }
#endif
    while (i < size) {
        if (data[i] == '"')
            return i + 1;
        i += data[i] == '\\' ? 2 : 1;
    }
    return -1;
}

// The same, `size` when the string is never closed.
inline qsizetype stringTokenEnd(const char *data, qsizetype size, qsizetype open)
{
    const qsizetype end = closingQuoteEnd(data, size, open);
    return end < 0 ? size : end;
}

// What ends a scalar (a number, true, false, null) for a scan that goes on through text that may
// not be valid JSON: it decides how much of something malformed, such as 12"a", is one token.
enum class ScalarStop {
    ValueEnd,  // whitespace, or what may follow a value: ',' '}' ']'
    AnyToken,  // also what begins or separates another token: ':' '"' '{' '['
};

inline bool endsScalar(char c, ScalarStop stop)
{
    if (isSpace(c) || c == ',' || c == '}' || c == ']')
        return true;
    return stop == ScalarStop::AnyToken && (c == ':' || c == '"' || c == '{' || c == '[');
}

// Index of the first byte at or after `start` that ends a scalar, or `size`.
inline qsizetype scalarTokenEnd(const char *data, qsizetype size, qsizetype start, ScalarStop stop)
{
    while (start < size && !endsScalar(data[start], stop))
        ++start;
    return start;
}

// 0-15 for a hex digit, else -1.
int hexValue(char c);

// The four hex digits at p (bounded by end) as a code unit, or -1.
int readHex4(const char *p, const char *end);

// Decodes a \uXXXX escape; `p` points at its four hex digits. A surrogate pair (the low half
// in a second \uXXXX right after) is one code point; a lone surrogate is U+FFFD. Advances `p`
// past what it read. -1, and `p` unchanged, when the four digits are not hex.
qint32 decodeUnicodeEscape(const char *&p, const char *end);

// Appends the code point as UTF-8.
void appendUtf8(QByteArray &out, char32_t codePoint);

// Index just past the JSON value that starts at `i` (strings, objects and arrays skipped as a
// whole, quotes inside strings respected), or `size` when it does not end.
qsizetype valueEnd(const char *data, qsizetype size, qsizetype i);

enum class StringDecoding {
    Exact,    // the string's value, every character as it is
    Display,  // as the detail pane and the search show it (see appendDisplayedControl)
};

// A control character as the detail pane shows it: tab and line feed as they are, CR as a line
// break (nothing when a line feed follows, so that CR LF is one break), anything else as its
// \u00XX escape, so that no invisible or layout-breaking character reaches a view.
void appendDisplayedControl(QByteArray &out, char32_t c, bool lineFeedFollows);

// Decodes the content of a JSON string (between its quotes) into UTF-8. Malformed escapes are
// copied as they are: this never fails, whatever the input. The one decoder of the project.
void appendDecodedString(QByteArray &out, const char *p, const char *end, StringDecoding decoding);

} // namespace JsonTokens
