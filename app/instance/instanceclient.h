// SPDX-License-Identifier: MIT
#pragma once

#include "instance/handovermessage.h"

#include <QString>

// A second start's end of the hand-over. It runs before any application object exists (no
// display is needed to hand a link over, and the process ends at once), so it speaks to the
// socket with plain POSIX calls and a deadline rather than through an event loop.
namespace InstanceClient {

struct Outcome
{
    enum class Kind {
        Delivered,  // the running Runlog took it: `reply` says what it did
        NoInstance, // no socket, or one a crashed Runlog left: start normally
        Untrusted,  // the socket or its listener is not this user's alone: refused, start normally
        NoAnswer,   // connected, but no answer before the deadline: start normally
        Declined,   // the running Runlog said no (`problem`): start normally
    };
    Kind kind = Kind::NoInstance;
    HandOverReply reply;
    QString problem;
};

// `uid` is the user the socket file and its listener must belong to (this process's user; tests
// pretend another). At most `timeoutMs` in all.
Outcome handOver(const QString &path, const HandOverRequest &request, uint uid, int timeoutMs);

constexpr int kTimeoutMs = 5000;
} // namespace InstanceClient
