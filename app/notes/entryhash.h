// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The SHA-256 of an entry's own bytes (as received), lower-case hex: what a note keeps to find
// its entry again and what Export Notes writes as "entry_sha256".
namespace EntryHash {
QByteArray of(QByteArrayView rawJson);
}
