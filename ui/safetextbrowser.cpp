// SPDX-License-Identifier: MIT
#include "safetextbrowser.h"

#include "externallink.h"

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl &url) { ExternalLink::open(url); });
}

QVariant SafeTextBrowser::loadResource(int, const QUrl &)
{
    return {};
}
