// SPDX-License-Identifier: MIT
#include "run/weburl.h"

#include <QUrl>

namespace WebUrl {

bool isOpenable(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    const QString scheme = url.scheme();
    return scheme == QLatin1String("https") || scheme == QLatin1String("http");
}

} // namespace WebUrl
