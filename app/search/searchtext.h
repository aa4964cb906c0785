// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

// The text of one log entry as search sees it: what the detail pane shows, as UTF-8, built once
// per entry so that every search afterwards is a byte scan.
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
// The result is about as big as the raw JSON (escapes and quotes shrink it).
struct SearchText
{
    enum Flag : quint8 {
        Indexed = 0x1,          // built from an entry (a row not loaded yet has no text)
        NonAscii = 0x2,         // holds a byte >= 0x80
        FoldsIntoAscii = 0x4,   // holds a non-ASCII character whose case fold is ASCII (K, ſ)
    };

    QByteArray bytes;
    quint8 flags = 0;

    bool isIndexed() const { return flags & Indexed; }
    bool hasNonAscii() const { return flags & NonAscii; }
    bool foldsIntoAscii() const { return flags & FoldsIntoAscii; }

    static constexpr char kSeparator = '\0';

    // Pure and thread-safe: meant for a worker thread. Never fails, whatever the input.
    static SearchText fromEntryJson(QByteArrayView rawEntryJson);
    // Already decoded text (tests, or a caller with its own notion of an entry's text).
    static SearchText fromSegments(const QList<QByteArray> &segments);
};
