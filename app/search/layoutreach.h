// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QString>

// Whether a regular expression may need the detail pane's text at all (issue 25): SearchEngine
// searches an entry's pane text (costly to render) only for a pattern that may match, or look
// at, a byte the pane's layout inserts between the pieces of an entry.
//
// The pane's Readable text (EntryText::searchable) is the entry's verbatim runs (values, keys,
// numbers, what escapes decode to) and layout: `key:` then a space or a line break; a line
// break and indentation before a key, an item or a block line; `-` and a space before an item;
// ` |` before a multi-line string's block; `""` for an empty string or key; `{}` and `[]` for
// empty containers; `\n` written out in a key that holds a line break; blank lines between
// sections. Its JSON text adds quotes, commas, brackets, `": "`, indentation and the escapes as
// written. Every one of those bytes is one that ShownFragments::isLayoutByte names (line feed and
// the other control bytes, space, `:`, `-`, `|`, `"`, `,`, `{`, `}`, `[`, `]`, `\`), except the
// letters and digits of an escape written out (the `n` after the backslash); that set, a
// superset of what Readable inserts, is the one used here. A match that lies in runs alone, and
// whose assertions look at no layout byte, is a match in the search text already (its values and
// keys one by one, where a run's neighbours are the ends of its segment: \b, \B, ^ and $ see the
// same there), so such a pattern has nothing more to find in the pane's text.
//
// Not covered, as before: the runs the search text leaves out on purpose (SearchText: top-level
// keys and scalars, the pane's "Other fields"; in the JSON view also agent_run_id and created_at)
// and a match that starts at an escape's letter right after its backslash (`nfoo` in the key
// "x\nfoo"); a pattern that may match layout finds those too, through the rendered text.
//
// mayReachLayout reads the pattern as PCRE2 does, atom by atom, and is conservative: true as
// soon as any atom, in a lookaround too, may match a layout byte, and for anything it does not
// know (extended mode (?x), verbs, conditionals, recursion, backreferences, \G, `.`, a `{` that
// is not a quantifier, ^ and $ under (?m)). Escapes and classes are not interpreted by hand:
// each is compiled alone with the pattern's options and PCRE2 is asked whether it matches any
// layout byte (so `\x3a`, `[^a]`, `\W`, `\p{Zs}`, `[[:punct:]]` are answered by PCRE2 itself),
// except \d and \w (never a layout byte) and the zero-width \b, \B, \A, \z, \Z, \K.
//
// False means: no match of the pattern, anywhere, consumes or looks at a layout byte
// (`module\d+\.cpp`, `get[A-Z][a-z]+Data`, `Traceback`, and a whole-word wrapping of those).
namespace LayoutReach {

bool mayReachLayout(const QString &pattern, QRegularExpression::PatternOptions options);

} // namespace LayoutReach
