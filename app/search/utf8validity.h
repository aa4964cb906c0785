// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

// Whether bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate, no
// code point past U+10FFFF, no sequence cut short), the check PCRE2 makes of a subject in UTF
// mode unless told it is done. PCRE2 checks byte by byte; this one 16 bytes a step while they
// are ASCII, which most of a log's text is, so a search of an entry with a few non-ASCII
// characters no longer pays PCRE2's check of every value it matches (issue 25).
namespace Utf8Validity {

bool isValid(QByteArrayView bytes);

} // namespace Utf8Validity
