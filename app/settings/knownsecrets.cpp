// SPDX-License-Identifier: MIT
#include "settings/knownsecrets.h"

#include <QMutex>
#include <QMutexLocker>

namespace {
QMutex g_mutex;
QList<QByteArray> g_secrets;
}

namespace KnownSecrets {

void add(const QByteArray &secret)
{
    if (secret.isEmpty())
        return;
    QMutexLocker lock(&g_mutex);
    if (!g_secrets.contains(secret))
        g_secrets.append(secret);
}

QList<QByteArray> all()
{
    QMutexLocker lock(&g_mutex);
    return g_secrets;
}

} // namespace KnownSecrets
