// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// The one query language of the search bar, Search All Runs and `runlog --search` (issue 25).
// What the user typed, parsed into terms; no matching here (QueryEvaluator matches).
//
//   words            every word must match (any field), as the plain search always did: case-
//                    insensitive substring unless the bar's Aa / W toggles say otherwise
//   "exact phrase"   one needle with its spaces; \" and \\ inside are a quote and a backslash
//   /regex/ /regex/i a regular expression (PCRE2): case-sensitive, or any case with i. A term
//                    that starts with '/' but does not end in '/' or '/i' ("/usr/bin") is a word
//   -term            excludes: -word, -"phrase", -/re/, -key:value
//   a OR b           either side. AND binds tighter: "a b OR c" is (a AND b) OR c. No
//                    parentheses: '(' and ')' are ordinary characters of words
//   key:value        lowercase key, then a value (quoted when it holds spaces). A word whose
//                    "key" has other characters (C:\tmp, https://…, Error:) stays a word
//
// Keys of a run: type: tool: (prefix, any case, comma lists; * any: -tool:* has no tool), field: (thought, tool_input,
// tool_output, observation: words, phrases and regexes of the whole query look only there),
// entry: (N, A..B, >N, >=N, <N, <=N, A.., ..B), gap: (time since the entry before: 30s, >2m,
// 1m..1h; units s m h, a bare number is seconds; a bare value means at least), time: (time of
// day, local: 12:00..13:30, >12:00, 12:05 for that minute; a range may wrap past midnight),
// is:marked is:failure is:loop, has:note. Across runs also: run: org: (numbers, comma lists),
// status: source: (prefix, any case), after: before: (dates, 2025-06-01).
struct QueryTerm
{
    enum class Kind {
        Word, Phrase, Regex,                                        // text
        Type, Tool, Field, Entry, Gap, Time, Is, Has,               // an entry's facts
        Run, Org, Status, Source, After, Before,                    // a run's facts (library)
    };
    Kind kind = Kind::Word;
    bool negated = false;
    qsizetype position = 0;      // 0-based offset of the term (its '-' included) in the query
    qsizetype length = 0;        // characters of the query it spans
    QString text;                // Word, Phrase: the needle; Regex: the pattern
    bool anyCase = false;        // Regex: the i flag
    QStringList values;          // Type, Tool, Status, Source: lower case; Field, Is, Has: names
    // Entry (1-based numbers), Gap (ms), Time (ms since midnight), Run, Org (single values: low
    // == high), After, Before (ms since the epoch, UTC midnight): an inclusive range.
    QList<qint64> numbers;       // Run, Org: the listed numbers
    qint64 low = 0;
    qint64 high = 0;
    bool hasLow = false;
    bool hasHigh = false;

    bool isText() const { return kind == Kind::Word || kind == Kind::Phrase || kind == Kind::Regex; }
};

struct ParsedQuery
{
    // OR of AND groups: a row matches when every term of one group holds.
    QList<QList<QueryTerm>> groups;
    QString error;               // in words, with "at character N" (1-based); empty when valid
    qsizetype errorPosition = -1; // 0-based offset into the query, -1 when valid

    bool isEmpty() const { return groups.isEmpty() && error.isEmpty(); }
    bool isValid() const { return error.isEmpty(); }
    bool hasKind(QueryTerm::Kind kind) const;
    // Any key (not only words, phrases, regexes): the rows' facts are read.
    bool hasKeys() const;
    bool usesIs(const QString &name) const;
    // The field: names of the query (any group, not excluded): where its text terms look.
    QStringList fields() const;
};

namespace QueryLanguage {

enum class Scope {
    Run,       // the search bar, `runlog SOURCE --search`
    Library,   // Search All Runs, `runlog --search`: the run keys too; has: too, not gap: or is:
    Any,       // every key (reading and rewriting a query's terms)
};

ParsedQuery parse(const QString &query, Scope scope = Scope::Run);

// The bar's regex toggle: the whole text is one regular expression, as before the language,
// case-sensitive or not as the bar's Aa says.
ParsedQuery wholeRegex(const QString &pattern, bool caseSensitive = false);

// Keys the completer offers and the tooltip names, in that order. `withNotes`: has: only when
// notes are kept for the run.
QStringList keys(Scope scope, bool withNotes);
// The fixed values of a key (field:, is:, has:, status:); empty for keys whose values come
// from the run (type:, tool:) or are numbers.
QStringList fixedValues(const QString &key, bool withNotes);

// A value quoted for the language when it holds a space, a quote or a comma.
QString quoteValue(const QString &value);

// `query` with its type: or tool: terms (`key`) replaced by one for `values` (any of them), or
// by `-key:*` (none) when `none`; no term when neither. The new term goes into every OR group
// (AND binds tighter). What the Filter menu and the statistics write into the bar. A query that
// does not parse gets the new term in front.
QString withKeyValues(const QString &query, const QString &key, const QStringList &values, bool none);
// The values of the query's type: or tool: terms (`key`, as typed), and whether it holds -key:*.
QStringList keyValues(const QString &query, const QString &key, bool *none = nullptr);

// The tooltip / --help text documenting the language (plain text, translated).
QString helpText(Scope scope);

} // namespace QueryLanguage
