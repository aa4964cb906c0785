// SPDX-License-Identifier: MIT
#pragma once

#include "search/bytefinder.h"
#include "search/searchengine.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

struct SearchText;

// Whether an entry's values hold every one of several words or phrases of ASCII text (the terms
// of a query that must all match), and where the first match of any of them is (a hit's snippet:
// what the query's highlight expression, the words as alternatives in their order, finds
// first), in one walk over the values that hold an occurrence of one of them in the JSON as
// written: first those starting before the end of the last word's first occurrence, then, where
// that did not find every word, all of them. Search All Runs' two common words walked each hit's entry three times (a count of each
// word, then the snippet's regular expression): 55 % of its instructions (bench_library,
// callgrind).
//
// Only for a raw row (SearchText::fromRawEntryJson) whose values' text holds each word exactly
// where its JSON does: no escape that makes another character (NeedsDecoding), and, ignoring
// case, no K or ſ; else, or when a word has more occurrences than are looked at (1,024), the
// answer is Unknown and the caller asks the query's evaluator.
class AllWordsFinder
{
public:
    // Whether `word` can be one of the words: not empty, ASCII, without '"', '\\' or a control
    // character (what an escape makes: its occurrences in a value's text are then occurrences in
    // the JSON).
    static bool accepts(const QString &word);

    // `words` each accepted, in the query's order (the first written wins a tie in the snippet).
    AllWordsFinder(const QStringList &words, bool caseSensitive);
    AllWordsFinder(const AllWordsFinder &other);
    AllWordsFinder &operator=(const AllWordsFinder &) = delete;

    enum class Answer { Unknown, NotAll, All };
    struct Result
    {
        Answer answer = Answer::Unknown;
        // All: the value with the first match, and the match in it (UTF-16 units).
        QString value;
        TextRange firstMatch;
    };
    Result find(const SearchText &row) const;

    qsizetype wordCount() const { return m_needles.size(); }

private:
    void makeFinders();
    // find() over the occurrences that start before `startsBefore` (each word's first at
    // firsts[i]): All, or NotAll where no value they are in holds every word.
    Result findAmong(const SearchText &row, const qsizetype *firsts, qsizetype startsBefore) const;

    QList<QByteArray> m_needles; // lower case when not caseSensitive
    bool m_caseSensitive;
    std::vector<ByteFinder> m_finders; // point into m_needles
};
