// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

// The strict checker of JSON text, apart from the tools that reshape it (JsonText): it decides
// whether a text is valid and says where it is not, for the validation of pages and entries
// (JsonValidation), the readable view, and the run file reader's messages. Pure, thread-safe,
// never crashes or throws on any input.
namespace JsonSyntax {

// Where a text stops being one RFC 8259 JSON value, and why. Byte offsets are 0-based;
// line and column are 1-based, the column counted in characters (UTF-8 code points).
struct Check
{
    bool ok = true;
    qsizetype offset = -1;
    qsizetype line = 0;
    qsizetype column = 0;
    QString reason;   // e.g. "unclosed string", "invalid UTF-8", "nesting deeper than 512 levels"
};

// A strict, scalar check of the RFC 8259 grammar, UTF-8 included, with a nesting limit. Unlike
// simdjson it accepts numbers beyond double or 64-bit range and lone "\uD800" escapes: both are
// valid JSON, and servers do send them. Slower than simdjson; meant to say where an error is.
Check check(QByteArrayView raw, int maxDepth = 512);

} // namespace JsonSyntax
