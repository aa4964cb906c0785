// SPDX-License-Identifier: MIT
#include "json/jsontext.h"

#include "json/jsonsyntax.h"
#include "json/jsontokens.h"

#include <algorithm>

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
    if (!JsonSyntax::check(raw).ok)
        return QString::fromUtf8(raw);
    ReadableWriter writer(raw);
    if (!writer.render())
        return QString::fromUtf8(raw);
    return QString::fromUtf8(writer.take());
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
