// SPDX-License-Identifier: MIT
#include "ui/common/externallink.h"

#include "run/weburl.h"

#include <QDesktopServices>
#include <QUrl>

namespace ExternalLink {

bool open(const QUrl &url)
{
    return WebUrl::isOpenable(url) && QDesktopServices::openUrl(url);
}

} // namespace ExternalLink
