// SPDX-License-Identifier: MIT
#include "ui/detail/markdownlinebreaks.h"

#include <QStringView>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace {

// EN QUAD: white space to the Markdown reader, as the line break it stands beside (a character
// that is not would change what "*" or "_" at the line's end mean), and next to never in text.
constexpr QChar kMarker(0x2000);

bool isBlank(QStringView line)
{
    for (QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// The line after its indentation, when that is at most three spaces (deeper is code or a
// continuation); null otherwise.
QStringView afterIndent(QStringView line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    if (i > 3 || (i < line.size() && line.at(i) == QLatin1Char('\t')))
        return {};
    return line.mid(i);
}

// "```" or "~~~" (three or more) after at most three spaces: the fence's length (its character
// in *character), or 0 when the line is no fence.
int fenceLength(QStringView line, QChar *character)
{
    const QStringView rest = afterIndent(line);
    if (rest.isEmpty())
        return 0;
    const QChar c = rest.at(0);
    if (c != QLatin1Char('`') && c != QLatin1Char('~'))
        return 0;
    int length = 0;
    while (length < rest.size() && rest.at(length) == c)
        ++length;
    if (length < 3)
        return 0;
    *character = c;
    return length;
}

// A list item's marker at the start of `rest` ("-", "*", "+", "1.", "2)") followed by a space, a
// tab or the line's end: its length; 0 otherwise.
int listMarkerLength(QStringView rest)
{
    if (rest.isEmpty())
        return 0;
    int marker = 0;
    if (rest.at(0) == QLatin1Char('-') || rest.at(0) == QLatin1Char('*') || rest.at(0) == QLatin1Char('+')) {
        marker = 1;
    } else {
        while (marker < rest.size() && marker < 10 && rest.at(marker).isDigit())
            ++marker;
        if (marker == 0 || marker >= rest.size() || (rest.at(marker) != QLatin1Char('.') && rest.at(marker) != QLatin1Char(')')))
            return 0;
        ++marker;
    }
    const bool spaceOrEnd = marker == rest.size() || rest.at(marker) == QLatin1Char(' ') || rest.at(marker) == QLatin1Char('\t');
    return spaceOrEnd ? marker : 0;
}

// A line that starts a block of its own, or underlines the one before: the paragraph ends
// before it, so the line before it needs no break.
bool startsABlock(QStringView line)
{
    const QStringView rest = afterIndent(line);
    if (rest.isNull())
        return false; // deeper: a lazy continuation of the paragraph
    const QChar first = rest.at(0);
    const auto spaceOrEnd = [&](int i) { return i >= rest.size() || rest.at(i) == QLatin1Char(' ') || rest.at(i) == QLatin1Char('\t'); };
    if (first == QLatin1Char('>') || first == QLatin1Char('#') || first == QLatin1Char('|') || first == QLatin1Char('='))
        return true;
    if ((first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+') || first == QLatin1Char('_'))
        && (spaceOrEnd(1) || rest.at(1) == first))
        return true; // a list item, a rule or a setext underline
    if (listMarkerLength(rest) > 0)
        return true; // an ordered list item (an unordered one is above)
    QChar fence;
    return fenceLength(line, &fence) > 0;
}

// The line after the markers of the quotes and list items it is in ("> 1. - text" → "text").
QStringView insideContainers(QStringView rest)
{
    while (!rest.isEmpty()) {
        if (rest.at(0) == QLatin1Char('>')) {
            int after = 1;
            while (after < rest.size() && (rest.at(after) == QLatin1Char(' ') || rest.at(after) == QLatin1Char('\t')))
                ++after;
            rest = rest.mid(after);
            continue;
        }
        int marker = listMarkerLength(rest);
        if (marker == 0)
            return rest;
        while (marker < rest.size() && (rest.at(marker) == QLatin1Char(' ') || rest.at(marker) == QLatin1Char('\t')))
            ++marker;
        rest = rest.mid(marker);
    }
    return rest;
}

int unescapedBackticks(QStringView line)
{
    int count = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == QLatin1Char('\\'))
            ++i;
        else if (line.at(i) == QLatin1Char('`'))
            ++count;
    }
    return count;
}

// A line after which a break may be kept: text of a paragraph (in a quote or a list item or
// not), not a heading, a rule, an underline or a fence, not a table's row (a table's lines are
// its rows already).
bool goesOnAsText(QStringView line)
{
    if (isBlank(line) || line.endsWith(QLatin1String("  ")) || line.endsWith(QLatin1Char('\\')))
        return false;
    QStringView rest = afterIndent(line);
    // An odd number of backticks may open a code span that goes on on the next line, where a line
    // break is a space.
    if (rest.isNull() || line.contains(QLatin1Char('|')) || unescapedBackticks(line) % 2 != 0)
        return false;
    rest = insideContainers(rest);
    QChar fence;
    if (rest.isEmpty() || rest.startsWith(QLatin1Char('#')) || fenceLength(rest, &fence) > 0)
        return false;
    // A rule or a heading's underline ("---", "===", "* * *") is one as long as nothing follows.
    for (QChar c : rest) {
        if (!c.isSpace() && c != QLatin1Char('-') && c != QLatin1Char('=') && c != QLatin1Char('*') && c != QLatin1Char('_'))
            return true;
    }
    return false;
}

} // namespace

