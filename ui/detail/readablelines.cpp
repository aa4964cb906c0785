// SPDX-License-Identifier: MIT
#include "ui/detail/readablelines.h"

#include "ui/detail/difflines.h"
#include "ui/detail/entryrenderer.h"

int ReadableLines::indentOf(const QString &line)
{
    int indent = 0;
    while (indent < line.size() && line.at(indent) == QLatin1Char(' '))
        ++indent;
    return indent;
}

ReadableLines::Line ReadableLines::next(const QString &line)
{
    Line result;
    const int size = int(line.size());
    if (size == 0)
        return result;
    const int indent = indentOf(line);
    // A block's lines are deeper than the key or dash that opened it.
    if (m_blockOwner >= 0 && indent > m_blockOwner) {
        if (m_textStart < 0) {
            m_textStart = indent;
            m_blockIsDiff = DiffLines::opensDiff(QStringView(line).mid(indent));
        }
        result.kind = Kind::BlockText;
        result.textStart = m_textStart;
        result.blockIsDiff = m_blockIsDiff;
        return result;
    }
    m_blockOwner = -1;
    int start = indent;
    while (start + 1 < size && line.at(start) == QLatin1Char('-') && line.at(start + 1) == QLatin1Char(' '))
        start += 2;
    if (start > indent && start == size - 1 && line.at(start) == QLatin1Char('|')) {
        // "- |": a multi-line string item; its lines are deeper than its dash.
        m_blockOwner = start - 2;
        m_textStart = -1;
        return result;
    }
    const int key = EntryRenderer::keyLength(line, start, EntryRenderer::Mode::Readable);
    if (key <= 0)
        return result;
    result.kind = Kind::Key;
    result.keyStart = start;
    result.keyLength = key;
    if (line.endsWith(QLatin1String(": |"))) {
        m_blockOwner = start;
        m_textStart = -1;
    }
    return result;
}
