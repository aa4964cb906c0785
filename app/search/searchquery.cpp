// SPDX-License-Identifier: MIT
#include "search/searchquery.h"

#include <QCoreApplication>

namespace {

QRegularExpression::PatternOptions optionsFor(const SearchQuery &query)
{
    // Unicode properties make \w, \b and \d agree with the plain-text search's idea of a word.
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!query.caseSensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    return options;
}

// The user's own pattern, unwrapped: its errors must point into what the user typed.
QRegularExpression userExpression(const SearchQuery &query)
{
    return QRegularExpression(query.pattern, optionsFor(query));
}

} // namespace

bool SearchQuery::isValid() const
{
    return !regex || userExpression(*this).isValid();
}

qsizetype SearchQuery::errorOffset() const
{
    if (!regex)
        return -1;
    const QRegularExpression re = userExpression(*this);
    return re.isValid() ? -1 : re.patternErrorOffset();
}

QString SearchQuery::errorText() const
{
    if (!regex)
        return {};
    const QRegularExpression re = userExpression(*this);
    if (re.isValid())
        return {};
    const qsizetype offset = re.patternErrorOffset();
    if (offset < 0)
        return re.errorString();
    return QCoreApplication::translate("SearchQuery", "%1 at character %2")
        .arg(re.errorString())
        .arg(offset + 1);
}

QRegularExpression SearchQuery::regularExpression() const
{
    const QString body = regex ? pattern : QRegularExpression::escape(pattern);
    if (!wholeWord)
        return QRegularExpression(body, optionsFor(*this));
    // Whole word as in plain text: a boundary is only required where the match's own edge
    // character is a word character, so "(x)" still matches inside "f(x)". At each edge,
    // "not (word character before and word character after)".
    static const QString edge = QStringLiteral("(?:(?<!\\w)|(?!\\w))");
    const QString wrapped = edge + QStringLiteral("(?:") + body + QStringLiteral(")") + edge;
    return QRegularExpression(wrapped, optionsFor(*this));
}
