// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// What a needle that spans the detail pane's layout (issue 27, stumble 1: `exit_code: 0`) must
// find in an entry's raw JSON for the entry's text as the pane shows it to hold it: SearchEngine
// renders the pane's text (costly) only for entries whose JSON has every fragment.
//
// The pane's text is the JSON's verbatim runs (string contents, keys, numbers), what escapes
// decode to, and layout (isLayoutByte: ": ", "- ", indentation, line breaks, quotes, brackets).
// A needle's fragments are its pieces between layout bytes; each lies inside one verbatim run,
// so the JSON holds it as written. More: where the needle has a layout byte right after a
// fragment, in the pane's text that byte either is in the same verbatim run (so the JSON has a
// layout byte right after the fragment too) or the fragment ends its run, and a run ends in the
// JSON only at a layout byte (a closing quote, an escape's backslash, a control byte, a comma,
// a bracket, white space) or at the end. Likewise before a fragment: a layout byte, the start,
// or the end of an escape (`\n` then an indented line of a multi-line string). Key names such
// as `exit_code` hold "exit" and "code" but not with layout around them, so a pattern like
// `exit code [1-9]` no longer renders every tool call.
//
// Rows whose escapes may make other characters (SearchText::NeedsDecoding) are not ruled out by
// their bytes at all; SearchEngine checks that first.
namespace ShownFragments {

struct Fragment
{
    QByteArray bytes;          // ASCII-lower-cased when matched with fold
    bool layoutBefore = false; // the needle has a layout byte right before it
    bool layoutAfter = false;  // ... right after it
};

// What the pane puts between the pieces of an entry (JsonText::readable's ": ", "- ", " |",
// "\"\"", "{}", "[]", indentation and line breaks; JsonText::pretty's quotes, commas, brackets
// and spaces), and what escapes decode to (quote, backslash, control characters).
bool isLayoutByte(uchar c);

// The fragments of a needle (UTF-8): its pieces between layout bytes, and with `asciiOnly` also
// between non-ASCII bytes (which do not count as layout around a fragment).
QList<Fragment> of(QByteArrayView needle, bool asciiOnly);

// True when the JSON holds every fragment with layout where the fragment needs it (above).
// `fold`: ASCII case-insensitively (the fragments lower-cased).
bool allIn(QByteArrayView json, const QList<Fragment> &fragments, bool fold);

} // namespace ShownFragments
