// SPDX-License-Identifier: MIT
#include "rows/pagecache.h"

#include <algorithm>

QString PageCache::originOf(const QUrl &baseUrl)
{
    QUrl url = baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                                | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    url.setScheme(url.scheme().toLower());
    url.setHost(url.host().toLower());
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : url.scheme() == QLatin1String("http") ? 80 : -1;
    if (url.port() == defaultPort)
        url.setPort(-1);
    QString text = url.toString(QUrl::FullyEncoded);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

qint64 PageCache::Stored::storedCount() const
{
    qint64 count = 0;
    for (const auto &range : ranges)
        count += range.second - range.first + 1;
    return count;
}

bool PageCache::Stored::holds(qint64 first, qint64 last) const
{
    for (const auto &range : ranges) {
        if (range.first <= first && last <= range.second)
            return true;
    }
    return false;
}

void addPositionRange(QList<std::pair<qint64, qint64>> &ranges, qint64 first, qint64 last)
{
    if (last < first)
        return;
    ranges.append({first, last});
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<qint64, qint64>> merged;
    merged.reserve(ranges.size());
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, range.second);
        else
            merged.append(range);
    }
    ranges = std::move(merged);
}
