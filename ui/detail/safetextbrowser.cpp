// SPDX-License-Identifier: MIT
#include "ui/detail/safetextbrowser.h"

#include "ui/common/externallink.h"

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
