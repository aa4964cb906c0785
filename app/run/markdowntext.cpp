// SPDX-License-Identifier: MIT
#include "run/markdowntext.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

QString plainLine(const QString &line)
{
    static const QRegularExpression blockMarks(QStringLiteral("^(#{1,6}|[-*+>]|\\d+[.)])\\s+"));
    static const QRegularExpression link(QStringLiteral("!?\\[([^\\]]*)\\]\\([^)]*\\)"));
    static const QRegularExpression emphasis(QStringLiteral("\\*\\*|__|`|~~"));
    static const QRegularExpression rule(QStringLiteral("^([-*_]\\s*){3,}$"));
    QString text = line.trimmed();
    if (rule.match(text).hasMatch())
        return QString();
    // "> - item": marks nest.
    for (int k = 0; k < 3; ++k) {
        const QString before = text;
        text.remove(blockMarks);
        if (text == before)
            break;
    }
    text.replace(link, QStringLiteral("\\1"));
    text.remove(emphasis);
    return text.simplified();
}

} // namespace

namespace MarkdownText {

QString plain(const QString &markdown)
{
    QStringList lines;
    for (const QString &line : markdown.split(QLatin1Char('\n'))) {
        const QString text = plainLine(line);
        if (!text.isEmpty())
            lines << text;
    }
    return lines.join(QLatin1Char('\n'));
}

QString firstLine(const QString &markdown)
{
    for (const QString &line : markdown.split(QLatin1Char('\n'))) {
        const QString text = plainLine(line);
        if (!text.isEmpty())
            return text;
    }
    return QString();
}

QString oneLine(const QString &markdown)
{
    QString text = plain(markdown);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return text.simplified();
}

} // namespace MarkdownText
