// SPDX-License-Identifier: MIT
#include "notes/entryhash.h"

#include <QCryptographicHash>

namespace EntryHash {

QByteArray of(QByteArrayView rawJson)
{
    return QCryptographicHash::hash(rawJson, QCryptographicHash::Sha256).toHex();
}

} // namespace EntryHash
