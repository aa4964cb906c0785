// SPDX-License-Identifier: MIT
// The text rules of insights: a failure's signature and the "exit code N" sign.
#include "stats/insights.h"

#include <QRegularExpression>

namespace {

bool isAsciiHex(char16_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isAsciiDigit(char16_t c)
{
    return c >= '0' && c <= '9';
}

// The first line with something other than white space on it; empty when there is none.
QStringView firstNonBlankLine(QStringView text)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start;
        bool blank = true;
        while (end < text.size() && text[end] != u'\n' && text[end] != u'\r') {
            blank = blank && text[end].isSpace();
            ++end;
        }
        if (!blank)
            return text.mid(start, end - start);
        start = end + 1;
    }
    return {};
}

// The run of hexadecimal characters at `start`: where it ends, and whether it makes an H (8 or
// more with a letter).
struct HexRun
{
    qsizetype end = 0;
    bool isH = false;
};

HexRun hexRunAt(QStringView line, qsizetype start)
{
    HexRun run{start, false};
    bool hasLetter = false;
    while (run.end < line.size() && isAsciiHex(line[run.end].unicode())) {
        hasLetter = hasLetter || !isAsciiDigit(line[run.end].unicode());
        ++run.end;
    }
    run.isH = run.end - start >= 8 && hasLetter;
    return run;
}

// Hexadecimal runs of 8 or more with a letter become H, other digit runs N.
QString withNumbersReplaced(QStringView line)
{
    QString out;
    out.reserve(line.size());
    qsizetype i = 0;
    while (i < line.size()) {
        if (!isAsciiHex(line[i].unicode())) {
            out.append(line[i]);
            ++i;
            continue;
        }
        const HexRun run = hexRunAt(line, i);
        const qsizetype end = run.end;
        if (run.isH) {
            out.append(u'H');
        } else {
            for (qsizetype k = i; k < end;) {
                if (isAsciiDigit(line[k].unicode())) {
                    while (k < end && isAsciiDigit(line[k].unicode()))
                        ++k;
                    out.append(u'N');
                } else {
                    out.append(line[k]);
                    ++k;
                }
            }
        }
        i = end;
    }
    return out;
}

QString withSpaceCollapsed(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (QChar c : text) {
        if (c.isSpace()) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(u' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

// At most `maxCodePoints` code points; a surrogate pair is one and is never split.
QString cutToCodePoints(const QString &text, int maxCodePoints)
{
    qsizetype units = 0;
    int codePoints = 0;
    while (units < text.size() && codePoints < maxCodePoints) {
        const bool pair = text[units].isHighSurrogate() && units + 1 < text.size() && text[units + 1].isLowSurrogate();
        units += pair ? 2 : 1;
        ++codePoints;
    }
    return text.left(units);
}

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Whether `word` (lower case) is at `at`, in any casing.
bool hasWordAt(QByteArrayView text, qsizetype at, const char *word, qsizetype length)
{
    if (at + length > text.size())
        return false;
    for (qsizetype k = 0; k < length; ++k) {
        if (lowerAscii(text[at + k]) != word[k])
            return false;
    }
    return true;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

namespace InsightsFinder {

QString signatureOf(QStringView text)
{
    const QStringView line = firstNonBlankLine(text);
    if (line.isEmpty())
        return QStringLiteral("");
    return cutToCodePoints(withSpaceCollapsed(withNumbersReplaced(line)), kMaxSignatureChars);
}

QString failureLineOf(QStringView text)
{
    const QStringView line = firstNonBlankLine(text);
    if (line.isEmpty())
        return QStringLiteral("");
    return cutToCodePoints(withSpaceCollapsed(line), kMaxSignatureChars);
}

QString signatureSearchPattern(QStringView text)
{
    // Walks the line as withNumbersReplaced and withSpaceCollapsed do, counting the signature's
    // code points so that the pattern stops where the signature is cut.
    const QStringView line = firstNonBlankLine(text).trimmed();
    QString pattern;
    int signatureChars = 0;
    qsizetype i = 0;
    while (i < line.size() && signatureChars < kMaxSignatureChars) {
        const char16_t c = line[i].unicode();
        if (line[i].isSpace()) {
            while (i < line.size() && line[i].isSpace())
                ++i;
            pattern += QLatin1String("\\s+");
            ++signatureChars;
            continue;
        }
        if (isAsciiHex(c)) {
            const HexRun run = hexRunAt(line, i);
            if (run.isH) {
                pattern += QLatin1String("[0-9A-Fa-f]{8,}");
                ++signatureChars;
                i = run.end;
                continue;
            }
            if (isAsciiDigit(c)) {
                while (i < run.end && isAsciiDigit(line[i].unicode()))
                    ++i;
                pattern += QLatin1String("\\d+");
                ++signatureChars;
                continue;
            }
        }
        const bool pair = line[i].isHighSurrogate() && i + 1 < line.size() && line[i + 1].isLowSurrogate();
        pattern += QRegularExpression::escape(line.mid(i, pair ? 2 : 1));
        i += pair ? 2 : 1;
        ++signatureChars;
    }
    return pattern;
}

bool hasFailingExitText(QByteArrayView text, std::optional<double> *exitCode)
{
    std::optional<double> firstZero;
    for (qsizetype i = 0; i + 4 <= text.size(); ++i) {
        if (!hasWordAt(text, i, "exit", 4))
            continue;
        qsizetype at = i + 4;
        if (at >= text.size() || !isBlank(text[at]))
            continue;
        while (at < text.size() && isBlank(text[at]))
            ++at;
        if (hasWordAt(text, at, "code", 4))
            at += 4;
        else if (hasWordAt(text, at, "status", 6))
            at += 6;
        else
            continue;
        // "exit code 1", "exit code: 1", "exit code:1": some separator, at most one colon.
        const qsizetype wordEnd = at;
        while (at < text.size() && isBlank(text[at]))
            ++at;
        if (at < text.size() && text[at] == ':')
            ++at;
        while (at < text.size() && isBlank(text[at]))
            ++at;
        if (at == wordEnd)
            continue;
        const bool negative = at < text.size() && text[at] == '-';
        if (negative)
            ++at;
        if (at >= text.size() || !isAsciiDigit(char16_t(uchar(text[at]))))
            continue;
        double value = 0;
        while (at < text.size() && isAsciiDigit(char16_t(uchar(text[at])))) {
            value = value * 10 + (text[at] - '0');
            ++at;
        }
        if (value != 0) {
            if (exitCode)
                *exitCode = negative ? -value : value;
            return true;
        }
        if (!firstZero)
            firstZero = 0.0;
        i = at - 1;
    }
    if (exitCode && firstZero)
        *exitCode = firstZero;
    return false;
}

} // namespace InsightsFinder
