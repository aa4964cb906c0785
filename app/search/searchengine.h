// SPDX-License-Identifier: MIT
#pragma once

#include "run/entrytext.h"
#include "search/gapliterals.h"
#include "search/layoutcrossing.h"
#include "search/propertyfreematching.h"
#include "search/regexcounter.h"
#include "search/regexprefilter.h"
#include "search/searchcorpus.h"
#include "search/searchquery.h"
#include "search/searchresult.h"
#include "search/shownfragments.h"
#include "search/utf8regexcounter.h"

#include <QList>
#include <QRegularExpression>
#include <QStringMatcher>
#include <QStringView>

#include <atomic>
#include <limits>
#include <memory>
#include <optional>

// A span of a QString, in UTF-16 code units.
struct TextRange
{
    qsizetype start = 0;
    qsizetype length = 0;
    friend bool operator==(TextRange a, TextRange b) { return a.start == b.start && a.length == b.length; }
};

// A query made ready to run: the needle encoded and case folded, the expression compiled. All
// methods are const and thread-safe; build one per query and share it between threads.
//
// Plain text runs as a byte scan of the UTF-8 corpus (SSE2: candidates by first and last byte,
// 16 positions at a time, then a check), case-insensitively for an ASCII needle by folding
// ASCII letters on the fly; only rows that could hold a non-ASCII case variant of the needle
// take the Unicode path (QStringMatcher over the row decoded to UTF-16). Regular expressions
// run over each decoded segment (PCRE2, JIT). Matches never overlap and are never empty.
//
// A row in the raw form (SearchText::Raw: the entry's JSON) is first ruled out where its bytes
// allow it (plain text found nowhere in the JSON; a non-ASCII needle over an ASCII row, or over
// a row without the needle's ASCII part in any case); the
// rows left are counted over their decoded text segment by segment, most segments read in place
// in the JSON (SearchText::visitSegments); rows whose escapes may hide K or ſ are decoded whole.
// So the counts are those of the decoded text, whichever form a row has. A regular expression
// first rules out rows, then segments, by the strings every match holds (RegexPrefilter): only
// the segments that hold them are decoded and matched. Those are matched as UTF-8 where they lie
// (Utf8RegexCounter: PCRE2's 8-bit library), not converted to UTF-16, by the pattern compiled
// without Unicode properties where the text leaves them nothing to change (PropertyFreeMatching:
// ASCII text, or text whose other characters are in none of the pattern's classes; properties
// cost PCRE2 its skip to a match's possible first characters); a row whose bytes are not
// valid UTF-8 is decoded to UTF-16 as QString::fromUtf8 does (U+FFFD for what is invalid) and
// counted there, so the counts stay those of the decoded text. In a row without escapes that
// make other characters (not NeedsDecoding) and without K or ſ, the strongest requirement's
// strings are found once in the JSON (RegexPrefilter::findStrongestSpans): none rules the row
// out, and otherwise only the segments whose JSON holds one are read at all
// (SearchText::visitSegmentsHoldingSpans), the walk ending after the last.
//
// Search what the pane shows (issue 27, stumble 1): a needle that holds what the detail pane puts
// between the pieces of an entry (`exit_code: 0`, `summary: Command succeeded`, `- item`, and in
// the JSON view `"timeout": 120`) is also looked for in the entry's text as the pane shows it
// (EntryText::searchable, in the mode given: the query language's searches ask for it), for a
// raw row where the text above holds no match.
// Such a row is rendered only when each piece of the needle between those characters is in its
// JSON as written, with the JSON's layout around it where the needle has layout around it
// (ShownFragments: the pane's text is the JSON's verbatim runs, what escapes make, and those
// characters), so plain words and most rows cost what they did. A plain word (no such
// character) searches exactly as before. A regular expression searches the pane's text when it
// may match, or look at, any of those characters (LayoutReach: read from what it can match, so
// `\|`, `\n`, `.`, `[^a]`, `\W`, `\x3a` do and `module\d+\.cpp`, `Traceback` do not; issue 25).
// A regular expression the LayoutCrossing reader knows
// (literals, groups of literals, \s and other layout-only atoms, \d, \w, classes) renders a row
// in Readable mode only when, for some gap of it, the literals around the gap sit at a run's
// end and start in the JSON (where the pane may insert layout), or the raw JSON as written holds
// a match (the runs the search text leaves out): `(fails|error)\s+handling` no longer renders
// every row whose prose holds the words apart.
//
// No pattern can hang a search: PCRE2 gives up on a subject after its match limit (10 million
// steps, some tens of milliseconds), as a pattern that backtracks catastrophically does (`(a+)+$`
// over a long run of "a"); countMatches then says so (kTooCostly) and the whole search stops
// with tooCostlyText() rather than give counts that leave that row out.
class SearchEngine
{
public:
    // `alsoAsShown`: also look for needles that span the pane's layout in the entries' text as
    // the pane shows it in that mode (see above); none: the search text alone.
    explicit SearchEngine(const SearchQuery &query = {}, std::optional<EntryText::Mode> alsoAsShown = std::nullopt);

