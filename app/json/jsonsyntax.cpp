// SPDX-License-Identifier: MIT
#include "json/jsonsyntax.h"

#include "json/jsontokens.h"

#include <QVarLengthArray>

#include <cstring>

namespace {

// The strict checker: an explicit stack instead of recursion, so any depth is safe.

class Checker
{
public:
    Checker(QByteArrayView text, int maxDepth)
        : m_b(reinterpret_cast<const uchar *>(text.data())), m_n(text.size()), m_maxDepth(maxDepth)
    {
    }

    JsonSyntax::Check run()
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

    JsonSyntax::Check unexpected(const QString &expected)
    {
        if (m_i >= m_n)
            return failure(m_i, QStringLiteral("unexpected end of text, expected %1").arg(expected));
        const uchar c = m_b[m_i];
        const QString found = (c >= 0x21 && c < 0x7F)
                ? QStringLiteral("'%1'").arg(QLatin1Char(char(c)))
                : QStringLiteral("byte 0x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        return failure(m_i, QStringLiteral("unexpected %1, expected %2").arg(found, expected));
    }

    JsonSyntax::Check failure(qsizetype at, const QString &reason)
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
    JsonSyntax::Check m_result;
};

} // namespace

namespace JsonSyntax {

Check check(QByteArrayView raw, int maxDepth)
{
    return Checker(raw, qMax(1, maxDepth)).run();
}

} // namespace JsonSyntax
