// SPDX-License-Identifier: MIT
#include "json/jsontokens.h"

#include <cstring>

namespace JsonTokens {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int readHex4(const char *p, const char *end)
{
    if (end - p < 4)
        return -1;
    int value = 0;
    for (int k = 0; k < 4; ++k) {
        const int digit = hexValue(p[k]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

qint32 decodeUnicodeEscape(const char *&p, const char *end)
{
    const int unit = readHex4(p, end);
    if (unit < 0)
        return -1;
    p += 4;
    if (unit >= 0xDC00 && unit <= 0xDFFF)
        return 0xFFFD;
    if (unit < 0xD800 || unit > 0xDBFF)
        return unit;
    const int low = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? readHex4(p + 2, end) : -1;
    if (low < 0xDC00 || low > 0xDFFF)
        return 0xFFFD;
    p += 6;
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

void appendDisplayedControl(QByteArray &out, char32_t c, bool lineFeedFollows)
{
    static const char digits[] = "0123456789abcdef";
    if (c == '\t' || c == '\n') {
        out.append(char(c));
    } else if (c == '\r') {
        if (!lineFeedFollows)
            out.append('\n');
    } else {
        out.append("\\u00", 4);
        out.append(digits[(c >> 4) & 0xF]);
        out.append(digits[c & 0xF]);
    }
}

void appendDecodedString(QByteArray &out, const char *p, const char *end, StringDecoding decoding)
{
    const bool display = decoding == StringDecoding::Display;
    // A control character of the value: as it is, or as the detail pane shows it.
    const auto appendControl = [&out, display](char32_t c, bool lineFeedFollows) {
        if (display)
            appendDisplayedControl(out, c, lineFeedFollows);
        else
            out.append(char(c));
    };
    while (p < end) {
        const char *run = p;
        while (p < end && *p != '\\' && (!display || uchar(*p) >= 0x20))
            ++p;
        out.append(run, p - run);
        if (p >= end)
            break;
        if (*p != '\\') { // a raw control byte (not valid JSON, shown anyway)
            appendControl(uchar(*p), *p == '\r' && p + 1 < end && p[1] == '\n');
            ++p;
            continue;
        }
        if (p + 1 >= end) {
            out.append('\\');
            break;
        }
        const char escape = p[1];
        p += 2;
        const bool escapedLineFeedFollows = end - p >= 2 && p[0] == '\\' && p[1] == 'n';
        switch (escape) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': appendControl(0x08, false); break;
        case 'f': appendControl(0x0C, false); break;
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': appendControl('\r', escapedLineFeedFollows); break;
        case 'u': {
            const qint32 decoded = decodeUnicodeEscape(p, end);
            if (decoded < 0) {
                out.append("\\u", 2);
                break;
            }
            const char32_t codePoint = char32_t(decoded);
            if (codePoint < 0x20)
                appendControl(codePoint, end - p >= 2 && p[0] == '\\' && p[1] == 'n');
            else
                appendUtf8(out, codePoint);
            break;
        }
        default:
            out.append('\\');
            out.append(escape);
            break;
        }
    }
}

qsizetype valueEnd(const char *data, qsizetype size, qsizetype i)
{
    if (i >= size)
        return size;
    if (data[i] == '"')
        return stringTokenEnd(data, size, i);
    if (data[i] != '{' && data[i] != '[')
        return scalarTokenEnd(data, size, i, ScalarStop::ValueEnd);
    int depth = 0;
    while (i < size) {
        const char c = data[i];
        if (c == '"') {
            i = stringTokenEnd(data, size, i);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        ++i;
    }
    return size;
}

} // namespace JsonTokens
