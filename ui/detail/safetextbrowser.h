// SPDX-License-Identifier: MIT
#pragma once

#include <QTextBrowser>

// A text browser for text from a run: loads no resource of any kind, follows no link by itself,
// and opens a clicked link in the system browser only as ExternalLink::open allows (http or
// https with a host).
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

protected:
    QVariant loadResource(int type, const QUrl &name) override;
};
