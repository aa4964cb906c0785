// SPDX-License-Identifier: MIT
#include "settings/ratelimit.h"

#include <QRegularExpression>

std::optional<RateLimit> RateLimit::parse(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+)\\s*/\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?\\s*$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const int requests = match.captured(1).toInt(&ok);
    if (!ok || requests < 1 || requests > 100000)
        return std::nullopt;
    const double amount = match.captured(2).toDouble(&ok);
    const QString unit = match.captured(3);
    const double ms = unit == QLatin1String("ms") ? amount : unit == QLatin1String("m") ? amount * 60000 : amount * 1000;
    // Up to a day: a longer window is a typo, and the pacer keeps a timestamp per request in it.
    if (!ok || ms < 1 || ms > 24.0 * 3600 * 1000)
        return std::nullopt;
    return RateLimit{requests, int(ms)};
}
