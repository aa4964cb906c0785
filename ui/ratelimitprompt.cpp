#include "ratelimitprompt.h"

#include "api/ratelimit.h"
#include "api/requestpacer.h"
#include "settings/appsettings.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("RateLimitPrompt", text);
}
} // namespace

namespace RateLimitPrompt {

QString ask(QWidget *parent, AppSettings *settings, RequestPacer *pacer)
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
        QMessageBox box(QMessageBox::Warning, tr("Rate Limit"),
                        tr("\"%1\" is not a rate limit: write requests/seconds, e.g. 60/60.").arg(text), QMessageBox::Ok,
                        parent);
        box.setTextFormat(Qt::PlainText); // it quotes what was typed
        box.exec();
        return {};
    }
    settings->setRateLimit(limit->count, limit->windowMs);
    RequestPacer::setDefaultLimit(limit->count, limit->windowMs);
    if (pacer)
        pacer->setLimit(limit->count, limit->windowMs);
    return tr("At most %1 requests per %2 s from now on.").arg(limit->count).arg(limit->windowMs / 1000.0);
}

} // namespace RateLimitPrompt
