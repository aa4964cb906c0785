// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

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

    static SearchSnippet of(const SearchText &text, const SearchEngine &engine);
    // For a query without text to show (only keys: `type:error`, `tool:bash`, `is:marked`), the
    // entry's own line as the table shows it (PageParser::summaryOf), cut like a match's line;
    // the first value of its text would often be a key name or an id.
    static SearchSnippet ofSummary(const QString &summary);
};
