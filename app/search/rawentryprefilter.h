// SPDX-License-Identifier: MIT
#pragma once

#include "search/bytefinder.h"
#include "search/querylanguage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>

// Rules stored entries out of a search across the library from their raw JSON alone, before
// anything of them is decoded or scanned for its flags (SearchText::fromRawEntryJson): where no
// index narrows the search (a word of one or two letters), every entry is read, and that per-entry
// work cost more than the search itself (bench_library, perf: a quarter of the time in the flags
// scan for a query that finds nothing).
//
// It holds when every group of the query holds a word or phrase that the in-run search's byte
// scan could rule a raw row out by (SearchEngine's Mode::Bytes: an ASCII needle when any case, a
// needle without '"', '\\' or control characters, none that the pane's layout could split):
// such a group matches an entry only if its needles are in the JSON as written (ASCII case
// folded), unless an escape could make one of their characters (\u, \/, \b, \f, a control byte)
// or, in any case, the entry holds K (U+212A) or ſ (U+017F), which fold into ASCII letters.
// Entries where every group misses a needle and nothing could hide one are ruled out; the rest
// are matched as before, so the hits are exactly the same.
//
// A group's needles are its words and phrases before its first regular expression, in the order
// the evaluator matches them: a regex that gives up on an entry still stops the search, so a row
// is never ruled out by a word the evaluator would reach only after it. (Only the first word was
// looked for: two common words had a quarter of the library's entries, holding the first word
// and not the second, decoded and walked for nothing.)
class RawEntryPrefilter
{
public:
    RawEntryPrefilter(const ParsedQuery &query, bool caseSensitive);

    bool isActive() const { return !m_groups.empty(); }
    // True when no group of the query can match the entry whose JSON is `raw` (an entry with a
    // note is never ruled out here: the note is one more field of it).
    bool entryCannotMatch(QByteArrayView raw) const;

    // Whether the JSON holds what could hide an ASCII needle from a byte scan of it: an escape
    // \u, \/, \b or \f, a control byte other than tab, LF and CR, and with `foldAscii` K or ſ
    // as UTF-8. A superset of SearchText's NeedsDecoding (and of FoldsIntoAscii with
    // `foldAscii`): it may say yes where they say no (an escaped backslash before "u"), never no
    // where they say yes.
    static bool mayHideNeedle(QByteArrayView raw, bool foldAscii);

private:
    struct Needle
    {
        QByteArray bytes;
        std::unique_ptr<ByteFinder> finder;
    };
    std::vector<std::vector<Needle>> m_groups; // each group's needles, all of which a match holds
    bool m_foldAscii = false;
};
