// SPDX-License-Identifier: MIT
#pragma once

#include "cli/commandline.h"
#include "instance/handovermessage.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The command line's side of the hand-over: what a second start sends, and what the running
// Runlog makes of it. The receiver parses the sender's arguments as a start of its own would
// (the same rules, the same messages), with the sender's organization and API origin and the
// sender's folder for relative file names.
namespace HandOver {
HandOverRequest requestFrom(const QStringList &arguments, const QString &workingDirectory,
                            const QProcessEnvironment &environment);
// The options a request stands for; Action::Error with its text when it is not a start that
// hands over (a malformed or windowless command line never travels, but the socket is not
// trusted to say so).
CommandLineOptions optionsFrom(const HandOverRequest &request);
} // namespace HandOver
