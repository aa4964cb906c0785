// SPDX-License-Identifier: MIT
#include "store/notesorigin.h"

#include <QMutex>
#include <QSet>

namespace {
QMutex s_lock;
QSet<QString> s_demoOrigins; // of every demo backend this process started
} // namespace

void NotesOrigin::registerDemo(const QString &origin)
{
    QMutexLocker lock(&s_lock);
    s_demoOrigins.insert(origin);
}

QString NotesOrigin::of(const QString &origin)
{
    QMutexLocker lock(&s_lock);
    return s_demoOrigins.contains(origin) ? kDemo : origin;
}
