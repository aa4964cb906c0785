// SPDX-License-Identifier: MIT
#include "search/searchtext.h"

#include "json/jsontokens.h"

#include <QList>
#include <QVarLengthArray>

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

enum class FieldPolicy { Skip, ValueOnly, KeyAndValue };

FieldPolicy policyOf(QByteArrayView key)
{
    // The fields the detail pane shows under a heading of its own: their key names are not data.
    static const char *const shownUnderHeading[] = {"thought", "observation", "tool_name", "message_type",
                                                    "tool_input", "tool_output"};
    if (key == "agent_run_id" || key == "created_at")
        return FieldPolicy::Skip;
    for (const char *name : shownUnderHeading) {
        if (key == name)
            return FieldPolicy::ValueOnly;
    }
    return FieldPolicy::KeyAndValue;
}

class Builder
{
public:
    explicit Builder(QByteArrayView raw) : m_p(raw.data()), m_n(raw.size()) { m_out.reserve(m_n); }

    QByteArray build()
    {
        qsizetype i = 0;
        while (i < m_n && JsonTokens::isSpace(m_p[i]))
            ++i;
        if (i >= m_n || m_p[i] != '{')
            return wholeText();
        scan(i);
        // Keys, quotes and the left-out fields make the text ~60% of the JSON: give back the
        // rest of the reservation (glibc shrinks in place), or the corpus costs the JSON's size.
        if (m_out.capacity() - m_out.size() > m_out.size() / 8)
            m_out.squeeze();
        return std::move(m_out);
    }

private:
    // Not an object: shown as its raw text, so searched as that (NULs made visible, as the pane
    // would not show them either).
    QByteArray wholeText()
    {
        QByteArray out(m_p, m_n);
        out.replace('\0', QByteArrayView("\\u0000"));
        return out;
    }

    void beginSegment()
    {
        if (m_segments++ > 0)
            m_out.append(SearchText::kSeparator);
    }

    void scan(qsizetype i)
    {
        // One byte per open container: '{' or '['. An explicit stack, so any depth is safe.
        QVarLengthArray<char, 32> stack;
        bool expectKey = false;
        FieldPolicy field = FieldPolicy::Skip;
        while (i < m_n) {
            const char c = m_p[i];
            if (JsonTokens::isSpace(c)) {
                ++i;
            } else if (c == '{' || c == '[') {
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
                const qsizetype end = JsonTokens::stringTokenEnd(m_p, m_n, i);
                const char *content = m_p + i + 1;
                const char *contentEnd = (end > i + 1 && m_p[end - 1] == '"' && end - 1 > i) ? m_p + end - 1 : m_p + end;
                if (expectKey && stack.size() == 1) {
                    field = policyOf(QByteArrayView(content, contentEnd - content));
                    if (field == FieldPolicy::KeyAndValue)
                        emitString(content, contentEnd);
                } else if (field != FieldPolicy::Skip) {
                    emitString(content, contentEnd);
                }
                i = end;
            } else {
                const qsizetype start = i;
                while (i < m_n && !JsonTokens::isSpace(m_p[i]) && m_p[i] != ',' && m_p[i] != '}' && m_p[i] != ']'
                       && m_p[i] != ':' && m_p[i] != '"' && m_p[i] != '{' && m_p[i] != '[')
                    ++i;
                const QByteArrayView token(m_p + start, i - start);
                const bool topLevelNull = stack.size() == 1 && token == "null";
                if (field != FieldPolicy::Skip && !topLevelNull) {
                    beginSegment();
                    for (char b : token) {
                        if (uchar(b) < 0x20)
                            JsonTokens::appendDisplayedControl(m_out, uchar(b), false);
                        else
                            m_out.append(b);
                    }
                }
            }
        }
    }

    void emitString(const char *content, const char *end)
    {
        beginSegment();
        JsonTokens::appendDecodedString(m_out, content, end, JsonTokens::StringDecoding::Display);
    }

    const char *m_p;
    qsizetype m_n;
    QByteArray m_out;
    int m_segments = 0;
};

quint8 nonAsciiFlagsOf(const QByteArray &bytes)
{
    quint8 flags = SearchText::NonAscii;
    // The only characters whose (simple) case fold is ASCII: U+017F LONG S and U+212A KELVIN
    // SIGN (tst_searchengine checks this against Qt's tables). Rows that hold one need the
    // Unicode path even for an ASCII needle.
    const QByteArrayView longS("\xC5\xBF");
    const QByteArrayView kelvin("\xE2\x84\xAA");
    if (bytes.contains(longS) || bytes.contains(kelvin))
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

quint8 rawFlagsOf(const QByteArray &json)
{
    const uchar *p = reinterpret_cast<const uchar *>(json.constData());
    const qsizetype n = json.size();
    uchar any = 0;
    bool needsDecoding = false;
    qsizetype i = 0;
#if defined(__SSE2__)
    // Most 16-byte blocks hold no backslash, control or non-ASCII byte: one test each.
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (i + 16 <= n) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        // Signed compare: bytes >= 0x80 are negative, so they count as "below space" too.
        const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(block, backslash), _mm_cmplt_epi8(block, space));
        if (_mm_movemask_epi8(special) == 0) {
            i += 16;
            continue;
        }
        const qsizetype blockEnd = i + 16;
        while (i < blockEnd)
            i = scanRawByte(p, n, i, any, needsDecoding);
    }
#endif
    while (i < n)
        i = scanRawByte(p, n, i, any, needsDecoding);
    quint8 flags = SearchText::Indexed | SearchText::Raw;
    if (needsDecoding)
        flags |= SearchText::NeedsDecoding;
    if (any & 0x80)
        flags |= nonAsciiFlagsOf(json);
    return flags;
}

} // namespace

SearchText SearchText::fromEntryJson(QByteArrayView rawEntryJson)
{
    SearchText text;
    text.bytes = Builder(rawEntryJson).build();
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
