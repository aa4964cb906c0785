// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QString>

// What the user asked to find: the text of the search bar and its three toggles. A plain value,
// cheap to copy into a worker. Plain text is the default; `regex` makes the pattern a
// QRegularExpression (PCRE2 syntax, Unicode-aware \w and \b).
//
// Case-insensitive matching is Qt's (simple Unicode case folding, as QString::compare with
// Qt::CaseInsensitive does): "é" finds "É", but "ß" does not find "SS". Whole word means the
// match is not part of a longer word: a side of the match whose character is a word character
// (letter, digit or underscore) must not touch another word character; a pattern that starts
// or ends with punctuation therefore still matches inside "f(x)".
struct SearchQuery
{
    QString pattern;
    bool caseSensitive = false;
    bool wholeWord = false;
    bool regex = false;

    // An empty pattern matches nothing (the search bar is closed or cleared).
    bool isEmpty() const { return pattern.isEmpty(); }
    // False only for a regular expression that does not compile.
    bool isValid() const;
    // Why the pattern is invalid, in words, with the position (1-based character) of the error,
    // e.g. "missing closing parenthesis at character 4"; empty when valid.
    QString errorText() const;
    // 0-based offset into `pattern` of the error, or -1 when valid.
    qsizetype errorOffset() const;

    // The expression used for `regex` queries, whole word and case folded in; also usable by
    // a caller that wants to match the same way (e.g. a syntax highlighter).
    QRegularExpression regularExpression() const;

    friend bool operator==(const SearchQuery &a, const SearchQuery &b)
    {
        return a.pattern == b.pattern && a.caseSensitive == b.caseSensitive && a.wholeWord == b.wholeWord
            && a.regex == b.regex;
    }
    friend bool operator!=(const SearchQuery &a, const SearchQuery &b) { return !(a == b); }
};
