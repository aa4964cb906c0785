// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

// The secrets this process holds (API tokens from the environment, the keychain or typed in),
// so that the log redaction can hide them. Thread-safe: the message handler reads it from any
// thread that logs.
namespace KnownSecrets {
void add(const QByteArray &secret);
QList<QByteArray> all();
}
