// SPDX-License-Identifier: MIT
#include "run/keyfieldsummary.h"

#include "json/jsontext.h"
#include "json/jsontokens.h"

#include <QList>

#include <algorithm>
#include <array>
#include <string_view>

namespace {

// Members that usually say what happened, in the order they lead the line.
constexpr std::array<std::string_view, 16> kLeadingKeys = {
    "status", "error", "message", "summary", "result", "command", "cmd", "query", "pattern",
    "path", "file_path", "filename", "url", "title", "name", "description",
};
constexpr qsizetype kValueBytes = 120;      // one value never takes the whole line
constexpr qsizetype kNestedBytes = 48;      // nested objects and arrays: a glimpse
constexpr int kMaxMembers = 64;             // enough for any line; the rest is skipped

struct Member
{
    QByteArrayView key;     // raw, between the quotes
    QByteArrayView value;   // raw JSON
};

qsizetype skipSpace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && JsonTokens::isSpace(s[i]))
        ++i;
    return i;
}

// Index just past the value that starts at i (a string, a nested object or array, a scalar).
qsizetype valueEnd(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
        return s.size();
    if (s[i] == '"')
        return JsonTokens::stringTokenEnd(s.data(), s.size(), i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = JsonTokens::stringTokenEnd(s.data(), s.size(), i);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            ++i;
        }
        return s.size();
    }
    return JsonTokens::scalarTokenEnd(s.data(), s.size(), i, JsonTokens::ScalarStop::ValueEnd);
}

bool members(QByteArrayView s, QList<Member> &out)
{
    qsizetype i = skipSpace(s, 0);
    if (i >= s.size() || s[i] != '{')
        return false;
    i = skipSpace(s, i + 1);
    while (i < s.size() && s[i] != '}' && out.size() < kMaxMembers) {
        if (s[i] != '"')
            return false;
        const qsizetype keyEnd = JsonTokens::stringTokenEnd(s.data(), s.size(), i);
        if (keyEnd >= s.size())
            return false;
        Member member;
        member.key = s.sliced(i + 1, keyEnd - i - 2);
        i = skipSpace(s, keyEnd);
        if (i >= s.size() || s[i] != ':')
            return false;
        i = skipSpace(s, i + 1);
        const qsizetype end = valueEnd(s, i);
        if (end <= i)
            return false;
        member.value = s.sliced(i, end - i);
        out.append(member);
        i = skipSpace(s, end);
        if (i < s.size() && s[i] == ',')
            i = skipSpace(s, i + 1);
    }
    return true;
}

int leadingRank(QByteArrayView key)
{
    const std::string_view k(key.data(), size_t(key.size()));
    for (size_t rank = 0; rank < kLeadingKeys.size(); ++rank) {
        if (kLeadingKeys[rank] == k)
            return int(rank);
    }
    return int(kLeadingKeys.size());
}

void appendCut(QByteArray &out, const QByteArray &text, qsizetype maxBytes)
{
    if (text.size() <= maxBytes) {
        out.append(text);
        return;
    }
    qsizetype keep = maxBytes;
    while (keep > 0 && (uchar(text[keep]) & 0xC0) == 0x80) // not inside a UTF-8 character
        --keep;
    out.append(text.left(keep));
    out.append("\xE2\x80\xA6"); // …
}

void appendValue(QByteArray &out, QByteArrayView value)
{
    if (value.startsWith('"')) {
        QByteArray text;
        const qsizetype end = value.size() >= 2 && value.endsWith('"') ? value.size() - 1 : value.size();
        JsonTokens::appendDecodedString(text, value.data() + 1, value.data() + end,
                                        JsonTokens::StringDecoding::Display);
        appendCut(out, text, kValueBytes);
    } else if (value.startsWith('{') || value.startsWith('[')) {
        const QByteArray preview = JsonText::compactPreview(value, kNestedBytes + 4);
        appendCut(out, preview, kNestedBytes);
    } else {
        appendCut(out, value.toByteArray(), kValueBytes);
    }
}

} // namespace

namespace KeyFieldSummary {

QByteArray of(QByteArrayView rawObject, qsizetype maxBytes)
{
    QList<Member> found;
    if (!members(rawObject, found) || found.isEmpty())
        return {};
    std::stable_sort(found.begin(), found.end(),
                     [](const Member &a, const Member &b) { return leadingRank(a.key) < leadingRank(b.key); });
    QByteArray line;
    for (const Member &member : std::as_const(found)) {
        if (line.size() >= maxBytes)
            break;
        if (!line.isEmpty())
            line.append(" \xC2\xB7 "); // " · "
        JsonTokens::appendDecodedString(line, member.key.data(), member.key.data() + member.key.size(),
                                        JsonTokens::StringDecoding::Display);
        line.append(": ");
        appendValue(line, member.value);
    }
    return line;
}

} // namespace KeyFieldSummary
