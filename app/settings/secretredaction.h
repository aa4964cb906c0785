// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

// What stands in for a secret wherever text might reach a person or a file.
inline constexpr QStringView kRedactedSecret = u"\u2022\u2022\u2022";

// Returns text with every occurrence of each secret (as UTF-8 text, and percent-encoded as it
// would appear in a URL) replaced by kRedactedSecret, and every "Bearer <credential>" too, even
// one whose credential is not in the list: a header dump must not leak a token we were not told
// about. Empty secrets are ignored (they would match everywhere).
QString redactSecrets(QString text, const QList<QByteArray> &secrets);

// Installs a Qt message handler that redacts the secrets currentSecrets() returns, and
// "Bearer <credential>", from every qDebug/qInfo/qWarning/qCritical/qFatal message before it
// reaches the handler that was installed before (Qt's default one if none was).
//
// Call it once, early in main(), before any token is known. currentSecrets is called for every
// message, from whatever thread logs, so it must be thread-safe and must not block for long; a
// message logged from inside currentSecrets itself is passed on with only the Bearer rule
// applied rather than recursing.
void installRedactingMessageHandler(std::function<QList<QByteArray>()> currentSecrets);
