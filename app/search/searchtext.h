// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

// The text of one log entry as search sees it: what the detail pane shows, as UTF-8.
//
// It is the entry's JSON with string escapes decoded ("\n" is a line break, "\u00e9" is "é")
// and the way the detail pane shows them (CR LF as one line break, other control characters
// as their visible "\u00XX" text): each string value, each key below the top level, and the
// text of numbers, true, false and null below the top level, one segment each. Segments are
// separated by a NUL byte, which no shown text contains, so a match never runs from one value
// into the next. Left out: agent_run_id and created_at (the same run id on every row; the time
// has its own column), the top-level key names (the detail pane's headings, not data) and
// top-level nulls (not shown). Text that is not a JSON object is one segment, as it is shown.
//
// The decoded text is about as big as the raw JSON (escapes and quotes shrink it: ~60%).
//
// A SearchText has one of two forms; both search the same text above, with the same matches:
// - decoded: `bytes` is that text (fromEntryJson, fromSegments);
// - raw (flag Raw): `bytes` is the entry's JSON itself, shared with the entry (no copy; it may
//   borrow a mapped file, whose owner whoever holds the text keeps alive: SearchCorpus::owners).
//   The flags (of the JSON's bytes) come from one scan of it, so that a search can rule most
//   rows out by a byte scan of the JSON, and read the text of only the rows that may match
//   (visitSegments, in place; decoded() builds it).
struct SearchText
{
    enum Flag : quint8 {
        Indexed = 0x1,          // built from an entry (a row not loaded yet has no text)
        NonAscii = 0x2,         // holds a byte >= 0x80
        FoldsIntoAscii = 0x4,   // holds a non-ASCII character whose case fold is ASCII (K, ſ)
        Raw = 0x8,              // `bytes` is the entry's JSON, not its decoded text
        // Raw only: decoding may make a character that is not in the JSON as written and that a
        // needle without '"', '\' and control characters may hold: an escape \u (any
        // character), \/ ("/"), \b or \f (shown as the text "\u0008", "\u000c"), or a
        // control byte other than tab, LF, CR (shown as its "\u00XX" text).
        NeedsDecoding = 0x10,
    };

    QByteArray bytes;
    quint8 flags = 0;

    bool isIndexed() const { return flags & Indexed; }
    bool hasNonAscii() const { return flags & NonAscii; }
    bool foldsIntoAscii() const { return flags & FoldsIntoAscii; }
    bool isRaw() const { return flags & Raw; }
    bool needsDecoding() const { return flags & NeedsDecoding; }

    // The decoded form of this text: itself when decoded already (or not indexed), else its
    // JSON decoded as fromEntryJson does. Pure and thread-safe.
    SearchText decoded() const;

    static constexpr char kSeparator = '\0';

    // The segments of an entry's decoded text, in order, without building the text: calls
    // visit(context, segment) for each until it returns false. A segment is a view of the JSON
    // itself when it is shown as written (most are), else of a buffer valid during the call.
    // Pure and thread-safe.
    using SegmentVisitor = bool (*)(void *context, QByteArrayView segment);
    static void visitSegments(QByteArrayView rawEntryJson, SegmentVisitor visit, void *context);

    // [start, end) offsets into an entry's raw JSON.
    struct ByteSpan
    {
        qsizetype start;
        qsizetype end;
    };
    // visitSegments for a search that needs only the segments holding one of `spans` (sorted by
    // start): each segment whose extent in the JSON as written (a string's content, or a token)
    // holds a whole span is handed over, the same view or decoded text visitSegments gives it;
    // the others are stepped over without a look at their bytes, and the walk stops after the
    // last span. The first segment's leading byte order mark is left out (as QString::fromUtf8
    // leaves it out of the decoded text) before its spans are looked at. False (nothing visited) when the text is not a JSON object: the caller visits
    // it with visitSegments. Escapes in a segment make only '"', '\', control characters or
    // what a \u, \/, \b or \f escape makes; so, for a row without NeedsDecoding, a segment's
    // decoded text holds a string without those characters only where its JSON does.
    static bool visitSegmentsHoldingSpans(QByteArrayView rawEntryJson, const ByteSpan *spans, size_t spanCount,
                                          SegmentVisitor visit, void *context);

    // Pure and thread-safe: meant for a worker thread. Never fail, whatever the input.
    // The decoded form: the text above, built now.
    static SearchText fromEntryJson(QByteArrayView rawEntryJson);
    // The raw form: shares the entry's bytes (no copy) and scans them once for the flags.
    static SearchText fromRawEntryJson(const QByteArray &rawEntryJson);
    // Already decoded text (tests, or a caller with its own notion of an entry's text).
    static SearchText fromSegments(const QList<QByteArray> &segments);
};
