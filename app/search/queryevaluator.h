// SPDX-License-Identifier: MIT
#pragma once

#include "run/entrytext.h"
#include "search/queryfacts.h"
#include "search/querylanguage.h"
#include "search/searchquery.h"
#include "search/searchtext.h"

#include <QList>
#include <QRegularExpression>

#include <atomic>
#include <memory>
#include <vector>

class SearchCorpus;
class SearchEngine;

// A parsed query made ready to match rows of one run: each text term a SearchEngine (the in-run
// search's matching, unchanged: plain words run as the byte scan, regexes as PCRE2), each key a
// test on the row's facts. Built on any thread; prepare() then countMatches() on the worker.
//
// Case and whole word: words and phrases follow the bar's toggles (`options`); a /regex/ is
// case-sensitive and /regex/i any case whatever the Aa toggle; whole word applies to every text
// term (as it did to the bar's regular expressions). A row's count is the matches of its positive text terms in the first group that
// holds (1 for a group of keys and exclusions alone), 0 when no group holds.
//
// Notes (issue 25): the text of an entry's note is one more field of the entry, everywhere (the
// bar, `runlog SOURCE --search`, Search All Runs): every word must match, each in the entry or
// in its note; an excluded word excludes the entry when its note holds it too. field: looks in
// the fields it names only, never in the note. Keys are the entry's facts.
class QueryEvaluator
{
public:
    struct Options
    {
        bool caseSensitive = false;
        bool wholeWord = false;
        // How the detail pane shows entries: words that span its layout (`exit_code: 0`) are
        // looked for in that text (SearchEngine).
        EntryText::Mode shownAs = EntryText::Mode::Readable;
        // Only whether a row matches is wanted (the library's search): a word or phrase stops at
        // its first match in a row (a regex still counts on, and so still gives up where it would).
        bool firstMatchWillDo = false;
    };

    QueryEvaluator(const ParsedQuery &query, Options options, QueryFacts facts = {});
    ~QueryEvaluator();
    QueryEvaluator(const QueryEvaluator &) = delete;
    QueryEvaluator &operator=(const QueryEvaluator &) = delete;

    // The in-run search of one SearchQuery, as before the language: its whole pattern one needle.
    static std::shared_ptr<QueryEvaluator> forSearchQuery(const SearchQuery &query);

    // The engine that matches a text term (a word, phrase or regular expression) with `options`,
    // as the evaluator makes it: what the library asks of a term (does it search the pane's
    // layout) is asked of the same engine.
    static std::shared_ptr<const SearchEngine> engineFor(const QueryTerm &term, Options options);

    bool isEmpty() const { return m_groups.isEmpty(); }
    // A key (type:, entry:, is:…): the rows' facts are read, so the caller hands them in.
    bool needsFacts() const { return m_needsFacts; }

    // On the worker, before countMatches: finds failures and loops (insights) over the
    // corpus's rows when the query asks for them. `cancel`: stop soon when it turns true.
    void prepare(const SearchCorpus &corpus, const std::atomic<bool> *cancel = nullptr);
    // Matches in the row whose text is `text` and in its note (QueryFacts::noteText), 0: it does
    // not match. `inNote`: set to the matches found in the note.
    qint64 countMatches(int row, const SearchText &text, qint64 *inNote = nullptr) const;

    // The library: the run whose entries come next (run:, org:, status:, source:, after:,
    // before: read it), and whether any of its entries could match (false: skip the run).
    void setRun(const QueryRunFacts &run);
    bool runMayMatch() const;
    // An entry of that run, known by its own facts (its note: QueryEntryFacts::noteText).
    qint64 countMatches(const QueryEntryFacts &entry, const SearchText &text, qint64 *inNote = nullptr) const;

    // What to highlight in a shown text: the positive words, phrases and regexes as one
    // regular expression; empty when there are none.
    SearchQuery highlightQuery() const;

private:
    struct Term;
    // The row being matched: a row of the run's facts, or a stored entry with facts of its own.
    struct Subject
    {
        int row = -1;
        const QueryEntryFacts *entry = nullptr;
    };
    // The text of an entry and of its note; the restricted text (field:) made on first need.
    struct Texts
    {
        const SearchText &entry;
        const SearchText *note = nullptr;
        SearchText restricted;
        bool restrictedMade = false;
    };
    qint64 count(const Subject &subject, const SearchText &text, const QString &note, qint64 *inNote) const;
    bool holds(const Term &term, const Subject &subject, Texts &texts, qint64 &count, qint64 &inNote) const;
    bool factHolds(const Term &term, const Subject &subject, const SearchText &text) const;
    bool runTermHolds(const QueryTerm &term) const;
    SearchText restrictedText(const SearchText &text) const;

    QList<QList<Term>> m_groups;
    QStringList m_fields;        // field: of the query; empty: all
    QueryFacts m_facts;
    Options m_options;
    bool m_needsFacts = false;
    bool m_needsInsights = false;
    QueryRunFacts m_run;
    bool m_hasRun = false;
    std::vector<bool> m_failure; // by entry
    std::vector<bool> m_loop;
};
