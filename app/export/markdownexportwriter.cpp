// SPDX-License-Identifier: MIT
#include "export/markdownexportwriter.h"

#include "export/exporttext.h"
#include "run/entrydetail.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

bool isLineBreak(QChar c)
{
    return c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QChar::LineSeparator
        || c == QChar::ParagraphSeparator;
}

// One line of text made inert: characters that open inline structure (emphasis, code, links,
// HTML, entities, tables, strikethrough) are escaped everywhere; those that open a block
// (heading, quote, list, thematic break, setext underline) are escaped where a line starts; and
// leading whitespace, which would indent into a code block, becomes character references.
QString escapeLine(QStringView line)
{
    QString out;
    out.reserve(line.size() + 16);
    qsizetype i = 0;
    for (; i < line.size() && (line[i] == QLatin1Char(' ') || line[i] == QLatin1Char('\t')); ++i)
        out += line[i] == QLatin1Char(' ') ? QLatin1String("&#32;") : QLatin1String("&#9;");
    const qsizetype start = i;
    // "12." or "12)" at the start is an ordered list item.
    qsizetype digitsEnd = start;
    while (digitsEnd < line.size() && line[digitsEnd].isDigit() && line[digitsEnd].unicode() < 128)
        ++digitsEnd;
    static const QString inlineSpecial = QStringLiteral("\\`*_[]<>&|~#!");
    static const QString lineStartSpecial = QStringLiteral("-+=:");
    for (; i < line.size(); ++i) {
        const QChar c = line[i];
        const bool atStart = i == start;
        const bool listNumber = digitsEnd > start && i == digitsEnd
            && (c == QLatin1Char('.') || c == QLatin1Char(')'));
        if (inlineSpecial.contains(c) || (atStart && lineStartSpecial.contains(c)) || listNumber)
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// A text on one line (a heading, a summary value): line breaks become spaces.
QString inlineText(const QString &text)
{
    QString flat = text;
    for (QChar &c : flat) {
        if (isLineBreak(c))
            c = QLatin1Char(' ');
    }
    return escapeLine(flat);
}

// A text of many lines, each kept as its own line (a hard break, the backslash form) and blank
// lines as paragraph breaks.
QByteArray blockText(const QString &text)
{
    QList<QStringView> lines;
    qsizetype begin = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && !isLineBreak(text[i]))
            continue;
        lines.append(QStringView(text).mid(begin, i - begin));
        if (i + 1 < text.size() && text[i] == QLatin1Char('\r') && text[i + 1] == QLatin1Char('\n'))
            ++i;
        begin = i + 1;
    }
    const auto blank = [](QStringView l) { return l.trimmed().isEmpty(); };
    QString out;
    for (qsizetype k = 0; k < lines.size(); ++k) {
        if (blank(lines[k])) {
            if (!out.isEmpty() && !out.endsWith(QLatin1String("\n\n")))
                out += QLatin1Char('\n');
            continue;
        }
        out += escapeLine(lines[k]);
        const bool nextIsText = k + 1 < lines.size() && !blank(lines[k + 1]);
        out += nextIsText ? QLatin1String("\\\n") : QLatin1String("\n");
    }
    if (!out.endsWith(QLatin1Char('\n')))
        out += QLatin1Char('\n');
    return out.toUtf8();
}

qsizetype longestBacktickRun(const QByteArray &text)
{
    qsizetype longest = 0;
    qsizetype run = 0;
    for (const char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

QByteArray fenced(const QByteArray &content, const char *info)
{
    const QByteArray fence(std::max<qsizetype>(3, longestBacktickRun(content) + 1), '`');
    QByteArray out = fence + info + '\n' + content;
    if (!out.endsWith('\n'))
        out += '\n';
    out += fence + '\n';
    return out;
}

QByteArray payloadsText(const QList<ExportText::Payload> &payloads)
{
    QByteArray out;
    for (const ExportText::Payload &payload : payloads) {
        out += "\n**" + inlineText(payload.label).toUtf8() + "**\n\n";
        out += fenced(payload.content, payload.isJson ? "json" : "text");
    }
    return out;
}

QByteArray header(const RunSnapshot &snapshot)
{
    QByteArray out = "# " + inlineText(ExportText::title(snapshot)).toUtf8();
    if (snapshot.hasRun && snapshot.run.status)
        out += " \xc2\xb7 " + inlineText(*snapshot.run.status).toUtf8();
    out += "\n\n";
    for (const auto &[label, value] : ExportText::summary(snapshot))
        out += "- **" + inlineText(label).toUtf8() + ":** " + inlineText(value).toUtf8() + '\n';
    out += payloadsText(ExportText::runPayloads(snapshot));
    out += '\n';
    return out;
}

QByteArray entrySection(const RunSnapshot &snapshot, int index, const QByteArray &raw)
{
    const EntryDetail d = parseEntryDetail(raw);
    QStringList parts = {QString::number(index)};
    const QString time = ExportText::timeOf(d);
    if (!time.isEmpty())
        parts << time;
    parts << (d.messageType.isNull() ? QCoreApplication::translate("MarkdownExportWriter", "(no type)") : d.messageType);
    if (!d.toolName.isNull())
        parts << d.toolName;
    if (const std::optional<qint64> otherRun = ExportText::otherRunOf(snapshot, d))
        parts << ExportText::otherRunNote(snapshot, *otherRun);
    QByteArray out = "---\n\n## ";
    for (qsizetype k = 0; k < parts.size(); ++k)
        out += (k ? " \xc2\xb7 " : "") + inlineText(parts[k]).toUtf8();
    out += "\n\n";
    const auto note = snapshot.notes.constFind(index - 1);
    if (note != snapshot.notes.cend()) {
        // The user's note (their own Markdown) as a quote above the entry.
        out += "> **" + QCoreApplication::translate("MarkdownExportWriter", "Note:").toUtf8() + "**\n>\n";
        for (const QString &line : note->split(QLatin1Char('\n')))
            out += (line.isEmpty() ? QByteArray(">") : "> " + line.toUtf8()) + '\n';
        out += '\n';
    }
    if (!d.ok) {
        out += fenced(raw, "json");
        return out + '\n';
    }
    if (!d.thought.isNull() && !d.thought.trimmed().isEmpty())
        out += blockText(d.thought);
    out += payloadsText(ExportText::payloadsOf(d));
    out += '\n';
    return out;
}

} // namespace

namespace MarkdownExportWriter {

bool write(const RunSnapshot &snapshot, ExportSink &sink)
{
    if (!sink.write(header(snapshot)))
        return false;
    int index = 0;
    for (const QByteArray &entry : snapshot.entries) {
        if (!sink.write(entrySection(snapshot, ++index, entry)) || !sink.entryWritten())
            return false;
    }
    return true;
}

} // namespace MarkdownExportWriter
