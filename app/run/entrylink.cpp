// SPDX-License-Identifier: MIT
#include "run/entrylink.h"

#include "run/apiendpoint.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("EntryLink", text);
}

// Digits only: "+7", " 7", "7.0" and "0x7" are not how a link writes a number.
std::optional<qint64> positiveNumber(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    const qint64 value = text.toLongLong();
    if (value <= 0)
        return std::nullopt;
    return value;
}

ParsedEntryLink refused(const QString &error)
{
    return ParsedEntryLink{std::nullopt, error};
}
} // namespace

QUrl EntryLink::defaultOrigin()
{
    return QUrl(QStringLiteral("https://api.codegen.com"));
}

bool EntryLink::looksLikeLink(const QString &text)
{
    return text.trimmed().startsWith(QLatin1String("runlog:"), Qt::CaseInsensitive);
}

QUrl EntryLink::originOf(const QUrl &baseUrl, QString *error)
{
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return QUrl();
    };
    if (!baseUrl.isValid() || (baseUrl.scheme() != QLatin1String("https") && baseUrl.scheme() != QLatin1String("http")))
        return fail(tr("The link's base must be an http(s) address, not \"%1\".").arg(baseUrl.toString()));
    if (baseUrl.host().isEmpty())
        return fail(tr("The link's base \"%1\" names no host.").arg(baseUrl.toString()));
    if (!baseUrl.userInfo().isEmpty())
        return fail(tr("The link's base must not hold a user name or password."));
    if ((!baseUrl.path().isEmpty() && baseUrl.path() != QLatin1String("/")) || baseUrl.hasQuery() || baseUrl.hasFragment())
        return fail(tr("The link's base must be an origin (scheme, host and port) only, not \"%1\".").arg(baseUrl.toString()));
    if (!ApiEndpoint::isSecureEnough(baseUrl))
        return fail(tr("The link's base \"%1\" is plain http to another machine: only https is allowed there.").arg(baseUrl.toString()));
    QUrl origin;
    origin.setScheme(baseUrl.scheme());
    origin.setHost(baseUrl.host()); // QUrl keeps hosts in lower case
    origin.setPort(baseUrl.port());
    return origin;
}

ParsedEntryLink EntryLink::parse(const QString &givenText)
{
    const QString text = givenText.trimmed();
    if (text.size() > kMaxLength)
        return refused(tr("The link is too long (%1 characters; a link has at most %2).").arg(text.size()).arg(kMaxLength));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return refused(tr("\"%1\" is not a valid link.").arg(text));
    if (url.scheme() != QLatin1String("runlog"))
        return refused(tr("A Runlog link begins with runlog://, not \"%1\".").arg(text));
    if (url.host() != QLatin1String("run") || !url.userInfo().isEmpty() || url.port() != -1
        || (!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasFragment())
        return refused(tr("A Runlog link looks like runlog://run?org=7&run=42&entry=1412, not \"%1\".").arg(text));

    const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    static const QStringList known = {QStringLiteral("org"), QStringLiteral("run"), QStringLiteral("entry"), QStringLiteral("base")};
    QSet<QString> seen;
    EntryLink link;
    for (const auto &[key, value] : items) {
        if (!known.contains(key))
            return refused(tr("The link has a parameter Runlog does not know: \"%1\" (it knows org, run, entry and base).").arg(key));
        if (seen.contains(key))
            return refused(tr("The link gives \"%1\" twice.").arg(key));
        seen.insert(key);
        if (key == QLatin1String("base")) {
            QString error;
            link.origin = originOf(QUrl(value, QUrl::StrictMode), &error);
            if (link.origin.isEmpty())
                return refused(error);
            continue;
        }
        const std::optional<qint64> number = positiveNumber(value);
        if (!number)
            return refused(tr("In the link, %1 must be a positive number, not \"%2\".").arg(key, value));
        if (key == QLatin1String("org"))
            link.run.orgId = *number;
        else if (key == QLatin1String("run"))
            link.run.runId = *number;
        else
            link.entry = *number;
    }
    if (!seen.contains(QStringLiteral("org")))
        return refused(tr("The link names no organization (org=…)."));
    if (!seen.contains(QStringLiteral("run")))
        return refused(tr("The link names no run (run=…)."));
    if (link.origin.isEmpty())
        link.origin = defaultOrigin();
    return ParsedEntryLink{link, QString()};
}

QString EntryLink::toString() const
{
    QString text = QStringLiteral("runlog://run?org=%1&run=%2").arg(run.orgId).arg(run.runId);
    if (entry)
        text += QStringLiteral("&entry=%1").arg(*entry);
    if (!origin.isEmpty() && origin != defaultOrigin())
        text += QStringLiteral("&base=") + QString::fromLatin1(QUrl::toPercentEncoding(origin.toString(QUrl::FullyEncoded)));
    return text;
}
