// SPDX-License-Identifier: MIT
#pragma once

#include "session/runsession.h"

class RunFollower;
class RunLoader;

// The session's loader and follower, for tests that count its requests or tune its pace. The
// window has no way to them (RunSession names this class its friend, and only tests have it).
class RunSessionInternals
{
public:
    static RunLoader *loader(const RunSession *session) { return session->m_loader; }
    static RunFollower *follower(const RunSession *session) { return session->m_follower; }
};

inline RunLoader *loaderOf(const RunSession *session)
{
    return RunSessionInternals::loader(session);
}

inline RunFollower *followerOf(const RunSession *session)
{
    return RunSessionInternals::follower(session);
}
