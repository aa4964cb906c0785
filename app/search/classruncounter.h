// SPDX-License-Identifier: MIT
#pragma once

#include "search/codepointanswers.h"

#include <QByteArrayView>
#include <QRegularExpression>

#include <atomic>
#include <memory>

// The count of a pattern that is one character class repeated greedily, \w+ or \d+, over valid
// UTF-8, without a PCRE2 match call per match: such a pattern's matches are the maximal runs of
// characters in the class, so the count is the number of runs (stopping at the limit). Which
// characters are in the class is PCRE2's own answer: the class alone (\w, \d) compiled with the
// expression's options, matched once against each character the first time it is met (then
// kept, for the BMP), so that the count is Utf8RegexCounter's by construction, whatever Unicode
// tables PCRE2 has. A pattern that matches every word counts one match per word: a PCRE2 call
// each was most of the time of `\w+` (bench_search, issue 25).
class ClassRunCounter
{
public:
    // Null unless the expression is exactly \w+ or \d+ with options that leave its matches the
    // runs of the class (not ungreedy: \w+? matches single characters; not extended syntax), or
    // without libpcre2-8.
    static std::unique_ptr<ClassRunCounter> forExpression(const QRegularExpression &expression);
    ~ClassRunCounter();
    ClassRunCounter(const ClassRunCounter &) = delete;
    ClassRunCounter &operator=(const ClassRunCounter &) = delete;

    // Matches in `validUtf8` (well-formed UTF-8: the caller checked), counting stops at `limit`.
    qint64 count(QByteArrayView validUtf8, qint64 limit) const;

private:
    struct Class;
    explicit ClassRunCounter(std::unique_ptr<Class> member);
    bool holds(char32_t codePoint) const;

    std::unique_ptr<Class> m_class;
    bool m_ascii[128] = {};
    // The ASCII members as ranges, for 16 ASCII bytes a step (none: more than kMaxRanges).
    static constexpr int kMaxRanges = 4;
    struct Range
    {
        uchar first;
        uchar last;
    };
    Range m_ranges[kMaxRanges] = {};
    int m_rangeCount = 0;
    // Whether a character past ASCII is in the class.
    CodePointAnswers m_inClass;
};
