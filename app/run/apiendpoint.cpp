// SPDX-License-Identifier: MIT
#include "run/apiendpoint.h"

#include <QHostAddress>

bool ApiEndpoint::isSecureEnough(const QUrl &baseUrl)
{
    if (baseUrl.scheme() == QLatin1String("https"))
        return true;
    if (baseUrl.scheme() != QLatin1String("http"))
        return false;
    return isLoopback(baseUrl);
}

bool ApiEndpoint::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
