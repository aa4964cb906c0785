// SPDX-License-Identifier: MIT
#include "run/fileorigin.h"

#include <QUrl>

namespace FileOrigin {

QString of(const QString &absolutePath, const std::optional<SampleRef> &sample)
{
    QUrl url = QUrl::fromLocalFile(absolutePath);
    if (sample) {
        // Percent-encoded by hand: an id may hold '&', '=' or '#'.
        url.setFragment(QStringLiteral("sample=%1&epoch=%2")
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(sample->id)))
                            .arg(sample->epoch),
                        QUrl::StrictMode);
    }
    return url.toString(QUrl::FullyEncoded);
}

bool isFileOrigin(const QString &origin)
{
    return origin.startsWith(QLatin1String("file:"));
}

std::optional<Parts> parse(const QString &origin)
{
    if (!isFileOrigin(origin))
        return std::nullopt;
    const QUrl url(origin, QUrl::StrictMode);
    if (!url.isValid() || !url.isLocalFile())
        return std::nullopt;
    Parts parts;
    parts.path = url.toLocalFile();
    SampleRef sample;
    bool named = false;
    for (const QString &item : url.fragment(QUrl::FullyEncoded).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString key = item.left(equals);
        const QString value = equals < 0 ? QString() : item.mid(equals + 1);
        if (key == QLatin1String("sample")) {
            sample.id = QUrl::fromPercentEncoding(value.toLatin1());
            named = true;
        } else if (key == QLatin1String("epoch")) {
            sample.epoch = value.toInt();
        }
    }
    if (named)
        parts.sample = sample;
    return parts;
}

} // namespace FileOrigin
