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
// such a group matches an entry only if its needle is in the JSON as written (ASCII case folded),
// unless an escape could make one of its characters (\u, \/, \b, \f, a control byte) or, in any
// case, the entry holds K (U+212A) or ſ (U+017F), which fold into ASCII letters. Entries where
// none of the groups' needles is found and nothing could hide one are ruled out; the rest are
// matched as before, so the hits are exactly the same.
//
// The group's needle is its first word, phrase or regex in evaluation order, and only when that
// one is a word or phrase: a regex before it that gives up on an entry still stops the search.
class RawEntryPrefilter
{
public:
    RawEntryPrefilter(const ParsedQuery &query, bool caseSensitive);

    bool isActive() const { return !m_needles.empty(); }
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
    std::vector<Needle> m_needles;
    bool m_foldAscii = false;
};
