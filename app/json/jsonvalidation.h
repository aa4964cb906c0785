// SPDX-License-Identifier: MIT
#pragma once

#include "json/paddedjson.h"

#include <QString>

// Whether a JSON text is valid, and if not, where and why, for the page parser and the entry
// detail alike. simdjson's DOM parser is the fast, complete validator (grammar, UTF-8, depth).
// It is stricter than JSON in two ways that real servers hit: numbers beyond double or 64-bit
// range (1e400, 18446744073709551616) and lone surrogate escapes. For those two error kinds our
// own scalar checker (JsonSyntax::check) has the last word; for every error it says where the text
// goes wrong. Internal to the core: it exposes simdjson, which only the core links.
//
// simdjson's DOM reserves about 14 bytes per input byte (a 64-bit tape word, 4 bytes of
// structural index and 5/3 of string buffer) and touches up to 12 of them on dense input such as
// [0,0,0,...]: fine for a page of a few megabytes, not for a hostile 128 MB one. Above
// kMaxDomBytes the scalar checker alone decides; it needs no memory beyond its nesting stack.
namespace JsonValidation {

constexpr qsizetype kMaxDomBytes = 4 << 20;

struct Verdict {
    bool ok = true;
    bool tooLarge = false;     // simdjson could not allocate for it
    QString where;             // "not valid JSON at byte 12 (line 1, column 13): invalid UTF-8"
    QString engineMessage;     // simdjson's own words
};

Verdict check(const PaddedJson &json, int maxDepth);

} // namespace JsonValidation