    const SearchQuery &query() const { return m_query; }
    // A plain word or phrase typed in ASCII (not whole words): its bytes, lower case when the case
    // is ignored, to find it in a value's bytes (a hit's snippet); null for any other query.
    const QByteArray *plainAsciiNeedle() const { return m_plainAscii ? &m_needle : nullptr; }
    // Nothing to search for: an empty pattern, or an invalid regular expression.
    bool isNull() const { return m_mode == Mode::Nothing; }
    bool isValid() const { return m_error.isEmpty(); }
    // True when rows are also searched as the pane shows them (see above).
    bool searchesShownText() const { return m_alsoShown; }
    QString errorText() const { return m_error; }

    // What countMatches gives for a row on which the regular expression gave up.
    static constexpr qint64 kTooCostly = -1;
    // The message of a search stopped by kTooCostly.
    static QString tooCostlyText();

    // Matches in one row's text, counting stops at `limit`. 0 for a row without text,
    // kTooCostly when the regular expression gave up on it.
    qint64 countMatches(const SearchText &text, qint64 limit = std::numeric_limits<qint64>::max()) const;
    bool matches(const SearchText &text) const { return countMatches(text, 1) > 0; }

    // Where the query matches inside a text as shown (the detail pane's), in order, at most
    // `limit` ranges (-1: all). Same rules as the row search, over the text as one piece.
    QList<TextRange> findRanges(QStringView text, qsizetype limit = -1) const;
    // findRanges(QString::fromUtf8(utf8), 1), told from the bytes where they lie (a regular
    // expression matched as UTF-8, Utf8RegexCounter) without decoding them or making a match
    // object: a hit's snippet finds its value and match this way. Unknown whenever the bytes
    // cannot tell (not a regular expression, bytes that are not valid UTF-8, a leading byte
    // order mark, PCRE2 giving up): findRanges answers then.
    enum class Utf8Answer { Unknown, NoMatch, Match };
    Utf8Answer firstMatchInUtf8(QByteArrayView utf8, TextRange *range) const;

    // Every row of a corpus, on the calling thread.
    SearchResult search(const SearchCorpus &corpus) const;

private:
    enum class Mode { Nothing, Bytes, Unicode, Regex };

    // Whether a row's JSON as written holds a match of the regular expression (one match call
    // that stops at the first): Unknown when not asked, or when the call could not tell (bytes
    // that are not UTF-8, a pattern too costly there).
    enum class JsonMatch { Unknown, None, Some };
    JsonMatch matchInJson(const SearchText &raw) const;

