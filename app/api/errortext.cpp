// SPDX-License-Identifier: MIT
#include "api/errortext.h"

#include <QCoreApplication>

namespace {
QString withServerWords(const QString &sentence, const ApiError &error)
{
    if (error.serverMessage.isEmpty())
        return sentence;
    return QCoreApplication::translate("ErrorText", "%1 The server said: “%2”").arg(sentence, error.serverMessage);
}

QString describeHttp(const ApiError &error, const RunRef &run)
{
    switch (error.httpStatus) {
    case 401:
        return QCoreApplication::translate("ErrorText", "The API token was rejected: check that it is current (tokens come from the "
                  "Codegen web app's settings).");
    case 403:
        return QCoreApplication::translate("ErrorText", "You do not have access to organization %1.").arg(run.orgId);
    case 404:
        return QCoreApplication::translate("ErrorText", "Run %1 was not found in organization %2.").arg(run.runId).arg(run.orgId);
    case 422:
        return withServerWords(QCoreApplication::translate("ErrorText", "The server refused the request as invalid."), error);
    case 429:
        return QCoreApplication::translate("ErrorText", "Rate limit reached: the API allows a limited number of requests per minute.");
    default:
        break;
    }
    if (error.httpStatus >= 500)
        return withServerWords(
            QCoreApplication::translate("ErrorText", "The server had a problem (HTTP %1). Try again in a moment.").arg(error.httpStatus),
            error);
    return withServerWords(QCoreApplication::translate("ErrorText", "The server answered with HTTP %1.").arg(error.httpStatus), error);
}
} // namespace

namespace ErrorText {

QString describe(const ApiError &error, const RunRef &run)
{
    switch (error.kind) {
    case ApiError::Kind::None:
        return {};
    case ApiError::Kind::Network:
        return QCoreApplication::translate("ErrorText", "Could not reach the server: %1").arg(error.detail);
    case ApiError::Kind::Timeout:
        return QCoreApplication::translate("ErrorText", "The server did not answer in time. Check your connection and try again.");
    case ApiError::Kind::Http:
        return describeHttp(error, run);
    case ApiError::Kind::InvalidResponse:
        return QCoreApplication::translate("ErrorText", "The server's answer could not be read: %1").arg(error.detail);
    case ApiError::Kind::TooLarge:
        return QCoreApplication::translate("ErrorText", "The server's answer was larger than the limit of %1 and was stopped.")
            .arg(error.detail);
    case ApiError::Kind::Redirect:
        return QCoreApplication::translate("ErrorText", "The server redirected to another address (%1). Runlog does not follow it, "
                  "so that your API token is never sent anywhere else.")
            .arg(error.detail);
    case ApiError::Kind::InsecureUrl:
        return QCoreApplication::translate("ErrorText", "Refusing to send the API token over plain http:// to %1. Use https://.")
            .arg(error.detail);
    case ApiError::Kind::Cancelled:
        return QCoreApplication::translate("ErrorText", "Cancelled.");
    case ApiError::Kind::TooManyAtOnce:
        return QCoreApplication::translate("ErrorText", "Several large answers were arriving at once and together would have passed the "
                  "limit of %1, so this one was stopped. Try again when the others have arrived.")
            .arg(error.detail);
    case ApiError::Kind::Offline:
        return QCoreApplication::translate("ErrorText", "Working offline, and this part of run %1 of organization %2 is not in the library.")
            .arg(run.runId)
            .arg(run.orgId);
    }
    return {};
}

QString asSentence(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return trimmed;
    static const QString enders = QStringLiteral(".!?…”\"");
    return enders.contains(trimmed.back()) ? trimmed : trimmed + QLatin1Char('.');
}

QString describeWithStatus(const ApiError &error, const RunRef &run)
{
    const QString sentence = describe(error, run);
    if (error.kind != ApiError::Kind::Http)
        return sentence;
    const QString words = error.serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.serverMessage;
    return QStringLiteral("%1 (HTTP %2%3)").arg(sentence).arg(error.httpStatus).arg(words);
}

QString describeRunList(const ApiError &error, qint64 orgId)
{
    if (error.kind == ApiError::Kind::Http && error.httpStatus == 404)
        return QCoreApplication::translate("ErrorText", "The server has no run list for organization %1.").arg(orgId);
    if (error.kind == ApiError::Kind::Offline)
        return QCoreApplication::translate("ErrorText", "Working offline: the list of runs needs the server.");
    return describe(error, RunRef{orgId, 0});
}

QString describeRunListWithStatus(const ApiError &error, qint64 orgId)
{
    const QString sentence = describeRunList(error, orgId);
    if (error.kind != ApiError::Kind::Http)
        return sentence;
    const QString words = error.serverMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.serverMessage;
    return QStringLiteral("%1 (HTTP %2%3)").arg(sentence).arg(error.httpStatus).arg(words);
}

} // namespace ErrorText
