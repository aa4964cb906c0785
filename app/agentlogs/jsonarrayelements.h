// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>

#include <optional>

// The elements of a JSON text that is one array, found by a look at its raw bytes (strings and
// their escapes skipped, brackets counted) without a parse: a log that is one large array (an
// OpenHands event stream) is then parsed an element at a time, each parse reusing one small
// parser's memory, instead of all at once into fresh memory as large as several times the file
// (most of the time before its first entry, issue 28).
//
// The look only splits: each element's bytes are checked by its own parse, and a text that is no
// array by this look (no '[' first, an empty element, something after the closing ']', an
// unterminated string) gives none, so that the caller parses it whole, as before, and says what
// is wrong in the same words. A text whose elements all parse is exactly the array they make.
namespace JsonArrayElements {

// Each element's bytes (without the white space around it), in order; none when the text is not
// `[ element, ... ]` (JSON white space around anything) by the raw look.
std::optional<QList<QByteArrayView>> split(QByteArrayView text);

} // namespace JsonArrayElements
