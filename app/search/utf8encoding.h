// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

#include <algorithm>

// One code point as UTF-8, for asking PCRE2 (8-bit) about a single character; UTF-8 as UTF-16.
namespace Utf8Encoding {

// Writes the 1 to 4 bytes of `cp` (at most U+10FFFF) to `out`; returns how many.
inline int encode(char32_t cp, uchar *out)
{
    if (cp < 0x80) {
        out[0] = uchar(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = uchar(0xC0 | (cp >> 6));
        out[1] = uchar(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = uchar(0xE0 | (cp >> 12));
        out[1] = uchar(0x80 | ((cp >> 6) & 0x3F));
        out[2] = uchar(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = uchar(0xF0 | (cp >> 18));
    out[1] = uchar(0x80 | ((cp >> 12) & 0x3F));
    out[2] = uchar(0x80 | ((cp >> 6) & 0x3F));
    out[3] = uchar(0x80 | (cp & 0x3F));
    return 4;
}

// How many UTF-16 units `utf8` decodes to (QString::fromUtf8's): one a byte where every byte is
// ASCII, without making a string (the text before an ASCII match, as a snippet places it).
inline qsizetype utf16Length(QByteArrayView utf8)
{
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return uchar(c) < 0x80; });
    return ascii ? utf8.size() : QString::fromUtf8(utf8).size();
}

} // namespace Utf8Encoding
