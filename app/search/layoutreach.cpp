// SPDX-License-Identifier: MIT
#include "search/layoutreach.h"

#include "search/shownfragments.h"

#include <algorithm>

namespace LayoutReach {

namespace {

bool isLayout(char16_t c)
{
    return c < 0x80 && ShownFragments::isLayoutByte(uchar(c));
}

// Every layout byte, once: the subject an escape or a class alone is matched against.
const QString &layoutBytes()
{
    static const QString text = [] {
        QString out;
        for (char16_t c = 0; c < 0x80; ++c) {
            if (isLayout(c))
                out.append(QChar(c));
        }
        return out;
    }();
    return text;
}

bool isHexDigit(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isOctalDigit(char16_t c)
{
    return c >= u'0' && c <= u'7';
}

bool isDecimalDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isOptionLetter(char16_t c)
{
    return c == u'i' || c == u'm' || c == u'n' || c == u's' || c == u'x' || c == u'J' || c == u'U' || c == u'^'
        || c == u'-';
}

class Reader
{
public:
    Reader(const QString &pattern, QRegularExpression::PatternOptions options) : m_p(pattern), m_options(options) {}

    // True when some atom may match (or look at) a layout byte, or is not known.
    bool mayReach()
    {
        while (m_i < m_p.size()) {
            const char16_t c = peek();
            bool reaches = false;
            switch (c) {
            case u'\\': reaches = escape(); break;
            case u'[': reaches = characterClass(); break;
            case u'(': reaches = groupOpening(); break;
            case u'{': reaches = !quantifierBraces(); break;
            case u')': case u'|': case u'*': case u'+': case u'?':
                ++m_i;
                break;
            case u'^': case u'$':
                // Without (?m) only the subject's ends: a run's ends in the search text too.
                ++m_i;
                reaches = m_multiline;
                break;
            case u'.':
                reaches = true; // any character but a line break (and that too under (?s))
                break;
            default:
                ++m_i;
                reaches = isLayout(c);
                break;
            }
            if (reaches)
                return true;
        }
        return false;
    }

private:
    char16_t peek(qsizetype k = 0) const { return m_i + k < m_p.size() ? m_p.at(m_i + k).unicode() : 0; }
    bool atEnd(qsizetype k = 0) const { return m_i + k >= m_p.size(); }

    // PCRE2's answer for one atom (an escape or a class) on its own: does it match a layout byte?
    bool atomMatchesLayout(qsizetype start, qsizetype end) const
    {
        const QRegularExpression atom(QStringLiteral("(?:") + m_p.mid(start, end - start) + u')', m_options);
        if (!atom.isValid())
            return true; // an atom that means something only in its pattern: not known
        return atom.match(layoutBytes()).hasMatch();
    }

    qsizetype skipWhile(qsizetype at, bool (*accept)(char16_t)) const
    {
        while (at < m_p.size() && accept(m_p.at(at).unicode()))
            ++at;
        return at;
    }

    // The end of a braced part that starts at `at` ('{'), past its '}', or -1.
    qsizetype afterBraces(qsizetype at) const
    {
        if (at >= m_p.size() || m_p.at(at) != u'{')
            return -1;
        const qsizetype close = m_p.indexOf(u'}', at);
        return close < 0 ? -1 : close + 1;
    }

    // An escape outside a class.
    bool escape()
    {
        if (atEnd(1))
            return true;
        const char16_t e = peek(1);
        const qsizetype start = m_i;
        switch (e) {
        case u'd': case u'w':            // digits and word characters (Unicode): never layout
        case u'b': case u'B':            // word boundaries: the same at a run's edge as at a segment's
        case u'A': case u'z': case u'Z': // the subject's ends
        case u'K': case u'E':            // a reported start, a stray end of quoting: zero width
            m_i += 2;
            return false;
        case u'Q': {
            // Quoted text, up to \E or the end: each character as itself.
            const qsizetype from = m_i + 2;
            qsizetype end = m_p.indexOf(QLatin1String("\\E"), from);
            if (end < 0)
                end = m_p.size();
            for (qsizetype k = from; k < end; ++k) {
                if (isLayout(m_p.at(k).unicode()))
                    return true;
            }
            m_i = end < m_p.size() ? end + 2 : end;
            return false;
        }
        case u'G': case u'g': case u'k':
            return true; // the previous match's end, backreferences and subroutine calls
        default:
            break;
        }
        if (e >= u'1' && e <= u'9')
            return true; // a backreference (or an octal escape): not read here
        qsizetype end = m_i + 2;
        if (e == u'x' || e == u'o' || e == u'p' || e == u'P' || e == u'N') {
            const qsizetype braced = afterBraces(end);
            if (braced > 0)
                end = braced;
            else if (e == u'x')
                end = std::min(skipWhile(end, isHexDigit), end + 2);
            else if (e == u'p' || e == u'P')
                end = std::min(end + 1, m_p.size());
        } else if (e == u'c') {
            end = std::min(end + 1, m_p.size());
        } else if (e == u'0') {
            end = std::min(skipWhile(end, isOctalDigit), end + 2);
        } else if (QChar::isHighSurrogate(e)) {
            end = std::min(end + 1, m_p.size());
        }
        m_i = end;
        return atomMatchesLayout(start, end);
    }

    // [...], negated or not: handed to PCRE2 whole.
    bool characterClass()
    {
        const qsizetype start = m_i;
        qsizetype k = m_i + 1;
        if (k < m_p.size() && m_p.at(k) == u'^')
            ++k;
        if (k < m_p.size() && m_p.at(k) == u']')
            ++k; // a ']' first is one of the class's characters
        while (k < m_p.size()) {
            const char16_t c = m_p.at(k).unicode();
            if (c == u'\\') {
                if (k + 1 < m_p.size() && m_p.at(k + 1) == u'Q') {
                    const qsizetype end = m_p.indexOf(QLatin1String("\\E"), k + 2);
                    if (end < 0)
                        return true;
                    k = end + 2;
                } else {
                    k += 2;
                }
                continue;
            }
            if (c == u'[' && k + 1 < m_p.size()
                && (m_p.at(k + 1) == u':' || m_p.at(k + 1) == u'.' || m_p.at(k + 1) == u'=')) {
                // A POSIX class such as [:alpha:], up to its ":]" (or a '[' of the class).
                const QString close = QString(m_p.at(k + 1)) + u']';
                const qsizetype end = m_p.indexOf(close, k + 2);
                const qsizetype nextClose = m_p.indexOf(u']', k + 2);
                k = end >= 0 && end + 1 == nextClose ? end + 2 : k + 1;
                continue;
            }
            if (c == u']') {
                m_i = k + 1;
                return atomMatchesLayout(start, m_i);
            }
            ++k;
        }
        return true; // no end: not known
    }

    // An opening parenthesis: a group whose atoms are read on (lookarounds too), options, or
    // what is not known.
    bool groupOpening()
    {
        if (peek(1) == u'*')
            return true; // (*VERB), (*pla:...)
        if (peek(1) != u'?') {
            ++m_i; // a capturing group
            return false;
        }
        const char16_t kind = peek(2);
        switch (kind) {
        case u':': case u'>': case u'|': case u'=': case u'!':
            m_i += 3;
            return false;
        case u'<':
            if (peek(3) == u'=' || peek(3) == u'!') {
                m_i += 4; // lookbehind
                return false;
            }
            return skipName(3, u'>');
        case u'P':
            return peek(3) == u'<' ? skipName(4, u'>') : true; // (?P=name), (?P>name): not known
        case u'\'':
            return skipName(3, u'\'');
        case u'#': {
            const qsizetype close = m_p.indexOf(u')', m_i);
            if (close < 0)
                return true;
            m_i = close + 1;
            return false;
        }
        default:
            break;
        }
        // Inline options: (?i), (?-i), (?i:...); extended mode changes what every byte means.
        qsizetype k = m_i + 2;
        bool negated = false;
        while (k < m_p.size() && isOptionLetter(m_p.at(k).unicode())) {
            const char16_t o = m_p.at(k).unicode();
            if (o == u'-')
                negated = true;
            if (o == u'x')
                return true;
            if (o == u'm' && !negated)
                m_multiline = true;
            ++k;
        }
        if (k >= m_p.size() || (m_p.at(k) != u')' && m_p.at(k) != u':'))
            return true; // recursion, conditionals, callouts...: not known
        m_i = k + 1;
        return false;
    }

    // A named group's opening, its name ending at `close`.
    bool skipName(qsizetype from, char16_t close)
    {
        const qsizetype end = m_p.indexOf(QChar(close), m_i + from);
        if (end < 0)
            return true;
        m_i = end + 1;
        return false;
    }

    // At '{': a quantifier {n}, {n,} or {n,m} is stepped over (true); anything else is a '{'
    // matched as itself (false).
    bool quantifierBraces()
    {
        qsizetype k = m_i + 1;
        const qsizetype digitsEnd = skipWhile(k, isDecimalDigit);
        if (digitsEnd == k)
            return false;
        k = digitsEnd;
        if (k < m_p.size() && m_p.at(k) == u',')
            k = skipWhile(k + 1, isDecimalDigit);
        if (k >= m_p.size() || m_p.at(k) != u'}')
            return false;
        m_i = k + 1;
        return true;
    }

    const QString &m_p;
    const QRegularExpression::PatternOptions m_options;
    qsizetype m_i = 0;
    bool m_multiline = false;
};

} // namespace

bool mayReachLayout(const QString &pattern, QRegularExpression::PatternOptions options)
{
    if (options & (QRegularExpression::ExtendedPatternSyntaxOption | QRegularExpression::MultilineOption
                   | QRegularExpression::DotMatchesEverythingOption))
        return true;
    return Reader(pattern, options).mayReach();
}

} // namespace LayoutReach
