// SPDX-License-Identifier: MIT
#include "agentlogs/jsonarrayelements.h"

#include <cstring>

namespace JsonArrayElements {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The closing quote of the string whose opening quote is at `open`, or -1: a quote preceded by
// an odd number of backslashes is escaped (a pair of backslashes is one escaped backslash).
qsizetype closingQuote(const char *data, qsizetype size, qsizetype open)
{
    qsizetype from = open + 1;
    while (from < size) {
        const void *found = std::memchr(data + from, '"', size_t(size - from));
        if (!found)
            return -1;
        const qsizetype quote = static_cast<const char *>(found) - data;
        qsizetype backslashes = 0;
        while (quote - 1 - backslashes > open && data[quote - 1 - backslashes] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote;
        from = quote + 1;
    }
    return -1;
}

} // namespace

std::optional<QList<QByteArrayView>> split(QByteArrayView text)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype pos = 0;
    while (pos < size && isJsonSpace(data[pos]))
        ++pos;
    if (pos == size || data[pos] != '[')
        return std::nullopt;
    ++pos;
    QList<QByteArrayView> elements;
    int depth = 0;               // inside the current element
    qsizetype elementStart = -1; // -1: no byte of the current element yet
    qsizetype elementEnd = -1;   // after its last byte that is no white space
    bool closed = false;
    while (pos < size) {
        const char c = data[pos];
        if (c == '"') {
            const qsizetype quote = closingQuote(data, size, pos);
            if (quote < 0)
                return std::nullopt;
            if (elementStart < 0)
                elementStart = pos;
            pos = quote + 1;
            elementEnd = pos;
            continue;
        }
        if (depth == 0 && (c == ',' || c == ']')) {
            if (elementStart < 0) {
                // "[]" is the empty list; an element missing before a comma or after one is not JSON.
                if (c == ']' && elements.isEmpty()) {
                    closed = true;
                    ++pos;
                    break;
                }
                return std::nullopt;
            }
            elements.append(QByteArrayView(data + elementStart, elementEnd - elementStart));
            elementStart = -1;
            ++pos;
            if (c == ']') {
                closed = true;
                break;
            }
            continue;
        }
        if (!isJsonSpace(c)) {
            if (c == '[' || c == '{')
                ++depth;
            else if ((c == ']' || c == '}') && --depth < 0)
                return std::nullopt;
            if (elementStart < 0)
                elementStart = pos;
            elementEnd = pos + 1;
        }
        ++pos;
    }
    if (!closed)
        return std::nullopt;
    while (pos < size && isJsonSpace(data[pos]))
        ++pos;
    if (pos != size)
        return std::nullopt;
    return elements;
}

} // namespace JsonArrayElements
