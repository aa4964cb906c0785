// SPDX-License-Identifier: MIT
#include "stats/errorline.h"

#include "stats/insights.h"

#include <QStringView>

namespace ErrorLine {

QString firstLineOf(QByteArrayView rawJson)
{
    const QString text = InsightsFinder::failureTextOf(rawJson);
    for (QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        const QString simplified = line.toString().simplified();
        if (simplified.isEmpty())
            continue;
        if (simplified.size() <= kMaxChars)
            return simplified;
        return simplified.left(kMaxChars - 1) + QChar(0x2026);
    }
    return QString();
}

} // namespace ErrorLine
