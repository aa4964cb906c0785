// SPDX-License-Identifier: MIT
#pragma once

#include "search/codepointanswers.h"

#include <QByteArrayView>
#include <QRegularExpression>

#include <atomic>
#include <memory>

// Where a regular expression compiled with Unicode properties (the search's: \d any decimal
// digit, \w any letter or number, PCRE2's UCP) matches a text exactly as the same pattern
// compiled without them, so that the text can be matched by the faster of the two. With them,
// PCRE2 finds no first characters to skip to in a pattern such as \d{5}[g-k]{4} and tries a
// match at every character (bench_search: 3 to 4 times slower over the same text).
//
// Unicode properties change only which characters past ASCII \d, \s and \w hold (and so \D, \S,
// \W, \b, \B), and what the POSIX classes hold; their other effect, Unicode case folding past
// ASCII, comes with UTF mode anyway (pcre2api, PCRE2_UCP). A pattern that may name a POSIX class
// ("[:") is left alone: [:lower:] and [:upper:] become \p{Ll} and \p{Lu}, which keep to one case
// even where the pattern ignores case. For the others, a text matches alike when none of its
// characters past ASCII is in one of the classes the pattern names (as PCRE2 with properties
// says, asked once per character): the two forms then agree on every character of the text, so
// every match attempt goes the same way. ASCII text always matches alike; a pattern that names
// none of the classes matches every text alike.
//
// Const and thread-safe once built (the answers per character are kept in atomics).
class PropertyFreeMatching
{
public:
    // Null when the expression does not use Unicode properties, may name a POSIX class, or
    // without libpcre2-8 at build time.
    static std::unique_ptr<PropertyFreeMatching> forExpression(const QRegularExpression &expression);
    ~PropertyFreeMatching();
    PropertyFreeMatching(const PropertyFreeMatching &) = delete;
    PropertyFreeMatching &operator=(const PropertyFreeMatching &) = delete;

    // The expression's pattern and options without Unicode properties.
    const QRegularExpression &withoutProperties() const { return m_withoutProperties; }
    // Whether the expression matches `utf8` as withoutProperties() does, and the bytes are
    // well-formed UTF-8 (Utf8Validity's rules: a match of them needs no check of its own); false
    // for bytes that are not.
    bool matchesAlike(QByteArrayView utf8) const;
    // Whether matchesAlike() is worth asking of text past ASCII: not where the pattern names \w
    // (or \b), which holds the letters of such text (é), so that little of it matches alike and
    // the check only costs (bench_search: `\w+` 10 % slower, \d{5}[g-k]{4} 60 % faster).
    bool worthCheckingPastAscii() const { return !m_namesWord; }

private:
    struct Classes;
    PropertyFreeMatching(QRegularExpression withoutProperties, std::unique_ptr<Classes> classes);
    bool inNamedClass(char32_t codePoint) const;

    QRegularExpression m_withoutProperties;
    std::unique_ptr<Classes> m_classes; // none: the pattern names no class properties change
    bool m_namesWord = false;
    // Whether a character is in a named class (with m_classes only).
    std::unique_ptr<CodePointAnswers> m_inNamedClass;
};
