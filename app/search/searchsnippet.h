// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>

class SearchEngine;
struct SearchText;

// A match shown in its context for a list of results: the line of the entry's text that holds
// the first match, cut around it, line breaks and tabs made spaces, "…" where it was cut.
struct SearchSnippet
{
    static constexpr int kBefore = 40;
    static constexpr int kAfter = 100;

    QString text;
    int matchStart = 0;
    int matchLength = 0;

    bool matched = false; // the text holds the match shown; else it is the first value

    static SearchSnippet of(const SearchText &text, const SearchEngine &engine);
    // The same where the text holds a match; else nothing (matched false, no first value read).
    static SearchSnippet ofFirstMatch(const SearchText &text, const SearchEngine &engine);
    // The line of `value` that holds the match at [start, start + length), cut as a match's line.
    static SearchSnippet ofMatchIn(QStringView value, qsizetype start, qsizetype length);
    // The entry's own line as the table shows it (PageParser::summaryOf), cut like a match's line.
    static SearchSnippet ofSummary(const QString &summary);
    // A hit's snippet: the match in its value, or, for a query of keys alone (`type:error`) or a
    // match only in what the pane shows (a "key: value" line of its Readable view), the entry's
    // line (`summary()`): the first value of its text would often be a key name or an id.
    static SearchSnippet ofHit(const SearchText &text, const SearchEngine &engine, const std::function<QString()> &summary);
};
