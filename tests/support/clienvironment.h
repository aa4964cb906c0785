// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

// The environment the real binary runs in for a test, as a script would run it: no display (the
// command-line modes need none), none of the caller's token, organization or base URL, and data,
// config, cache and runtime folders under `home` (a library, settings and request budget of its own, never
// the user's). `token`, when given, is the CODEGEN_API_TOKEN.
QProcessEnvironment cliEnvironment(const QString &home, const QByteArray &token = {});
