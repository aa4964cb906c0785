// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The text that every match of a regular expression must hold, read from the pattern (PCRE2
// syntax, as SearchQuery compiles it: no extended mode, case folding per `caseSensitive`): what
// lets the search look for plain bytes first and run the expression only where they are.
//
// The answer is a list of requirements that all hold (AND); a requirement is a list of byte
// strings of which at least one occurs in every match (OR): `error: (disk|quota)` gives
// [["error: "], ["disk", "quota"]]. An empty list: nothing is known (every text may match).
//
// Only pieces that a JSON string holds as written are given, so that a search of the raw JSON
// bytes can rule an entry out (see RegexPrefilter): no '"', '\\', control character, U+FFFD or
// character outside the BMP. Case-insensitively, only ASCII characters (lower-cased, to be found
// ASCII-case-insensitively; the only other characters that match an ASCII letter are K and ſ,
// U+212A and U+017F, which the prefilter looks for itself), and with NonAscii::CaseVariants
// (below) the spellings of non-ASCII letters. A literal run of the pattern that holds another
// character gives the pieces around it.
//
// Conservative by design: a construct the reader does not know for sure (inline options such as
// (?i) or (?x), backreferences, \x escapes, verbs, conditionals, comments) makes the answer
// "nothing known", never a wrong requirement.
namespace RegexLiterals {

using Requirement = QList<QByteArray>;

// How a case-insensitive pattern's non-ASCII characters are read. Split: a literal run is cut
// at each (the pieces around it are required). CaseVariants: a Latin, Greek or Cyrillic letter
// whose caseless set (as PCRE2 matches it in UTF mode) has no ASCII member stays in the piece,
// and the requirement lists each spelling of the piece ("été" gives "été", "étÉ", "Été", "ÉtÉ":
// its ASCII letters still lower-cased, to be found ASCII-case-insensitively), up to 8 of them;
// only where Qt's Unicode tables and PCRE2's are of one version (else as Split).
enum class NonAscii { Split, CaseVariants };

QList<Requirement> required(const QString &pattern, bool caseSensitive, NonAscii nonAscii = NonAscii::Split);

// True when matching texts joined by NUL separators (the decoded segments of an entry) finds
// what matching each text alone does: nothing in the pattern matches a NUL (no '.', negated
// class, \W, \S, \D, \p...) or tells a NUL from the text's edge (no ^, $, \A, \z, \Z, \G; \b
// and lookarounds see a NUL as they see the edge: no word character, nothing they can match).
// Conservative like required(): false for anything not known for sure.
bool neverSpansSeparator(const QString &pattern);

} // namespace RegexLiterals
