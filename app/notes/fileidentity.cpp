// SPDX-License-Identifier: MIT
#include "notes/fileidentity.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace FileIdentity {

NotesScope scopeOf(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = file.size();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(file.read(kEdgeBytes));
    if (size > kEdgeBytes) {
        // The last MiB, overlapping the first in a file under 2 MiB: still one identity per content.
        if (!file.seek(std::max<qint64>(kEdgeBytes, size - kEdgeBytes)))
            return {};
        hash.addData(file.read(kEdgeBytes));
    }
    NotesScope scope;
    scope.key = QStringLiteral("file %1 %2 %3").arg(QString::number(size), QString::fromLatin1(hash.result().toHex()), absolute);
    return scope;
}

} // namespace FileIdentity
