// SPDX-License-Identifier: MIT
#include "agentlogs/jsontextparts.h"

#include "json/jsontokens.h"


namespace JsonTextParts {

namespace {

// The closing quote of the string whose opening quote is at `open`, or -1 (JsonTokens decides
// what ends a string, for every exact tool alike).
qsizetype closingQuote(const char *data, qsizetype size, qsizetype open)
{
    const qsizetype end = JsonTokens::closingQuoteEnd(data, size, open);
    return end < 0 ? -1 : end - 1;
}

// The parts of `open` ... `close` (the text's only container), separated by commas at its own
// level, each without the white space around it.
std::optional<QList<QByteArrayView>> parts(QByteArrayView text, char open, char close)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype pos = 0;
    while (pos < size && JsonTokens::isSpace(data[pos]))
        ++pos;
    if (pos == size || data[pos] != open)
        return std::nullopt;
    ++pos;
    QList<QByteArrayView> out;
    int depth = 0;            // inside the current part
    qsizetype partStart = -1; // -1: no byte of the current part yet
    qsizetype partEnd = -1;   // after its last byte that is no white space
    bool closed = false;
    while (pos < size) {
        const char c = data[pos];
        if (c == '"') {
            const qsizetype quote = closingQuote(data, size, pos);
            if (quote < 0)
                return std::nullopt;
            if (partStart < 0)
                partStart = pos;
            pos = quote + 1;
            partEnd = pos;
            continue;
        }
        if (depth == 0 && (c == ',' || c == close)) {
            if (partStart < 0) {
                // "[]" and "{}" are empty; a part missing before a comma or after one is not JSON.
                if (c == close && out.isEmpty()) {
                    closed = true;
                    ++pos;
                    break;
                }
                return std::nullopt;
            }
            out.append(QByteArrayView(data + partStart, partEnd - partStart));
            partStart = -1;
            ++pos;
            if (c == close) {
                closed = true;
                break;
            }
            continue;
        }
        if (!JsonTokens::isSpace(c)) {
            if (c == '[' || c == '{')
                ++depth;
            else if ((c == ']' || c == '}') && --depth < 0)
                return std::nullopt;
            if (partStart < 0)
                partStart = pos;
            partEnd = pos + 1;
        }
        ++pos;
    }
    if (!closed)
        return std::nullopt;
    while (pos < size && JsonTokens::isSpace(data[pos]))
        ++pos;
    if (pos != size)
        return std::nullopt;
    return out;
}

} // namespace

std::optional<QList<QByteArrayView>> arrayElements(QByteArrayView text)
{
    return parts(text, '[', ']');
}

std::optional<QList<Member>> objectMembers(QByteArrayView text)
{
    const std::optional<QList<QByteArrayView>> members = parts(text, '{', '}');
    if (!members)
        return std::nullopt;
    QList<Member> out;
    out.reserve(members->size());
    for (const QByteArrayView member : *members) {
        // `"key" : value`: the key's closing quote, then the colon after white space.
        if (!member.startsWith('"'))
            return std::nullopt;
        const qsizetype quote = closingQuote(member.data(), member.size(), 0);
        if (quote < 0)
            return std::nullopt;
        qsizetype pos = quote + 1;
        while (pos < member.size() && JsonTokens::isSpace(member[pos]))
            ++pos;
        if (pos == member.size() || member[pos] != ':')
            return std::nullopt;
        ++pos;
        while (pos < member.size() && JsonTokens::isSpace(member[pos]))
            ++pos;
        if (pos == member.size())
            return std::nullopt;
        out.append({member.sliced(1, quote - 1), member.sliced(pos)});
    }
    return out;
}

bool isPlainKey(QByteArrayView key)
{
    for (const char c : key) {
        if (c < 0x20 || c > 0x7e || c == '\\')
            return false;
    }
    return true;
}

} // namespace JsonTextParts
