#include "json/jsontokens.h"

#include <cstring>

namespace JsonTokens {

qsizetype stringTokenEnd(const char *data, qsizetype size, qsizetype open)
{
    const qsizetype contentStart = open + 1;
    qsizetype from = contentStart;
    while (from < size) {
        const void *hit = std::memchr(data + from, '"', size_t(size - from));
        if (!hit)
            return size;
        const qsizetype quote = static_cast<const char *>(hit) - data;
        qsizetype backslashes = 0;
        for (qsizetype k = quote - 1; k >= contentStart && data[k] == '\\'; --k)
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote + 1;
        from = quote + 1;
    }
    return size;
}

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

} // namespace JsonTokens
