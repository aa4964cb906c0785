// SPDX-License-Identifier: MIT
#include "safetextbrowser.h"

#include <QDesktopServices>

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        if (isOpenable(url))
            QDesktopServices::openUrl(url);
    });
}

bool SafeTextBrowser::isOpenable(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

QVariant SafeTextBrowser::loadResource(int, const QUrl &)
{
    return {};
}
