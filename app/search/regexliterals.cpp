// SPDX-License-Identifier: MIT
#include "search/regexliterals.h"

#include "search/casefoldingversions.h"

#include <QHash>

#include <algorithm>

namespace {

using RegexLiterals::Requirement;
using Requirements = QList<Requirement>;

// How many times an atom must occur: none (optional), exactly once, or once at least.
enum class Times { Optional, Once, AtLeastOnce };

// The shortest of a requirement's strings: how selective it is, roughly.
qsizetype strength(const Requirement &requirement)
{
    qsizetype shortest = -1;
    for (const QByteArray &piece : requirement)
        shortest = shortest < 0 ? piece.size() : std::min(shortest, piece.size());
    return std::max<qsizetype>(shortest, 0);
}

Requirement strongest(const Requirements &all)
{
    Requirement best;
    for (const Requirement &r : all) {
        if (strength(r) > strength(best))
            best = r;
    }
    return best;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// A piece with more spellings than this (each searched for) is cut at the character instead.
constexpr qsizetype kMaxSpellings = 8;

// Characters read with their case variants: Latin, IPA, Greek and Cyrillic. Unicode versions
// still add capitals there (U+A7DC for ƛ in 16.0), so the variants are read only when Qt's tables
// and PCRE2's follow the same version (CaseFoldingVersions).
constexpr char16_t kLastCaseVariantCharacter = 0x052F;

// The characters a case-insensitive match of `u` (U+0080 to kLastCaseVariantCharacter) may be:
// those of the BMP with the same simple case folding (PCRE2's caseless sets are made from the
// same CaseFolding entries), `u` first. Empty when one of them is ASCII (K and ſ, which the
// prefilter treats apart) or `u` is out of that range.
QList<char16_t> caselessSetOf(char16_t u)
{
    if (u < 0x80 || u > kLastCaseVariantCharacter)
        return {};
    // Each character whose folding is not itself, under that folding: built once.
    static const QHash<char16_t, QList<char16_t>> foldedFrom = [] {
        QHash<char16_t, QList<char16_t>> map;
        for (char32_t c = 0; c <= 0xFFFF; ++c) {
            if (QChar::isSurrogate(c))
                continue;
            const char32_t folded = QChar::toCaseFolded(c);
            if (folded != c && folded <= 0xFFFF)
                map[char16_t(folded)].append(char16_t(c));
        }
        return map;
    }();
    const char32_t folded = QChar::toCaseFolded(char32_t(u));
    if (folded > 0xFFFF)
        return {};
    QList<char16_t> set{u};
    const auto add = [&set](char16_t c) {
        if (!set.contains(c))
            set.append(c);
    };
    add(char16_t(folded));
    for (const char16_t c : foldedFrom.value(char16_t(folded)))
        add(c);
    for (const char16_t c : std::as_const(set)) {
        if (c < 0x80)
            return {};
    }
    return set;
}

// A recursive-descent reader of the pattern; stops (failed) at anything it does not know.
class Reader
{
public:
    Reader(const QString &pattern, bool caseSensitive, RegexLiterals::NonAscii nonAscii = RegexLiterals::NonAscii::Split)
        : m_p(pattern), m_caseSensitive(caseSensitive), m_nonAscii(nonAscii)
    {
    }

    Requirements read()
    {
        Requirements all = alternation();
        if (m_failed || m_i != m_p.size()) {
            m_separatorSafe = false;
            return {};
        }
        return all;
    }

    // After read(): nothing in the pattern matches a NUL or tells it from the text's edge.
    bool separatorSafe() const { return m_separatorSafe; }

private:
    bool at(qsizetype i, char16_t c) const { return i < m_p.size() && m_p.at(i) == QChar(c); }
    bool atText(qsizetype i, const char16_t *text) const
    {
        for (qsizetype k = 0; text[k]; ++k) {
            if (!at(i + k, text[k]))
                return false;
        }
        return true;
    }

    // Branches up to a ')' (not read) or the end. One branch: all its requirements. Several: a
    // match is one branch's, so one of the branches' strongest strings occurs.
    Requirements alternation()
    {
        QList<Requirements> branches{sequence()};
        while (!m_failed && at(m_i, u'|')) {
            ++m_i;
            branches.append(sequence());
        }
        if (branches.size() == 1)
            return branches.first();
        Requirement anyOf;
        for (const Requirements &branch : std::as_const(branches)) {
            const Requirement best = strongest(branch);
            if (strength(best) == 0)
                return {}; // a branch without a required string: anything may match
            for (const QByteArray &piece : best) {
                if (!anyOf.contains(piece))
                    anyOf.append(piece);
            }
        }
        return {anyOf};
    }

    Requirements sequence()
    {
        Requirements all;
        QString run; // literal characters read one after the other
        while (!m_failed && m_i < m_p.size()) {
            const QChar c = m_p.at(m_i);
            if (m_quoting) {
                if (atText(m_i, u"\\E")) {
                    m_quoting = false;
                    m_i += 2;
                    continue;
                }
                const QString atom = readCodePoint();
                literal(run, all, atom, quotedTimes());
                continue;
            }
            if (c == u'|' || c == u')')
                break;
            if (c == u'(') {
                group(run, all);
            } else if (c == u'[') {
                skipClass();
                breakRun(run, all);
            } else if (c == u'.' || c == u'^' || c == u'$') {
                // '.' matches a NUL; the anchors tell the text's edges from a separator.
                m_separatorSafe = false;
                ++m_i;
                times();
                breakRun(run, all);
            } else if (c == u'\\') {
                escape(run, all);
            } else if (c == u'*' || c == u'+' || c == u'?') {
                m_failed = true; // a quantifier where no atom is (the pattern compiles: not expected)
            } else {
                const QString atom = readCodePoint();
                literal(run, all, atom, times());
            }
        }
        flush(run, all);
        return all;
    }

    QString readCodePoint()
    {
        const qsizetype start = m_i++;
        if (m_p.at(start).isHighSurrogate() && m_i < m_p.size() && m_p.at(m_i).isLowSurrogate())
            ++m_i;
        return m_p.mid(start, m_i - start);
    }

    // Inside \Q...\E a character is once, unless \E and a quantifier follow it.
    Times quotedTimes()
    {
        if (!atText(m_i, u"\\E"))
            return Times::Once;
        m_quoting = false;
        m_i += 2;
        return times();
    }

    void literal(QString &run, Requirements &all, const QString &atom, Times t)
    {
        if (atom.at(0).unicode() < 0x20)
            m_separatorSafe = false;
        switch (t) {
        case Times::Optional:
            breakRun(run, all);
            break;
        case Times::Once:
            run += atom;
            break;
        case Times::AtLeastOnce:
            // "ab+c" holds "ab" and "bc": the run ends after the first copy and starts again
            // with the last.
            run += atom;
            flush(run, all);
            run = atom;
            break;
        }
    }

    // The quantifier after an atom, if any (read), with its lazy or possessive mark.
    Times times()
    {
        Times t = Times::Once;
        if (at(m_i, u'*') || at(m_i, u'?')) {
            t = Times::Optional;
            ++m_i;
        } else if (at(m_i, u'+')) {
            t = Times::AtLeastOnce;
            ++m_i;
        } else if (at(m_i, u'{')) {
            // {n}, {n,} or {n,m}; anything else is a literal '{' (PCRE2 10.42).
            qsizetype i = m_i + 1;
            const qsizetype minStart = i;
            while (i < m_p.size() && isDigit(m_p.at(i)))
                ++i;
            if (i == minStart)
                return t;
            const int min = m_p.mid(minStart, i - minStart).toInt();
            bool exact = true;
            if (at(i, u',')) {
                ++i;
                const qsizetype maxStart = i;
                while (i < m_p.size() && isDigit(m_p.at(i)))
                    ++i;
                exact = i > maxStart && m_p.mid(maxStart, i - maxStart).toInt() == min;
            }
            if (!at(i, u'}'))
                return t;
            m_i = i + 1;
            t = min == 0 ? Times::Optional : (min == 1 && exact ? Times::Once : Times::AtLeastOnce);
        } else {
            return t;
        }
        if (at(m_i, u'?') || at(m_i, u'+'))
            ++m_i;
        return t;
    }

    void group(QString &run, Requirements &all)
    {
        breakRun(run, all);
        ++m_i; // '('
        bool lookaround = false;
        if (at(m_i, u'*')) {
            m_failed = true; // a verb, (*UTF), (*pla:...): not read
            return;
        }
        if (at(m_i, u'?')) {
            if (atText(m_i, u"?:") || atText(m_i, u"?>") || atText(m_i, u"?|") || atText(m_i, u"?=")
                || atText(m_i, u"?!")) {
                lookaround = at(m_i + 1, u'=') || at(m_i + 1, u'!');
                m_i += 2;
            } else if (atText(m_i, u"?<=") || atText(m_i, u"?<!")) {
                lookaround = true;
                m_i += 3;
            } else if (atText(m_i, u"?<") || atText(m_i, u"?P<") || atText(m_i, u"?'")) {
                // A named group: its name, then the group.
                const char16_t close = at(m_i + 1, u'\'') ? u'\'' : u'>';
                const qsizetype end = m_p.indexOf(QChar(close), m_i + 2);
                if (end < 0) {
                    m_failed = true;
                    return;
                }
                m_i = end + 1;
            } else {
                m_failed = true; // options, comments, recursion, conditionals, callouts
                return;
            }
        }
        const Requirements inner = alternation();
        if (m_failed || !at(m_i, u')')) {
            m_failed = true;
            return;
        }
        ++m_i;
        const Times t = times();
        // A lookaround's text is matched but need not be inside the match: left out.
        if (!lookaround && t != Times::Optional)
            all += inner;
    }

    void skipClass()
    {
        ++m_i; // '['
        if (at(m_i, u'^')) {
            m_separatorSafe = false; // a negated class matches a NUL
            ++m_i;
        }
        if (at(m_i, u']'))
            ++m_i; // a ']' first is a literal
        while (!m_failed && m_i < m_p.size()) {
            const QChar c = m_p.at(m_i);
            if (c == u']') {
                ++m_i;
                times();
                return;
            }
            if (c == u'\\') {
                if (at(m_i + 1, u'Q') || at(m_i + 1, u'E')) {
                    m_failed = true;
                    return;
                }
                // In a class: \d \w \s \h \v and escaped punctuation match no NUL; the rest
                // (\D, \W, \x00, \p{Cc}...) may.
                const QChar e = m_i + 1 < m_p.size() ? m_p.at(m_i + 1) : QChar();
                static const QString kNoNul = QStringLiteral("dwshv");
                if (e.isNull() || (e.unicode() < 0x80 && e.isLetterOrNumber() && !kNoNul.contains(e)))
                    m_separatorSafe = false;
                m_i += 2;
            } else if (atText(m_i, u"[:") || atText(m_i, u"[.") || atText(m_i, u"[=")) {
                m_separatorSafe = false; // [:cntrl:] and the like
                const char16_t closing[] = {m_p.at(m_i + 1).unicode(), u']', 0};
                const qsizetype end = m_p.indexOf(QStringView(closing, 2), m_i + 2);
                if (end < 0) {
                    m_failed = true;
                    return;
                }
                m_i = end + 2;
            } else {
                if (c.unicode() < 0x20)
                    m_separatorSafe = false;
                ++m_i;
            }
        }
        m_failed = true; // no closing ']'
    }

    void escape(QString &run, Requirements &all)
    {
        if (m_i + 1 >= m_p.size()) {
            m_failed = true;
            return;
        }
        const QChar e = m_p.at(m_i + 1);
        const char16_t u = e.unicode();
        if (u == u'Q') {
            m_quoting = true;
            m_i += 2;
            return;
        }
        if (u == u'E') {
            m_i += 2; // an \E without \Q is nothing
            return;
        }
        // Character types, anchors, \K and control characters (never in a required piece):
        // they end the run and need nothing.
        static const char16_t kTypes[] = u"dDwWsShHvVRXCbBAzZGKntrfea";
        if (std::find(std::begin(kTypes), std::end(kTypes) - 1, u) != std::end(kTypes) - 1) {
            // \D \W \S \H \V \R \X \C match a NUL or more; \A \z \Z \G tell the edges.
            static const QString kSafe = QStringLiteral("dwshvbBKntrfea");
            if (!kSafe.contains(e))
                m_separatorSafe = false;
            m_i += 2;
            times();
            breakRun(run, all);
            return;
        }
        if (u == u'N') {
            m_separatorSafe = false; // any character but a newline
            if (at(m_i + 2, u'{')) {
                m_failed = true; // \N{U+...}
                return;
            }
            m_i += 2;
            times();
            breakRun(run, all);
            return;
        }
        if (u == u'p' || u == u'P') {
            m_separatorSafe = false; // \p{Cc}, \PL... may match a NUL
            m_i += 2;
            if (at(m_i, u'{')) {
                const qsizetype end = m_p.indexOf(QChar(u'}'), m_i);
                if (end < 0) {
                    m_failed = true;
                    return;
                }
                m_i = end + 1;
            } else {
                ++m_i;
            }
            times();
            breakRun(run, all);
            return;
        }
        if (e.isLetterOrNumber() && u < 0x80) {
            m_failed = true; // \x, \o, \c, \g, \k, backreferences, octal: not read
            return;
        }
        // An escaped punctuation or non-ASCII character: itself.
        ++m_i;
        const QString atom = readCodePoint();
        literal(run, all, atom, times());
    }

    void breakRun(QString &run, Requirements &all)
    {
        flush(run, all);
        run.clear();
    }

    // The run's pieces that a JSON string holds as written, each a requirement of its own.
    // Case-insensitively a piece is ASCII (lower-cased), or with NonAscii::CaseVariants also holds
    // non-ASCII characters: then the requirement is every spelling of it (each such character as
    // each member of its caseless set), so that one of them is in every match as written.
    void flush(const QString &run, Requirements &all) const
    {
        Requirement spellings; // the piece read so far, in each of its spellings; empty: none
        const auto endPiece = [&] {
            if (!spellings.isEmpty())
                all.append(spellings);
            spellings.clear();
        };
        const auto appendToEach = [&](const QByteArray &bytes) {
            if (spellings.isEmpty())
                spellings.append(QByteArray());
            for (QByteArray &spelling : spellings)
                spelling.append(bytes);
        };
        for (const QChar c : run) {
            const char16_t u = c.unicode();
            const bool allowed = u >= 0x20 && u != u'"' && u != u'\\' && !c.isSurrogate() && u != 0xFFFD;
            if (!allowed) {
                endPiece();
            } else if (m_caseSensitive) {
                appendToEach(QString(c).toUtf8());
            } else if (u < 0x7F) {
                appendToEach(QByteArray(1, char(c.toLower().unicode())));
            } else {
                const QList<char16_t> set
                    = m_nonAscii == RegexLiterals::NonAscii::CaseVariants && CaseFoldingVersions::qtFoldsAsTheMatcher()
                    ? caselessSetOf(u) : QList<char16_t>();
                if (set.isEmpty() || std::max<qsizetype>(spellings.size(), 1) * set.size() > kMaxSpellings) {
                    endPiece();
                    continue;
                }
                if (spellings.isEmpty())
                    spellings.append(QByteArray());
                Requirement longer;
                for (const QByteArray &spelling : std::as_const(spellings)) {
                    for (const char16_t member : set)
                        longer.append(spelling + QString(QChar(member)).toUtf8());
                }
                spellings = longer;
            }
        }
        endPiece();
    }

    const QString &m_p;
    const bool m_caseSensitive;
    const RegexLiterals::NonAscii m_nonAscii;
    qsizetype m_i = 0;
    bool m_quoting = false;
    bool m_failed = false;
    bool m_separatorSafe = true;
};

} // namespace

bool RegexLiterals::neverSpansSeparator(const QString &pattern)
{
    Reader reader(pattern, true);
    reader.read();
    return reader.separatorSafe();
}

QList<RegexLiterals::Requirement> RegexLiterals::required(const QString &pattern, bool caseSensitive, NonAscii nonAscii)
{
    Requirements all = Reader(pattern, caseSensitive, nonAscii).read();
    // The most selective first: the prefilter tries them in this order.
    std::stable_sort(all.begin(), all.end(),
                     [](const Requirement &a, const Requirement &b) { return strength(a) > strength(b); });
    return all;
}
