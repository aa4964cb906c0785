// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>

#include <optional>

// The parts of a JSON text that is one array (its elements) or one object (its members), found by
// a look at its raw bytes (strings and their escapes skipped, brackets counted) without a parse:
// a log that is one large JSON text (an OpenHands event stream, a SWE-agent trajectory) is then
// parsed a part at a time, each parse reusing one small parser's memory, instead of all at once
// into fresh memory as large as several times the file (most of the time before its first entry,
// issue 28).
//
// The look only splits: each part's bytes are checked by its own parse, and a text that is no
// array or object by this look (another first byte, an empty part, something after the closing
// bracket, an unterminated string, a member without its colon) gives none, so that the caller
// parses it whole, as before, and says what is wrong in the same words. A text whose parts all
// parse is exactly the array or object they make.
namespace JsonTextParts {

// Each element's bytes (without the white space around it), in order; none when the text is not
// `[ element, ... ]` (JSON white space around anything) by the raw look.
std::optional<QList<QByteArrayView>> arrayElements(QByteArrayView text);

// A member of an object: its key's bytes as written between the quotes (escapes not undone) and
// its value's bytes (without the white space around it).
struct Member {
    QByteArrayView key;
    QByteArrayView value;
};
// Each member, in order (a repeated key as often as it is written); none when the text is not
// `{ "key": value, ... }` by the raw look.
std::optional<QList<Member>> objectMembers(QByteArrayView text);

// Whether a member's key (as written) may be compared as it is: printable ASCII without escapes.
// A caller that looks for keys leaves any other to the whole parse.
bool isPlainKey(QByteArrayView key);

} // namespace JsonTextParts
