#include "search/searchtext.h"

#include "json/jsontokens.h"

#include <QList>
#include <QVarLengthArray>

#include <cstring>

namespace {

// A control character as the detail pane shows it: tab and line feed as they are, CR as a line
// break (CR LF as one: the CR is dropped when an LF follows), anything else as its escape text.
void appendControl(QByteArray &out, char32_t c, bool lineFeedFollows)
{
    static const char digits[] = "0123456789abcdef";
    if (c == '\t' || c == '\n') {
        out.append(char(c));
    } else if (c == '\r') {
        if (!lineFeedFollows)
            out.append('\n');
    } else {
        out.append("\\u00", 4);
        out.append(digits[(c >> 4) & 0xF]);
        out.append(digits[c & 0xF]);
    }
}

// Decodes the content of a JSON string (between its quotes) as the detail pane shows it.
// Malformed escapes are copied as they are: this never fails.
void appendDecoded(QByteArray &out, const char *p, const char *end)
{
    while (p < end) {
        const char *run = p;
        while (p < end && *p != '\\' && uchar(*p) >= 0x20)
            ++p;
        out.append(run, p - run);
        if (p >= end)
            break;
        if (*p != '\\') { // a raw control byte (not valid JSON, shown anyway)
            const bool lf = *p == '\r' && p + 1 < end && p[1] == '\n';
            appendControl(out, uchar(*p), lf);
            ++p;
            continue;
        }
        if (p + 1 >= end) {
            out.append('\\');
            break;
        }
        const char e = p[1];
        p += 2;
        const bool escapedLfFollows = end - p >= 2 && p[0] == '\\' && p[1] == 'n';
        switch (e) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': appendControl(out, 0x08, false); break;
        case 'f': appendControl(out, 0x0C, false); break;
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': appendControl(out, '\r', escapedLfFollows); break;
        case 'u': {
            const qint32 decoded = JsonTokens::decodeUnicodeEscape(p, end);
            if (decoded < 0) {
                out.append("\\u", 2);
                break;
            }
            const char32_t cp = char32_t(decoded);
            if (cp < 0x20)
                appendControl(out, cp, end - p >= 2 && p[0] == '\\' && p[1] == 'n');
            else
                JsonTokens::appendUtf8(out, cp);
            break;
        }
        default:
            out.append('\\');
            out.append(e);
            break;
        }
    }
}

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
                            appendControl(m_out, uchar(b), false);
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
        appendDecoded(m_out, content, end);
    }

    const char *m_p;
    qsizetype m_n;
    QByteArray m_out;
    int m_segments = 0;
};

quint8 flagsOf(const QByteArray &bytes)
{
    quint8 flags = SearchText::Indexed;
    const uchar *p = reinterpret_cast<const uchar *>(bytes.constData());
    uchar any = 0;
    for (qsizetype i = 0, n = bytes.size(); i < n; ++i)
        any |= p[i];
    if (!(any & 0x80))
        return flags;
    flags |= SearchText::NonAscii;
    // The only characters whose (simple) case fold is ASCII: U+017F LONG S and U+212A KELVIN
    // SIGN (tst_searchengine checks this against Qt's tables). Rows that hold one need the
    // Unicode path even for an ASCII needle.
    const QByteArrayView longS("\xC5\xBF");
    const QByteArrayView kelvin("\xE2\x84\xAA");
    if (bytes.contains(longS) || bytes.contains(kelvin))
        flags |= SearchText::FoldsIntoAscii;
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
