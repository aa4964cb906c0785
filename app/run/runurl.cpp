// SPDX-License-Identifier: MIT
#include "run/runurl.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace {
std::optional<qint64> positiveNumber(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

QStringList pathParts(const QString &text)
{
    const QUrl url = QUrl::fromUserInput(text.trimmed());
    return url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
}
} // namespace

namespace RunUrl {

std::optional<qint64> runIdFrom(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('#')))
        trimmed.remove(0, 1);
    if (const auto plain = positiveNumber(trimmed))
        return plain;
    if (!trimmed.contains(QLatin1Char('/')))
        return std::nullopt;
    const QUrl url = QUrl::fromUserInput(trimmed);
    const QUrlQuery query(url);
    for (const char *key : {"agent_run_id", "run_id", "run"}) {
        if (const auto id = positiveNumber(query.queryItemValue(QLatin1String(key))))
            return id;
    }
    const QStringList parts = pathParts(trimmed);
    for (int i = 0; i + 1 < parts.size(); ++i) {
        const QString part = parts.at(i).toLower();
        if (part == QLatin1String("trace") || part == QLatin1String("run") || part == QLatin1String("runs")) {
            if (const auto id = positiveNumber(parts.at(i + 1)))
                return id;
        }
    }
    // The last number that is not an organization's: ".../organizations/7/settings" names no run.
    for (int i = int(parts.size()) - 1; i >= 0; --i) {
        if (i > 0) {
            const QString before = parts.at(i - 1).toLower();
            if (before == QLatin1String("organizations") || before == QLatin1String("organization")
                || before == QLatin1String("org"))
                continue;
        }
        if (const auto id = positiveNumber(parts.at(i)))
            return id;
    }
    return std::nullopt;
}

std::optional<qint64> orgIdFrom(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.contains(QLatin1Char('/')))
        return std::nullopt;
    const QUrl url = QUrl::fromUserInput(trimmed);
    const QUrlQuery query(url);
    for (const char *key : {"org_id", "organization_id", "org"}) {
        if (const auto id = positiveNumber(query.queryItemValue(QLatin1String(key))))
            return id;
    }
    const QStringList parts = pathParts(trimmed);
    for (int i = 0; i + 1 < parts.size(); ++i) {
        const QString part = parts.at(i).toLower();
        if (part == QLatin1String("organizations") || part == QLatin1String("org"))
            return positiveNumber(parts.at(i + 1));
    }
    return std::nullopt;
}

std::optional<qint64> entryFrom(const QString &text, bool *malformed)
{
    if (malformed)
        *malformed = false;
    const QString trimmed = text.trimmed();
    if (!trimmed.contains(QLatin1Char('/')))
        return std::nullopt;
    const QUrl url = QUrl::fromUserInput(trimmed);
    QString given;
    if (QUrlQuery(url).hasQueryItem(QStringLiteral("entry")))
        given = QUrlQuery(url).queryItemValue(QStringLiteral("entry"));
    else if (url.fragment().startsWith(QLatin1String("entry=")))
        given = url.fragment().mid(6);
    else
        return std::nullopt;
    const std::optional<qint64> entry = positiveNumber(given);
    if (!entry && malformed)
        *malformed = true;
    return entry;
}

} // namespace RunUrl
