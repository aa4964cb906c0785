// SPDX-License-Identifier: MIT
#include "json/jsontext.h"

#include "json/jsontokens.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cstring>

namespace {

constexpr int kReadableMaxDepth = 512;
// pretty() indents no deeper than this many levels: indenting every level makes the output grow
// with the square of the depth (100,000 nested arrays, 200 kB, would become 10 GB).
constexpr int kPrettyMaxIndentLevels = 32;

void appendNewline(QByteArray &out, int columns)
{
    out.append('\n');
    out.append(qsizetype(columns), ' ');
}

// ---------------------------------------------------------------------------------------------
// The strict checker: an explicit stack instead of recursion, so any depth is safe.

class Checker
{
public:
    Checker(QByteArrayView text, int maxDepth)
        : m_b(reinterpret_cast<const uchar *>(text.data())), m_n(text.size()), m_maxDepth(maxDepth)
    {
    }

    JsonText::SyntaxCheck run()
    {
        QVarLengthArray<char, 64> stack;
        skipSpace();
        if (m_i >= m_n)
            return failure(m_i, QStringLiteral("no JSON value (the text is empty or only whitespace)"));
        for (;;) {
            // A value is expected at m_i.
            if (m_i >= m_n)
                return failure(m_i, QStringLiteral("unexpected end of text: a value is missing"));
            const uchar c = m_b[m_i];
            bool closedValue = true;
            if (c == '{' || c == '[') {
                if (stack.size() >= m_maxDepth)
                    return failure(m_i, QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
                stack.append(char(c));
                ++m_i;
                skipSpace();
                const char close = c == '{' ? '}' : ']';
                if (m_i < m_n && m_b[m_i] == uchar(close)) {
                    ++m_i;
                    stack.removeLast();
                } else if (c == '{') {
                    if (!member())
                        return m_result;
                    closedValue = false;
                } else {
                    closedValue = false;
                }
            } else if (c == '"') {
                if (!string())
                    return m_result;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                if (!number())
                    return m_result;
            } else if (c == 't' || c == 'f' || c == 'n') {
                if (!literal())
                    return m_result;
            } else {
                return unexpected(QStringLiteral("a value"));
            }
            if (!closedValue)
                continue;

            // After a complete value: close containers, or move to the next member/element.
            for (;;) {
                skipSpace();
                if (stack.isEmpty()) {
                    if (m_i < m_n)
                        return unexpected(QStringLiteral("the end of the text"));
                    return m_result;
                }
                const char top = stack.last();
                if (m_i >= m_n)
                    return failure(m_i, top == '{' ? QStringLiteral("unexpected end of text: unclosed object")
                                                   : QStringLiteral("unexpected end of text: unclosed array"));
                const uchar d = m_b[m_i];
                if (d == ',') {
                    ++m_i;
                    skipSpace();
                    if (top == '{' && !member())
                        return m_result;
                    break;
                }
                if ((top == '{' && d == '}') || (top == '[' && d == ']')) {
                    ++m_i;
                    stack.removeLast();
                    continue;
                }
                return unexpected(top == '{' ? QStringLiteral("',' or '}'") : QStringLiteral("',' or ']'"));
            }
        }
    }

private:
    void skipSpace()
    {
        while (m_i < m_n && JsonTokens::isSpace(char(m_b[m_i])))
            ++m_i;
    }

    // A key, its colon and the whitespace up to the value.
    bool member()
    {
        if (m_i >= m_n) {
            failure(m_i, QStringLiteral("unexpected end of text: unclosed object"));
            return false;
        }
        if (m_b[m_i] != '"') {
            unexpected(QStringLiteral("a string key"));
            return false;
        }
        if (!string())
            return false;
        skipSpace();
        if (m_i >= m_n || m_b[m_i] != ':') {
            unexpected(QStringLiteral("':' after the key"));
            return false;
        }
        ++m_i;
        skipSpace();
        return true;
    }

    bool string()
    {
        const qsizetype open = m_i++;
        while (m_i < m_n) {
            const uchar c = m_b[m_i];
            if (c == '"') {
                ++m_i;
                return true;
            }
            if (c == '\\') {
                if (m_i + 1 >= m_n)
                    break;
                const uchar e = m_b[m_i + 1];
                if (e == 'u') {
                    for (int k = 2; k < 6; ++k) {
                        if (m_i + k >= m_n || JsonTokens::hexValue(char(m_b[m_i + k])) < 0) {
                            failure(m_i, QStringLiteral("invalid \\u escape in a string"));
                            return false;
                        }
                    }
                    m_i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                           || e == 'r' || e == 't') {
                    m_i += 2;
                } else {
                    failure(m_i, QStringLiteral("invalid escape sequence in a string"));
                    return false;
                }
            } else if (c < 0x20) {
                failure(m_i, QStringLiteral("control character U+%1 inside a string must be escaped")
                                 .arg(QString::number(c, 16).rightJustified(4, QLatin1Char('0')).toUpper()));
                return false;
            } else if (c < 0x80) {
                ++m_i;
            } else {
                const int len = utf8SequenceLength(m_i);
                if (len == 0) {
                    failure(m_i, QStringLiteral("invalid UTF-8"));
                    return false;
                }
                m_i += len;
            }
        }
        failure(open, QStringLiteral("unclosed string"));
        return false;
    }

    // Length of the well-formed UTF-8 sequence at i (RFC 3629: no overlongs, no surrogates,
    // nothing above U+10FFFF), or 0.
    int utf8SequenceLength(qsizetype i) const
    {
        const uchar c = m_b[i];
        int len = 0;
        uchar lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (m_n - i < len)
            return 0;
        if (m_b[i + 1] < lo || m_b[i + 1] > hi)
            return 0;
        for (int k = 2; k < len; ++k) {
            if ((m_b[i + k] & 0xC0) != 0x80)
                return 0;
        }
        return len;
    }

    bool digits()
    {
        const qsizetype start = m_i;
        while (m_i < m_n && m_b[m_i] >= '0' && m_b[m_i] <= '9')
            ++m_i;
        return m_i > start;
    }

    bool number()
    {
        const qsizetype start = m_i;
        if (m_b[m_i] == '-')
            ++m_i;
        if (m_i < m_n && m_b[m_i] == '0') {
            ++m_i;
        } else if (!digits()) {
            failure(start, QStringLiteral("invalid number"));
            return false;
        }
        if (m_i < m_n && m_b[m_i] == '.') {
            ++m_i;
            if (!digits()) {
                failure(start, QStringLiteral("invalid number: digits must follow the decimal point"));
                return false;
            }
        }
        if (m_i < m_n && (m_b[m_i] == 'e' || m_b[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_n && (m_b[m_i] == '+' || m_b[m_i] == '-'))
                ++m_i;
            if (!digits()) {
                failure(start, QStringLiteral("invalid number: the exponent has no digits"));
                return false;
            }
        }
        if (m_i < m_n && (m_b[m_i] == '.' || (m_b[m_i] >= '0' && m_b[m_i] <= '9'))) {
            failure(start, QStringLiteral("invalid number (a leading zero, or a second '.')"));
            return false;
        }
        return true;
    }

    bool literal()
    {
        static const char *const words[] = {"true", "false", "null"};
        for (const char *w : words) {
            const qsizetype len = qsizetype(std::strlen(w));
            if (m_b[m_i] == uchar(w[0])) {
                if (m_n - m_i >= len && std::memcmp(m_b + m_i, w, size_t(len)) == 0) {
                    m_i += len;
                    return true;
                }
                failure(m_i, QStringLiteral("invalid literal (expected %1)").arg(QLatin1String(w)));
                return false;
            }
        }
        unexpected(QStringLiteral("a value"));
        return false;
    }

    JsonText::SyntaxCheck unexpected(const QString &expected)
    {
        if (m_i >= m_n)
            return failure(m_i, QStringLiteral("unexpected end of text, expected %1").arg(expected));
        const uchar c = m_b[m_i];
        const QString found = (c >= 0x21 && c < 0x7F)
                ? QStringLiteral("'%1'").arg(QLatin1Char(char(c)))
                : QStringLiteral("byte 0x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        return failure(m_i, QStringLiteral("unexpected %1, expected %2").arg(found, expected));
    }

    JsonText::SyntaxCheck failure(qsizetype at, const QString &reason)
    {
        m_result.ok = false;
        m_result.offset = at;
        m_result.reason = reason;
        qsizetype line = 1, lineStart = 0;
        for (qsizetype k = 0; k < at && k < m_n; ++k) {
            if (m_b[k] == '\n') {
                ++line;
                lineStart = k + 1;
            }
        }
        qsizetype column = 1;
        for (qsizetype k = lineStart; k < at && k < m_n; ++k) {
            if ((m_b[k] & 0xC0) != 0x80)
                ++column;
        }
        m_result.line = line;
        m_result.column = column;
        return m_result;
    }

    const uchar *m_b;
    qsizetype m_n;
    qsizetype m_i = 0;
    int m_maxDepth;
    JsonText::SyntaxCheck m_result;
};

// ---------------------------------------------------------------------------------------------
// The readable renderer. It runs only on text the checker accepted, yet checks every bound
// itself and gives up (m_failed) rather than trust that.

class ReadableWriter
{
public:
    explicit ReadableWriter(QByteArrayView text) : m_p(text.data()), m_n(text.size())
    {
        m_out.reserve(m_n + m_n / 4);
    }

    bool render()
    {
        skipSpace();
        if (m_i >= m_n)
            return false;
        const char c = m_p[m_i];
        if (c == '{' && !emptyContainerAhead('}')) {
            object(0, true, 0);
        } else if (c == '[' && !emptyContainerAhead(']')) {
            array(0, true, 0);
        } else if (c == '"') {
            // A whole document that is one string: its text, no block marker.
            const qsizetype end = JsonTokens::stringTokenEnd(m_p, m_n, m_i);
            if (end > m_n || m_p[end - 1] != '"' || end - m_i < 2)
                return false;
            JsonTokens::appendDecodedString(m_out, m_p + m_i + 1, m_p + end - 1, JsonTokens::StringDecoding::Display);
            m_i = end;
        } else {
            scalarOrEmpty();
        }
        skipSpace();
        return !m_failed && m_i == m_n;
    }

    QByteArray take() { return std::move(m_out); }

private:
    void skipSpace()
    {
        while (m_i < m_n && JsonTokens::isSpace(m_p[m_i]))
            ++m_i;
    }

    bool expect(char c)
    {
        skipSpace();
        if (m_i < m_n && m_p[m_i] == c) {
            ++m_i;
            return true;
        }
        m_failed = true;
        return false;
    }

    // At an opening bracket: is the container empty? Does not move.
    bool emptyContainerAhead(char close) const
    {
        qsizetype k = m_i + 1;
        while (k < m_n && JsonTokens::isSpace(m_p[k]))
            ++k;
        return k < m_n && m_p[k] == close;
    }

    // Members of a non-empty object at m_i ('{'). The first line starts where the caller left
    // the output when `firstInline` (after "- "), else on a new line at `indent`.
    void object(int indent, bool firstInline, int depth)
    {
        if (depth >= kReadableMaxDepth) {
            m_failed = true;
            return;
        }
        ++m_i; // '{'
        bool first = true;
        while (!m_failed) {
            skipSpace();
            if (m_i >= m_n || m_p[m_i] != '"') {
                m_failed = true;
                return;
            }
            if (!(first && firstInline))
                newline(indent);
            first = false;
            key();
            if (!expect(':'))
                return;
            valueAfterKey(indent, depth);
            skipSpace();
            if (m_i >= m_n) {
                m_failed = true;
                return;
            }
            if (m_p[m_i] == ',') {
                ++m_i;
                continue;
            }
            expect('}');
            return;
        }
    }

    void array(int indent, bool firstInline, int depth)
    {
        if (depth >= kReadableMaxDepth) {
            m_failed = true;
            return;
        }
        ++m_i; // '['
        bool first = true;
        while (!m_failed) {
            if (!(first && firstInline))
                newline(indent);
            first = false;
            m_out.append("- ", 2);
            item(indent + 2, depth);
            skipSpace();
            if (m_i >= m_n) {
                m_failed = true;
                return;
            }
            if (m_p[m_i] == ',') {
                ++m_i;
                continue;
            }
            expect(']');
            return;
        }
    }

    // The value of a member, after "key:" was written.
    void valueAfterKey(int indent, int depth)
    {
        skipSpace();
        if (m_i >= m_n) {
            m_failed = true;
            return;
        }
        const char c = m_p[m_i];
        if (c == '{' && !emptyContainerAhead('}')) {
            m_out.append(':');
            object(indent + 2, false, depth + 1);
        } else if (c == '[' && !emptyContainerAhead(']')) {
            m_out.append(':');
            array(indent + 2, false, depth + 1);
        } else if (c == '"') {
            m_out.append(':');
            stringValue(indent + 2);
        } else {
            m_out.append(": ", 2);
            scalarOrEmpty();
        }
    }

    // An array element, after "- " was written; continuation lines at `indent`.
    void item(int indent, int depth)
    {
        skipSpace();
        if (m_i >= m_n) {
            m_failed = true;
            return;
        }
        const char c = m_p[m_i];
        if (c == '{' && !emptyContainerAhead('}')) {
            object(indent, true, depth + 1);
        } else if (c == '[' && !emptyContainerAhead(']')) {
            array(indent, true, depth + 1);
        } else if (c == '"') {
            // Drop the space after the dash so that "-" + " value" / " |" reads the same as keys.
            m_out.chop(1);
            stringValue(indent);
        } else {
            scalarOrEmpty();
        }
    }

    // A string after "key:" or "-": " text" on the same line, or " |" and an indented block.
    void stringValue(int blockIndent)
    {
        const qsizetype end = JsonTokens::stringTokenEnd(m_p, m_n, m_i);
        if (end - m_i < 2 || m_p[end - 1] != '"') {
            m_failed = true;
            return;
        }
        m_scratch.clear();
        JsonTokens::appendDecodedString(m_scratch, m_p + m_i + 1, m_p + end - 1, JsonTokens::StringDecoding::Display);
        m_i = end;
        if (m_scratch.isEmpty()) {
            m_out.append(" \"\"", 3);
            return;
        }
        if (!m_scratch.contains('\n')) {
            m_out.append(' ');
            m_out.append(m_scratch);
            return;
        }
        m_out.append(" |", 2);
        QByteArrayView rest(m_scratch);
        // One trailing line break is the usual end of a text, not an empty last line.
        if (rest.endsWith('\n'))
            rest.chop(1);
        while (true) {
            const qsizetype nl = rest.indexOf('\n');
            const QByteArrayView line = nl < 0 ? rest : rest.first(nl);
            if (line.isEmpty())
                m_out.append('\n');
            else
                newline(blockIndent);
            m_out.append(line.data(), line.size());
            if (nl < 0)
                break;
            rest = rest.sliced(nl + 1);
        }
    }

    void key()
    {
        const qsizetype end = JsonTokens::stringTokenEnd(m_p, m_n, m_i);
        if (end - m_i < 2 || m_p[end - 1] != '"') {
            m_failed = true;
            return;
        }
        if (end - m_i == 2) {
            m_out.append("\"\"", 2);
        } else {
            m_scratch.clear();
            JsonTokens::appendDecodedString(m_scratch, m_p + m_i + 1, m_p + end - 1, JsonTokens::StringDecoding::Display);
            // A key is one line whatever it holds.
            m_scratch.replace('\n', QByteArrayView("\\n"));
            m_out.append(m_scratch);
        }
        m_i = end;
    }

    // Numbers, literals and empty containers are written as their exact text.
    void scalarOrEmpty()
    {
        const char c = m_p[m_i];
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_i;
            skipSpace();
            if (m_i >= m_n || m_p[m_i] != close) {
                m_failed = true;
                return;
            }
            ++m_i;
            m_out.append(c);
            m_out.append(close);
            return;
        }
        const qsizetype start = m_i;
        m_i = JsonTokens::scalarTokenEnd(m_p, m_n, m_i, JsonTokens::ScalarStop::ValueEnd);
        if (m_i == start) {
            m_failed = true;
            return;
        }
        m_out.append(m_p + start, m_i - start);
    }

    void newline(int indent) { appendNewline(m_out, indent); }

    const char *m_p;
    qsizetype m_n;
    qsizetype m_i = 0;
    bool m_failed = false;
    QByteArray m_out;
    QByteArray m_scratch;
};

} // namespace

namespace JsonText {

QByteArray pretty(QByteArrayView raw, int indent)
{
    indent = qBound(0, indent, 16);
    const char *p = raw.data();
    const qsizetype n = raw.size();
    QByteArray out;
    out.reserve(n + n / 2 + 16);
    int depth = 0;
    qsizetype i = 0;
    while (i < n) {
        const char c = p[i];
        if (JsonTokens::isSpace(c)) {
            ++i;
        } else if (c == '"') {
            const qsizetype end = JsonTokens::stringTokenEnd(p, n, i);
            out.append(p + i, end - i);
            i = end;
        } else if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            qsizetype k = i + 1;
            while (k < n && JsonTokens::isSpace(p[k]))
                ++k;
            if (k < n && p[k] == close) {
                out.append(c);
                out.append(close);
                i = k + 1;
            } else {
                out.append(c);
                ++depth;
                appendNewline(out, std::min(depth, kPrettyMaxIndentLevels) * indent);
                ++i;
            }
        } else if (c == '}' || c == ']') {
            depth = qMax(0, depth - 1);
            appendNewline(out, std::min(depth, kPrettyMaxIndentLevels) * indent);
            out.append(c);
            ++i;
        } else if (c == ',') {
            out.append(',');
            appendNewline(out, std::min(depth, kPrettyMaxIndentLevels) * indent);
            ++i;
        } else if (c == ':') {
            out.append(": ", 2);
            ++i;
        } else {
            const qsizetype start = i;
            i = JsonTokens::scalarTokenEnd(p, n, i, JsonTokens::ScalarStop::AnyToken);
            out.append(p + start, i - start);
        }
    }
    return out;
}

QByteArray compactPreview(QByteArrayView raw, qsizetype maxBytes)
{
    const char *p = raw.data();
    const qsizetype n = raw.size();
    maxBytes = qMax<qsizetype>(0, maxBytes);
    QByteArray out;
    out.reserve(qMin(n, maxBytes));
    qsizetype i = 0;
    while (i < n && out.size() < maxBytes) {
        const char c = p[i];
        if (c == '"') {
            const qsizetype end = JsonTokens::stringTokenEnd(p, n, i);
            out.append(p + i, qMin(end - i, maxBytes - out.size()));
            i = end;
        } else if (JsonTokens::isSpace(c)) {
            ++i;
        } else {
            const qsizetype start = i;
            while (i < n && p[i] != '"' && !JsonTokens::isSpace(p[i]))
                ++i;
            out.append(p + start, qMin(i - start, maxBytes - out.size()));
        }
    }
    if (out.size() >= maxBytes && i < n) {
        // Never end inside a UTF-8 sequence: drop a lead byte and its partial continuation.
        qsizetype cut = out.size();
        qsizetype k = cut - 1;
        while (k >= 0 && (uchar(out.at(k)) & 0xC0) == 0x80)
            --k;
        if (k >= 0 && uchar(out.at(k)) >= 0xC0) {
            const uchar lead = uchar(out.at(k));
            const qsizetype need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (cut - k < need)
                cut = k;
        }
        out.truncate(cut);
    }
    return out;
}

QByteArray compact(QByteArrayView raw)
{
    return compactPreview(raw, raw.size());
}

QString readable(QByteArrayView raw)
{
    if (!check(raw).ok)
        return QString::fromUtf8(raw);
    ReadableWriter writer(raw);
    if (!writer.render())
        return QString::fromUtf8(raw);
    return QString::fromUtf8(writer.take());
}

SyntaxCheck check(QByteArrayView raw, int maxDepth)
{
    return Checker(raw, qMax(1, maxDepth)).run();
}

QString unescapeString(QByteArrayView token)
{
    QByteArrayView content = token;
    if (content.size() >= 2 && content.front() == '"' && content.back() == '"')
        content = content.sliced(1, content.size() - 2);
    if (!content.contains('\\'))
        return QString::fromUtf8(content);
    QByteArray out;
    out.reserve(content.size());
    JsonTokens::appendDecodedString(out, content.data(), content.data() + content.size(), JsonTokens::StringDecoding::Exact);
    return QString::fromUtf8(out);
}

} // namespace JsonText
