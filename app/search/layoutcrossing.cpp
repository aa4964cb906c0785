// SPDX-License-Identifier: MIT
#include "search/layoutcrossing.h"

#include "search/bytefinder.h"
#include "search/shownfragments.h"

namespace LayoutCrossing {

namespace {

// More literal strings than this in one place (a product of groups): not worth reading.
constexpr qsizetype kMaxAlternatives = 64;

enum class Kind {
    Literal, // one ASCII character that is not layout, exactly once
    Set,     // a group of literal strings, exactly once
    Gap,     // matches nothing but ASCII layout bytes and non-ASCII characters
    Solid,   // matches no ASCII layout byte (so never an inserted one)
};

struct Atom
{
    Kind kind = Kind::Solid;
    QList<QByteArray> strings; // Literal: one string of one character; Set: the alternatives
    bool consumes = false;     // Literal, Set, Solid: matches at least one character, always
    bool closedOnly = false;   // Gap: matches nothing but "closed" layout (isClosedLayout)
};

bool isLayout(char16_t c)
{
    return c < 0x80 && ShownFragments::isLayoutByte(uchar(c));
}

// Layout that the Readable pane inserts only between other inserted layout (or the text's ends):
// `-` of an item (after a line break or indentation, before a space), the `|` of ` |` (before a
// line break), `""` (after a space, a line break or the start, before a line break or a key's
// `:`), `{}` and `[]` (after a space, a line break or the start, before a line break). Spaces,
// line breaks, `:` and the backslash of a key's written-out line break sit next to runs.
bool isClosedLayout(char16_t c)
{
    return c == u'-' || c == u'|' || c == u'"' || c == u'{' || c == u'}' || c == u'[' || c == u']';
}

bool isAsciiAlnum(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

char lowered(char16_t c, bool fold)
{
    return char(fold && c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c);
}

class Reader
{
public:
    Reader(const QString &pattern, bool caseSensitive) : m_p(pattern), m_fold(!caseSensitive) {}

    bool read(QList<QList<Atom>> &branches)
    {
        branches = {{}};
        while (m_ok && m_i < m_p.size()) {
            const char16_t c = m_p.at(m_i).unicode();
            if (c == u'|') {
                ++m_i;
                branches.append(QList<Atom>());
                continue;
            }
            QList<Atom> &atoms = branches.last();
            if (c == u'*' || c == u'+' || c == u'?' || c == u'{') {
                quantify(atoms);
                continue;
            }
            atoms.append(atom());
        }
        return m_ok;
    }

    // Whether an atom read may match a character a JSON string escapes (Rule::verbatim).
    bool mayMatchEscaped() const { return m_mayMatchEscaped; }

private:
    char16_t peek(qsizetype k = 0) const { return m_i + k < m_p.size() ? m_p.at(m_i + k).unicode() : 0; }
    bool atEnd(qsizetype k = 0) const { return m_i + k >= m_p.size(); }

    Atom fail()
    {
        m_ok = false;
        return {};
    }

    Atom character(char16_t c)
    {
        if (c >= 0x80)
            return fail();
        m_mayMatchEscaped = m_mayMatchEscaped || isEscapedInJson(c);
        if (isLayout(c))
            return {Kind::Gap, {}, false, isClosedLayout(c)};
        return {Kind::Literal, {QByteArray(1, lowered(c, m_fold))}, true};
    }

    Atom atom()
    {
        const char16_t c = peek();
        if (c == u'(')
            return group();
        if (c == u'[')
            return characterClass();
        if (c == u'\\')
            return escape();
        if (c == u'.' || c == u'^' || c == u'$' || c == u')')
            return fail();
        ++m_i;
        return character(c);
    }

    // An escape outside a class.
    Atom escape()
    {
        if (atEnd(1))
            return fail();
        const char16_t e = peek(1);
        m_i += 2;
        switch (e) {
        case u's': case u'h': case u'v': // white space: ASCII layout, or non-ASCII
        case u't': case u'n': case u'r': case u'f':
            m_mayMatchEscaped = true; // tabs and line breaks at least
            return {Kind::Gap, {}};
        case u'd': case u'w': // never an ASCII layout byte
            return {Kind::Solid, {}, true};
        default:
            break;
        }
        if (e >= 0x80 || isAsciiAlnum(e))
            return fail(); // \b, \A, \x, \p, \Q, backreferences...: not known here
        return character(e);
    }

    // [..] without negation: a gap when it holds only layout (and \s), solid when none.
    Atom characterClass()
    {
        ++m_i;
        if (peek() == u'^' || peek() == u']')
            return fail();
        bool layout = false;
        bool other = false;
        bool openLayout = false; // layout that is not closed (isClosedLayout), \s among it
        const auto add = [&](char16_t from, char16_t to) {
            for (char16_t c = from; c <= to; ++c) {
                m_mayMatchEscaped = m_mayMatchEscaped || isEscapedInJson(c);
                (isLayout(c) ? layout : other) = true;
                openLayout = openLayout || (isLayout(c) && !isClosedLayout(c));
            }
        };
        while (m_ok && !atEnd() && peek() != u']') {
            char16_t lo = 0;
            if (!classMember(lo, layout, other)) {
                openLayout = openLayout || layout; // a class escape (\s, \d, \w) or a failure
                continue;
            }
            if (peek() == u'-' && !atEnd(1) && peek(1) != u']') {
                ++m_i;
                char16_t hi = 0;
                if (!classMember(hi, layout, other) || hi < lo) {
                    fail();
                    break;
                }
                add(lo, hi);
            } else {
                add(lo, lo);
            }
        }
        if (!m_ok || atEnd())
            return fail();
        ++m_i; // ']'
        if (!other)
            return {Kind::Gap, {}, false, !openLayout};
        if (!layout)
            return {Kind::Solid, {}, true};
        return fail();
    }

    // One character of a class into `c` (true; \t, \n, \r and \f are characters too), or a class
    // escape noted in layout/other (false).
    bool classMember(char16_t &c, bool &layout, bool &other)
    {
        c = peek();
        if (c >= 0x80 || c == u'[') {
            fail();
            return false;
        }
        if (c != u'\\') {
            ++m_i;
            return true;
        }
        if (atEnd(1)) {
            fail();
            return false;
        }
        const char16_t e = peek(1);
        m_i += 2;
        switch (e) {
        // One character each, as PCRE2 reads them: a range may start there (`[\t-,]` holds '!').
        case u't': c = u'\t'; return true;
        case u'n': c = u'\n'; return true;
        case u'r': c = u'\r'; return true;
        case u'f': c = u'\f'; return true;
        case u's': case u'h': case u'v':
            layout = true;
            m_mayMatchEscaped = true;
            return false;
        case u'd': case u'w':
            other = true;
            return false;
        default:
            break;
        }
        if (e >= 0x80 || isAsciiAlnum(e)) {
            fail();
            return false;
        }
        c = e;
        return true;
    }

    // (a|b|c) or (?:a|b|c) of literal strings without layout; nothing else.
    Atom group()
    {
        ++m_i;
        if (peek() == u'?') {
            if (peek(1) != u':')
                return fail();
            m_i += 2;
        }
        QList<QByteArray> strings{QByteArray()};
        while (!atEnd() && peek() != u')') {
            char16_t c = peek();
            if (c == u'|') {
                if (strings.last().isEmpty())
                    return fail();
                strings.append(QByteArray());
                ++m_i;
                continue;
            }
            if (c == u'\\') {
                if (atEnd(1))
                    return fail();
                c = peek(1);
                if (isAsciiAlnum(c))
                    return fail();
                ++m_i;
            } else if (c == u'(' || c == u'[' || c == u'.' || c == u'^' || c == u'$' || c == u'*' || c == u'+'
                       || c == u'?' || c == u'{') {
                return fail();
            }
            if (c >= 0x80 || isLayout(c))
                return fail();
            strings.last().append(lowered(c, m_fold));
            ++m_i;
        }
        if (atEnd() || strings.last().isEmpty())
            return fail();
        ++m_i; // ')'
        return {Kind::Set, strings, true};
    }

    // A quantifier makes the atom before it match a varying text: a literal one is no longer a
    // literal, only text that holds no layout (solid).
    void quantify(QList<Atom> &atoms)
    {
        bool mayRepeatZeroTimes = peek() == u'*' || peek() == u'?';
        if (peek() == u'{') {
            qsizetype k = 1;
            const auto digits = [&] {
                const qsizetype from = k;
                while (!atEnd(k) && peek(k) >= u'0' && peek(k) <= u'9')
                    ++k;
                return k > from;
            };
            if (!digits()) {
                fail();
                return;
            }
            mayRepeatZeroTimes = m_p.mid(m_i + 1, k - 1).toInt() == 0;
            if (peek(k) == u',') {
                ++k;
                digits();
            }
            if (peek(k) != u'}') {
                fail();
                return;
            }
            m_i += k + 1;
        } else {
            ++m_i;
        }
        if (peek() == u'?' || peek() == u'+')
            ++m_i;
        if (atoms.isEmpty()) {
            fail();
            return;
        }
        Atom &last = atoms.last();
        if (last.kind == Kind::Literal || last.kind == Kind::Set)
            last = {Kind::Solid, {}, true};
        if (mayRepeatZeroTimes)
            last.consumes = false;
    }

    static bool isEscapedInJson(char16_t c) { return c < 0x20 || c == u'"' || c == u'\\'; }

    const QString &m_p;
    const bool m_fold;
    qsizetype m_i = 0;
    bool m_ok = true;
    bool m_mayMatchEscaped = false;
};

// The gaps of one branch, with the literal strings right around each.
bool gapsOf(const QList<Atom> &atoms, QList<Gap> &gaps)
{
    enum class Item { Literal, Gap, Solid };
    QList<Item> items;
    QList<QList<QByteArray>> literals; // per item, the strings of a literal item
    for (const Atom &atom : atoms) {
        if (atom.kind == Kind::Literal || atom.kind == Kind::Set) {
            if (items.isEmpty() || items.last() != Item::Literal) {
                items.append(Item::Literal);
                literals.append({QByteArray()});
            }
            QList<QByteArray> product;
            for (const QByteArray &head : std::as_const(literals.last())) {
                for (const QByteArray &tail : atom.strings)
                    product.append(head + tail);
            }
            if (product.size() > kMaxAlternatives)
                return false;
            literals.last() = product;
        } else {
            const Item item = atom.kind == Kind::Gap ? Item::Gap : Item::Solid;
            if (item == Item::Gap && !items.isEmpty() && items.last() == Item::Gap)
                continue;
            items.append(item);
            literals.append(QList<QByteArray>());
        }
    }
    for (qsizetype k = 0; k < items.size(); ++k) {
        if (items.at(k) != Item::Gap)
            continue;
        Gap gap;
        if (k > 0 && items.at(k - 1) == Item::Literal)
            gap.before = literals.at(k - 1);
        if (k + 1 < items.size() && items.at(k + 1) == Item::Literal)
            gap.after = literals.at(k + 1);
        gaps.append(gap);
    }
    return true;
}

bool isRunBreak(uchar c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

// Bytes that a run inside a string may go on with between a literal and an inserted byte: what
// a gap matches, as written in the JSON.
bool mayContinueRunInGap(uchar c)
{
    return c >= 0x80 || ShownFragments::isLayoutByte(c);
}

// A literal that a number, true, false or null may hold: outside a string, its run is a token
// that ends at any layout byte.
bool mayBeInToken(const QByteArray &literal)
{
    bool numeric = true;
    for (char c : literal)
        numeric = numeric && ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+');
    if (numeric)
        return true;
    for (const char *word : {"true", "false", "null"}) {
        const QByteArrayView w(word);
        for (qsizetype at = 0; at + literal.size() <= w.size(); ++at) {
            if (w.sliced(at, literal.size()).compare(literal, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool runMayEndAfter(const uchar *p, qsizetype n, qsizetype end, bool token)
{
    if (token && (end == n || ShownFragments::isLayoutByte(p[end])))
        return true;
    for (qsizetype k = end; k < n; ++k) {
        if (isRunBreak(p[k]))
            return true;
        if (!mayContinueRunInGap(p[k]))
            return false;
    }
    return true;
}

bool runMayStartBefore(const uchar *p, qsizetype at, bool token)
{
    if (token && (at == 0 || ShownFragments::isLayoutByte(p[at - 1])))
        return true;
    for (qsizetype k = at - 1; k >= 0; --k) {
        if (isRunBreak(p[k]))
            return true;
        if (!mayContinueRunInGap(p[k]))
            return k >= 1 && p[k - 1] == '\\'; // right after an escape (`\n`, then indentation)
    }
    return true;
}

bool anyAtRunEdge(QByteArrayView json, const QList<QByteArray> &literals, bool fold, bool atEnd)
{
    const auto *p = reinterpret_cast<const uchar *>(json.data());
    const qsizetype n = json.size();
    for (const QByteArray &literal : literals) {
        const ByteFinder finder(literal, fold);
        const bool token = mayBeInToken(literal);
        for (qsizetype from = 0;;) {
            const qsizetype at = finder.find(p, n, from);
            if (at < 0)
                break;
            if (atEnd ? runMayEndAfter(p, n, at + literal.size(), token) : runMayStartBefore(p, at, token))
                return true;
            from = at + 1;
        }
    }
    return false;
}

// A branch whose gaps match closed layout only (`-`, `\|`, `[-|]`; isClosedLayout), and that
// always consumes a character that is not layout (an atom that is not a gap and not optional):
// a match that holds an inserted closed byte cannot reach past the inserted layout around it (a
// space, a line break, a colon or the text's end; no atom of the branch matches those), so it is
// made of closed layout alone, which that atom cannot match. `\d{4}-\d{2}-\d{2}T\d`,
// `foo-bar` and `--force` never cross the pane's layout.
bool crossesOnlyClosedLayout(const QList<Atom> &atoms)
{
    bool consumes = false;
    for (const Atom &atom : atoms) {
        if (atom.kind == Kind::Gap && !atom.closedOnly)
            return false;
        consumes = consumes || (atom.kind != Kind::Gap && atom.consumes);
    }
    return consumes;
}

} // namespace

Rule of(const QString &pattern, bool caseSensitive)
{
    QList<QList<Atom>> branches;
    Reader reader(pattern, caseSensitive);
    if (!reader.read(branches))
        return {};
    Rule rule;
    rule.verbatim = !reader.mayMatchEscaped();
    for (const QList<Atom> &atoms : std::as_const(branches)) {
        QList<Gap> gaps;
        if (!gapsOf(atoms, gaps))
            return {};
        rule.allGaps.append(gaps);
        if (crossesOnlyClosedLayout(atoms))
            gaps.clear();
        rule.branches.append(gaps);
    }
    rule.known = true;
    return rule;
}

bool mayCross(QByteArrayView json, const Rule &rule, bool fold)
{
    if (!rule.known)
        return true;
    for (const QList<Gap> &gaps : rule.branches) {
        for (const Gap &gap : gaps) {
            if ((gap.before.isEmpty() || anyAtRunEdge(json, gap.before, fold, true))
                && (gap.after.isEmpty() || anyAtRunEdge(json, gap.after, fold, false)))
                return true;
        }
    }
    return false;
}

} // namespace LayoutCrossing