    // `json`: set to matchInJson's answer where the count asked it.
    qint64 countRaw(const SearchText &raw, qint64 limit, JsonMatch *json) const;
    qint64 countShown(const SearchText &raw, qint64 limit, JsonMatch json) const;
    // A raw row whose values' text holds a regular expression's literals only where its JSON does:
    // no escape makes another character (NeedsDecoding) and, ignoring case, no K or ſ.
    bool valuesTextIsAsWritten(const SearchText &raw) const;
    bool shownRowCannotMatch(const SearchText &raw) const;
    bool shownMatchCannotCrossLayout(const SearchText &raw, JsonMatch json) const;
    qint64 countBytes(QByteArrayView bytes, qint64 limit) const;
    qint64 countBytesInSegments(QByteArrayView rawJson, qint64 limit) const;
    qint64 countBytesAroundOccurrences(QByteArrayView rawJson, qint64 limit) const;
    // What the two above count the segments they visit with: countBytes of each, up to the limit.
    struct SegmentCount
    {
        const SearchEngine *engine;
        qint64 limit;
        qint64 count;
    };
    static bool countSegment(void *segmentCount, QByteArrayView segment);
    qint64 countDecodedSegments(QByteArrayView rawJson, qint64 limit, bool mayHoldFoldingIntoAscii) const;
    qint64 countUtf8Segments(const SearchText &raw, qint64 limit, bool ruleOutBySpans, JsonMatch *json) const;
    bool readsAroundSpans(const SearchText &raw) const;
    bool rawRowCannotMatch(const SearchText &raw) const;
    qint64 countDecoded(const QByteArray &bytes, qint64 limit) const;
    qint64 countInView(QStringView text, qint64 limit, QList<TextRange> *ranges) const;
    bool wordEdgesOk(const char *text, qsizetype size, qsizetype at) const;
    bool wordEdgesOk(QStringView text, qsizetype at, qsizetype length) const;

    SearchQuery m_query;
    Mode m_mode = Mode::Nothing;
    QString m_error;
    QByteArray m_needle;          // UTF-8; ASCII-lowered when m_foldAscii
    bool m_foldAscii = false;     // case-insensitive over an ASCII needle
    QByteArray m_asciiProbe;      // Unicode: the folded needle's longest raw-safe ASCII run
    bool m_rawSafe = false;       // m_needle holds no '"', '\\' or control byte (see rawRowCannotMatch)
    bool m_holdsByteOrderMark = false; // m_needle holds U+FEFF, which a row's first value may start with
    bool m_plainAscii = false;    // a plain word or phrase typed in ASCII, not whole words (plainAsciiNeedle)
    bool m_firstIsWord = false;   // whole word: the needle's edges that need a boundary
    bool m_lastIsWord = false;
    QStringMatcher m_matcher;     // the Unicode path and findRanges
    QRegularExpression m_regex;
    std::shared_ptr<const RegexCounter> m_counter; // Regex: counts without a match object each
    std::shared_ptr<const Utf8RegexCounter> m_utf8Counter; // Regex: the same counts over UTF-8 in place
    // Regex: which text the pattern matches alike without Unicode properties, and the counter of
    // the pattern compiled without them, for that text (none where properties may change any
    // match: a POSIX class).
    std::shared_ptr<const PropertyFreeMatching> m_propertyFree;
    std::shared_ptr<const Utf8RegexCounter> m_propertyFreeCounter;
    RegexPrefilter m_prefilter;   // Regex: the strings every match holds
    GapLiterals::Rule m_gapLiterals; // Regex: the literals every match holds around its gaps
    bool m_jsonHoldsEveryMatch = false; // Regex: LayoutCrossing::Rule::verbatim
    // How often matchInJson ruled a row out, over the first kJsonPassSample rows it was asked of
    // (by any thread, and by copies of this engine): it is asked on only while it rules out at
    // least one row in eight. A pattern with a match in nearly every row (`\w+`) paid a match
    // call a row for nothing (10 % of its search).
    struct JsonPassTally
    {
        std::atomic<int> asked{0};
        std::atomic<int> ruledOut{0};
    };
    static constexpr int kJsonPassSample = 256;
    std::shared_ptr<JsonPassTally> m_jsonPassTally; // made where m_jsonHoldsEveryMatch
    bool jsonPassPays() const;
    void tallyJsonPass(bool ruledOut) const;
    bool m_joinSegments = false;  // Regex: a row's segments matched in one call (neverSpansSeparator)
    bool m_alsoShown = false;     // also looked for in the text as the pane shows it
    EntryText::Mode m_shownAs = EntryText::Mode::Readable;
    // The fragments that a match in the shown text holds as written in the JSON: for a plain needle
    // one list, all required; for a regex one entry per requirement, any of whose pieces (each
    // a list of fragments, all required) must be there.
    QList<QList<QList<ShownFragments::Fragment>>> m_shownRequired;
    // Regex, Readable: where a match that the search text lacks may cross the pane's layout.
    LayoutCrossing::Rule m_crossing;
};
