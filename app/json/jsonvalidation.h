#pragma once

#include <QByteArray>
#include <QString>

#include <simdjson.h>

// Whether a JSON text is valid, and if not, where and why, for the page parser and the entry
// detail alike. simdjson's DOM parser is the fast, complete validator (grammar, UTF-8, depth).
// It is stricter than JSON in two ways that real servers hit: numbers beyond double or 64-bit
// range (1e400, 18446744073709551616) and lone surrogate escapes. For those two error kinds our
// own scalar checker (JsonText::check) has the last word; for every error it says where the text
// goes wrong. Internal to the core: it exposes simdjson, which only the core links.
namespace JsonValidation {

struct Verdict {
    bool ok = true;
    bool tooLarge = false;     // simdjson could not allocate for it
    QString where;             // "not valid JSON at byte 12 (line 1, column 13): invalid UTF-8"
    QString engineMessage;     // simdjson's own words
};

Verdict check(const simdjson::padded_string &json, const QByteArray &raw, int maxDepth);

} // namespace JsonValidation
