// SPDX-License-Identifier: MIT
#include "ui/window/ratelimitprompt.h"

#include "ui/common/plaintext.h"

#include "settings/ratelimit.h"
#include "settings/appsettings.h"
#include "session/runsession.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

#include <memory>

QString RateLimitPrompt::ask(QWidget *parent, AppSettings *settings, RunSession *session)
{
    const QString current = QStringLiteral("%1/%2").arg(settings->rateLimitCount()).arg(settings->rateLimitWindowMs() / 1000.0);
    bool ok = false;
    const QString text = QInputDialog::getText(parent, tr("Rate Limit"),
                                               tr("Requests per seconds, e.g. 60/60 (the API's documented limit):"),
                                               QLineEdit::Normal, current, &ok);
    if (!ok)
        return {};
    const std::optional<RateLimit> limit = RateLimit::parse(text);
    if (!limit) {
        // It quotes what was typed: plain text.
        std::unique_ptr<QMessageBox> box(PlainText::messageBox(
            QMessageBox::Warning, tr("Rate Limit"),
            tr("\"%1\" is not a rate limit: write requests/seconds, e.g. 60/60.").arg(text), QMessageBox::Ok, parent));
        box->exec();
        return {};
    }
    settings->setRateLimit(limit->count, limit->windowMs);
    session->setRateLimit(limit->count, limit->windowMs);
    return tr("At most %1 requests per %2 s from now on.").arg(limit->count).arg(limit->windowMs / 1000.0);
}
