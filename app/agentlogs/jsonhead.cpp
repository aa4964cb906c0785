// SPDX-License-Identifier: MIT
#include "agentlogs/jsonhead.h"

#include "json/jsontokens.h"

namespace {

QByteArrayView withoutBom(QByteArrayView bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return bytes.sliced(3);
    return bytes;
}

qsizetype skipSpace(QByteArrayView text, qsizetype at)
{
    while (at < text.size() && JsonTokens::isSpace(text.at(at)))
        ++at;
    return at;
}

// Index just past the value that starts at `at` (a string, a scalar, or a whole container with
// everything nested in it), or -1 when the head ends first.
qsizetype skipValue(QByteArrayView text, qsizetype at)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    if (at >= size)
        return -1;
    const char first = data[at];
    if (first == '"')
        return JsonTokens::closingQuoteEnd(data, size, at);
    if (first != '{' && first != '[')
        return JsonTokens::scalarTokenEnd(data, size, at, JsonTokens::ScalarStop::ValueEnd);
    int depth = 0;
    for (qsizetype i = at; i < size; ++i) {
        const char c = data[i];
        if (c == '"') {
            const qsizetype end = JsonTokens::closingQuoteEnd(data, size, i);
            if (end < 0)
                return -1;
            i = end - 1;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

// Reads the keys of the object that opens at `at` into `head`.
void readObjectKeys(QByteArrayView text, qsizetype at, JsonHead &head)
{
    const char *data = text.data();
    const qsizetype size = text.size();
    qsizetype i = at + 1;
    while (true) {
        i = skipSpace(text, i);
        if (i >= size)
            return;
        if (data[i] == '}') {
            head.objectComplete = true;
            return;
        }
        if (data[i] == ',') {
            ++i;
            continue;
        }
        if (data[i] != '"')
            return; // not JSON as far as the head goes: what was read stands
        const qsizetype nameEnd = JsonTokens::closingQuoteEnd(data, size, i);
        if (nameEnd < 0)
            return;
        JsonHeadKey key;
        key.name = QByteArray(data + i + 1, nameEnd - i - 2);
        i = skipSpace(text, nameEnd);
        if (i >= size || data[i] != ':') {
            if (i >= size)
                head.keys.append(key);
            return;
        }
        i = skipSpace(text, i + 1);
        if (i >= size) {
            head.keys.append(key);
            return;
        }
        key.valueStart = data[i];
        const qsizetype valueEnd = skipValue(text, i);
        if (valueEnd >= 0 && key.valueStart == '"')
            key.stringValue = QByteArray(data + i + 1, valueEnd - i - 2);
        head.keys.append(key);
        if (valueEnd < 0)
            return;
        i = valueEnd;
    }
}

} // namespace

const JsonHeadKey *JsonHead::key(QByteArrayView name) const
{
    for (const JsonHeadKey &candidate : keys) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

JsonHead readJsonHead(QByteArrayView bytes)
{
    JsonHead head;
    const QByteArrayView text = withoutBom(bytes);
    qsizetype i = skipSpace(text, 0);
    if (i >= text.size() || (text.at(i) != '{' && text.at(i) != '['))
        return head;
    head.container = text.at(i);
    if (head.container == '[') {
        i = skipSpace(text, i + 1);
        if (i >= text.size() || text.at(i) != '{')
            return head;
    }
    readObjectKeys(text, i, head);
    return head;
}

QByteArrayView firstNonEmptyLine(QByteArrayView bytes)
{
    QByteArrayView rest = withoutBom(bytes);
    while (!rest.isEmpty()) {
        const qsizetype newline = rest.indexOf('\n');
        const QByteArrayView line = newline < 0 ? rest : rest.first(newline);
        if (skipSpace(line, 0) < line.size())
            return line.endsWith('\r') ? line.chopped(1) : line;
        if (newline < 0)
            break;
        rest = rest.sliced(newline + 1);
    }
    return {};
}
