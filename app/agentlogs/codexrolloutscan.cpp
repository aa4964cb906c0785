// SPDX-License-Identifier: MIT
#include "agentlogs/codexrolloutscan.h"

#include <QByteArrayMatcher>

#include <algorithm>

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
    const qsizetype lastEscape = m_letterEscapes.isEmpty() ? -1 : m_letterEscapes.constLast();
    m_lastUnclear = lastEscape;
    if (callIds) {
        findCallIds(cancelled);
        if (m_cancelled)
            return;
        // A line may be an assistant text without either word only when it spells one with escapes.
        m_lastAssistantText = std::max({bytes.lastIndexOf(QByteArrayView("\"assistant\"")), bytes.lastIndexOf(QByteArrayView("\"agent_message\"")),
                                        lastEscape});
    }
}

// A JSON string spells a letter or "_" otherwise than literally only as an escape \u0040 to
// \u007f (JSON's other escapes are of quotes, slashes and control characters). An escaped backslash before "u"
// (text, not an escape) is counted too: one more place that may be anything, never one less.
void CodexRolloutScan::findLetterEscapes()
{
    static const QByteArrayMatcher escape(QByteArrayView("\\u00"));
    for (qsizetype at = escape.indexIn(m_bytes); at >= 0; at = escape.indexIn(m_bytes, at + 1)) {
        const qsizetype next = at + 4;
        if (next < m_bytes.size() && m_bytes.at(next) >= '4' && m_bytes.at(next) <= '7')
            m_letterEscapes.append(at);
    }
}

// Every "call_id" key and its string value. A value read for sure is a string without escapes
// (the id itself); any other (an escape, no string, a line cut short) is unclear: a call may
// change until the lines read have passed the last unclear place. "call_id" that is no key (a
// string value, text) names nothing; a key of another object than the payload names its value:
// one more place, never one less.
void CodexRolloutScan::findCallIds(CancelCheck &cancelled)
{
    static const QByteArrayMatcher key(QByteArrayView("\"call_id\""));
    const qsizetype size = m_bytes.size();
    const char *data = m_bytes.data();
    for (qsizetype at = key.indexIn(m_bytes); at >= 0; at = key.indexIn(m_bytes, at + 1)) {
        if (cancelled()) {
            m_cancelled = true;
            return;
        }
        qsizetype pos = at + 9;
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
