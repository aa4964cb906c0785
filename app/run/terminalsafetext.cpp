// SPDX-License-Identifier: MIT
#include "run/terminalsafetext.h"

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void appendHex(QString &out, unsigned value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += QLatin1Char(kHexDigits[(value >> shift) & 0xf]);
}

// \xHH for the controls (what less and a C string show), \u{HHHH} for the rest: both read as
// what they are, and neither is a control itself.
void appendVisibleEscape(QString &out, char16_t c)
{
    if (c <= 0xff) {
        out += QLatin1String("\\x");
        appendHex(out, c, 2);
    } else {
        out += QLatin1String("\\u{");
        appendHex(out, c, 4);
        out += QLatin1Char('}');
    }
}

void appendJsonEscape(QByteArray &out, char16_t c)
{
    const char escape[] = {'\\', 'u', kHexDigits[(c >> 12) & 0xf], kHexDigits[(c >> 8) & 0xf],
                           kHexDigits[(c >> 4) & 0xf], kHexDigits[c & 0xf]};
    out.append(escape, sizeof escape);
}

bool breaksALine(char16_t c)
{
    return c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f' || c == 0x2028 || c == 0x2029;
}

// The unsafe character that starts at data[i] and its length in bytes, or length 0. UTF-8: the
// C1 controls are C2 80..C2 9F, U+061C is D8 9C, the others lie in E2 80 xx and E2 81 xx.
struct Found
{
    char16_t c = 0;
    int length = 0;
};

Found unsafeAt(const unsigned char *data, qsizetype size, qsizetype i)
{
    const unsigned char b = data[i];
    if (b < 0x20 || b == 0x7f)
        return {b, 1};
    if (i + 1 >= size)
        return {};
    const unsigned char next = data[i + 1];
    if (b == 0xc2 && next >= 0x80 && next <= 0x9f)
        return {next, 2};
    if (b == 0xd8 && next == 0x9c)
        return {0x061c, 2};
    if (b == 0xe2 && (next == 0x80 || next == 0x81) && i + 2 < size && (data[i + 2] & 0xc0) == 0x80) {
        const auto c = char16_t(0x2000 | ((next & 0x3f) << 6) | (data[i + 2] & 0x3f));
        if (TerminalSafeText::isUnsafe(c))
            return {c, 3};
    }
    return {};
}

} // namespace

namespace TerminalSafeText {

bool isUnsafe(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString forTsv(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        switch (c) {
        case u'\\': out += QLatin1String("\\\\"); break;
        case u'\t': out += QLatin1String("\\t"); break;
        case u'\n': out += QLatin1String("\\n"); break;
        case u'\r': out += QLatin1String("\\r"); break;
        default:
            if (isUnsafe(c))
                appendVisibleEscape(out, c);
            else
                out += qc;
        }
    }
    return out;
}

QString forLine(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (breaksALine(c))
            out += QLatin1Char(' ');
        else if (isUnsafe(c))
            appendVisibleEscape(out, c);
        else
            out += qc;
    }
    return out.simplified();
}

QByteArray forJson(const QByteArray &json)
{
    const auto *data = reinterpret_cast<const unsigned char *>(json.constData());
    const qsizetype size = json.size();
    QByteArray out; // stays empty while nothing needs escaping, as in almost every output
    bool inString = false;
    bool afterBackslash = false;
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const unsigned char b = data[i];
        Found found = unsafeAt(data, size, i);
        // Between tokens, tab and line breaks are JSON's own white space.
        if (!inString && found.length == 1 && (b == '\t' || b == '\n' || b == '\r'))
            found = {};
        if (found.length == 0) {
            if (!inString)
                inString = b == '"';
            else if (afterBackslash)
                afterBackslash = false;
            else if (b == '\\')
                afterBackslash = true;
            else if (b == '"')
                inString = false;
            continue;
        }
        if (out.isEmpty())
            out.reserve(size + 64);
        out.append(json.constData() + runStart, i - runStart);
        appendJsonEscape(out, found.c);
        afterBackslash = false;
        i += found.length - 1;
        runStart = i + 1;
    }
    if (runStart == 0)
        return json;
    out.append(json.constData() + runStart, size - runStart);
    return out;
}

} // namespace TerminalSafeText
