// SPDX-License-Identifier: MIT
#include "store/searchsnippet.h"

#include "search/searchengine.h"
#include "search/searchtext.h"

#include <algorithm>

SearchSnippet SearchSnippet::of(const SearchText &searchText, const SearchEngine &engine)
{
    // The text as shown, whichever form the caller holds (a raw row is the entry's JSON).
    const QString text = QString::fromUtf8(searchText.decoded().bytes);
    SearchSnippet snippet;
    const QList<TextRange> ranges = engine.findRanges(text, 1);
    qsizetype start = 0;
    qsizetype length = 0;
    if (!ranges.isEmpty()) {
        start = ranges.first().start;
        length = ranges.first().length;
    }
    // The value (segment) and line the match is in.
    const auto isBreak = [](QChar c) { return c == QChar(0) || c == QLatin1Char('\n'); };
    qsizetype lineStart = start;
    while (lineStart > 0 && !isBreak(text.at(lineStart - 1)))
        --lineStart;
    qsizetype lineEnd = start + length;
    while (lineEnd < text.size() && !isBreak(text.at(lineEnd)))
        ++lineEnd;
    const qsizetype from = std::max(lineStart, start - kBefore);
    // Up to kAfter characters after the match, and never more than a few hundred in all (a
    // regular expression may match a whole megabyte).
    const qsizetype to = std::min({lineEnd, start + length + kAfter, from + kBefore + 400});
    QString cut = text.mid(from, to - from);
    for (QChar &c : cut) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    const bool cutBefore = from > lineStart;
    const bool cutAfter = to < lineEnd;
    snippet.text = (cutBefore ? QString(QChar(0x2026)) : QString()) + cut + (cutAfter ? QString(QChar(0x2026)) : QString());
    snippet.matchStart = int(start - from + (cutBefore ? 1 : 0));
    snippet.matchLength = int(std::clamp<qsizetype>(to - start, 0, length));
    return snippet;
}
