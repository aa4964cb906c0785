// SPDX-License-Identifier: MIT
#include "agentlogs/codexrolloutscan.h"

#include <QByteArrayMatcher>

#include <algorithm>
#include <cstring>

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

} // namespace

CodexRolloutScan::CodexRolloutScan(QByteArrayView bytes, bool callIds, CancelCheck &cancelled)
    : m_bytes(bytes)
{
    findLetterEscapes();
    m_lastUnclear = m_letterEscapes.isEmpty() ? -1 : m_letterEscapes.constLast();
    if (callIds)
        findCallIds(cancelled);
}

// A JSON string spells a letter or "_" otherwise than literally only as an escape \u0040 to
// \u007f (JSON's other escapes are of quotes, slashes and control characters). An escaped backslash before "u"
// (text, not an escape) is counted too: one more place that may be anything, never one less.
// (memchr for each backslash: several times faster than a search for the four bytes.)
void CodexRolloutScan::findLetterEscapes()
{
    const char *const start = m_bytes.data();
    const char *const end = start + m_bytes.size();
    for (const char *at = start; at < end; ++at) {
        at = static_cast<const char *>(std::memchr(at, '\\', size_t(end - at)));
        if (!at)
            return;
        if (end - at > 4 && at[1] == 'u' && at[2] == '0' && at[3] == '0' && at[4] >= '4' && at[4] <= '7')
            m_letterEscapes.append(at - start);
    }
}

// Every "call_id" key and its string value. A value read for sure is a string without escapes
// (the id itself); any other (an escape, no string, a line cut short) is unclear: a call may
// change until the lines read have passed the last unclear place. "call_id" that is no key (a
// string value, text) names nothing; a key of another object than the payload names its value:
// one more place, never one less.
void CodexRolloutScan::findCallIds(CancelCheck &cancelled)
{
    constexpr QByteArrayView key("\"call_id\"");
    constexpr qsizetype underscore = 5; // found by its "_" (memchr): twice as fast as a search for the word
    const qsizetype size = m_bytes.size();
    const char *data = m_bytes.data();
    for (const char *found = data + underscore; found < data + size; ++found) {
        found = static_cast<const char *>(std::memchr(found, '_', size_t(data + size - found)));
        if (!found)
            return;
        const qsizetype at = found - data - underscore;
        if (size - at < key.size() || std::memcmp(data + at, key.data(), size_t(key.size())) != 0)
            continue;
        if (cancelled()) {
            m_cancelled = true;
            return;
        }
        qsizetype pos = at + key.size();
        while (pos < size && isJsonSpace(data[pos]))
            ++pos;
        if (pos >= size || data[pos] != ':')
            continue;
        ++pos;
        while (pos < size && isJsonSpace(data[pos]))
            ++pos;
        qsizetype end = pos + 1;
        while (end < size && data[end] != '"' && data[end] != '\\' && data[end] != '\n')
            ++end;
        if (pos >= size || data[pos] != '"' || end >= size || data[end] != '"') {
            m_lastUnclear = std::max(m_lastUnclear, at);
            continue;
        }
        m_callIds.insert(m_bytes.sliced(pos + 1, end - pos - 1), at);
    }
}

qsizetype CodexRolloutScan::lastPlaceThatMayNameCall(QByteArrayView callId) const
{
    return std::max(m_callIds.value(callId, -1), m_lastUnclear);
}

// Searched from the end a block at a time (the word is usually near it; a backward search of a
// whole file for a word it lacks cost five times a forward one).
qsizetype CodexRolloutScan::lastPlaceThatMayHold(QByteArrayView quotedWord) const
{
    const qsizetype lastEscape = m_letterEscapes.isEmpty() ? -1 : m_letterEscapes.constLast();
    const QByteArrayMatcher word(quotedWord);
    constexpr qsizetype kBlock = 1 << 16;
    for (qsizetype blockEnd = m_bytes.size(); blockEnd > lastEscape && blockEnd > 0; blockEnd -= kBlock) {
        const qsizetype blockStart = std::max<qsizetype>(0, blockEnd - kBlock);
        // The block and the word's length less one after it: a word across the blocks' border is found.
        const QByteArrayView block = m_bytes.sliced(blockStart, std::min(m_bytes.size(), blockEnd + quotedWord.size() - 1) - blockStart);
        qsizetype last = -1;
        for (qsizetype at = word.indexIn(block); at >= 0; at = word.indexIn(block, at + 1))
            last = at;
        if (last >= 0)
            return std::max(blockStart + last, lastEscape);
    }
    return lastEscape;
}

void CodexRolloutScan::forEachLineThatMayHold(QByteArrayView quotedWord, const std::function<bool(QByteArrayView line)> &visit) const
{
    const QByteArrayMatcher word(quotedWord);
    qsizetype wordAt = word.indexIn(m_bytes);
    qsizetype escapeIndex = 0;
    qsizetype lineEnd = -1; // of the last line visited
    while (true) {
        while (escapeIndex < m_letterEscapes.size() && m_letterEscapes.at(escapeIndex) <= lineEnd)
            ++escapeIndex;
        if (wordAt >= 0 && wordAt <= lineEnd)
            wordAt = word.indexIn(m_bytes, lineEnd + 1);
        const qsizetype escapeAt = escapeIndex < m_letterEscapes.size() ? m_letterEscapes.at(escapeIndex) : -1;
        if (wordAt < 0 && escapeAt < 0)
            return;
        const qsizetype at = wordAt < 0 ? escapeAt : escapeAt < 0 ? wordAt : std::min(wordAt, escapeAt);
        const qsizetype lineStart = m_bytes.first(at).lastIndexOf('\n') + 1;
        lineEnd = m_bytes.indexOf('\n', at);
        if (lineEnd < 0)
            lineEnd = m_bytes.size();
        QByteArrayView line = m_bytes.sliced(lineStart, lineEnd - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        if (!visit(line))
            return;
    }
}