namespace MarkdownLineBreaks {

QString marked(const QString &markdown, bool *anyMarked)
{
    *anyMarked = false;
    if (!markdown.contains(QLatin1Char('\n')) || markdown.contains(kMarker))
        return markdown;
    QList<QStringView> lines = QStringView(markdown).split(QLatin1Char('\n'));
    QString out;
    out.reserve(markdown.size() + markdown.size() / 8);
    QChar fenceCharacter;
    int fence = 0; // the open fence's length; 0 outside a fenced code block
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringView line = lines.at(i);
        const bool carriageReturn = line.endsWith(QLatin1Char('\r'));
        if (carriageReturn)
            line.chop(1);
        QChar character;
        const int length = fenceLength(line, &character);
        bool keepBreak = false;
        if (fence > 0) {
            if (length >= fence && character == fenceCharacter && isBlank(afterIndent(line).mid(length)))
                fence = 0;
        } else if (length > 0) {
            fence = length;
            fenceCharacter = character;
        } else if (i + 1 < lines.size() && goesOnAsText(line)) {
            QStringView next = lines.at(i + 1);
            if (next.endsWith(QLatin1Char('\r')))
                next.chop(1);
            keepBreak = !isBlank(next) && !startsABlock(next) && !next.contains(QLatin1Char('|'));
        }
        out.append(line);
        if (keepBreak) {
            *anyMarked = true;
            out.append(kMarker);
            out.append(QLatin1String("  "));
        }
        if (carriageReturn)
            out.append(QLatin1Char('\r'));
        if (i + 1 < lines.size())
            out.append(QLatin1Char('\n'));
    }
    return out;
}

void joinMarked(QTextDocument *document)
{
    QTextCursor cursor(document);
    // From the last block back, so that a block joined with the next one holds no marker of it.
    for (QTextBlock block = document->lastBlock(); block.isValid(); block = block.previous()) {
        const QString text = block.text();
        for (qsizetype at = text.lastIndexOf(kMarker); at >= 0; at = at > 0 ? text.lastIndexOf(kMarker, at - 1) : -1) {
            cursor.setPosition(block.position() + int(at));
            cursor.deleteChar();
            const QTextBlock next = block.next();
            // Where no paragraph went on after it (in indented code, say), a marker is only removed.
            if (at == text.size() - 1 && next.isValid() && block.blockFormat().headingLevel() == next.blockFormat().headingLevel()) {
                // The paragraph (or a heading underlined below its lines) goes on in the next
                // block: one block, the line broken inside it.
                cursor.deleteChar();
                cursor.insertText(QString(QChar::LineSeparator));
            }
        }
    }
}

} // namespace MarkdownLineBreaks
