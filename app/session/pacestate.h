// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// The API's request budget as the open run uses it (60 requests a minute per token), for the
// status bar and an export's progress: how much of it is spent, how long until the next request
// may go, and when a followed run is looked at next.
struct PaceState
{
    int usedInWindow = 0;
    int maxRequests = 60;
    int windowMs = 60000;
    int queued = 0;                 // requests waiting for the budget
    qint64 msUntilNextRequest = 0;  // 0: one may go now
    qint64 msUntilNextCheck = -1;   // following a live run: the next look for new entries; else -1
};
