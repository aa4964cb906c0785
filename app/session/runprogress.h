// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <optional>

// How much of the open run is here, for the header's progress and the status bar.
struct RunProgress
{
    int loaded = 0;
    int known = 0;           // rows the run is known to have (more may come when !endKnown)
    bool endKnown = false;
    bool busy = false;       // requests in flight, or a file still being read
    bool paged = false;      // an API run, fetched page by page: rows may be missing until loaded
    bool countKnown = false; // the server said how many entries the run has (`known` is exact)
    bool loadingAll = false; // every page is being fetched (Load All, a search or an export)
    // The oldest and newest entries' times, when both are loaded: the run's duration.
    std::optional<qint64> firstMsecs;
    std::optional<qint64> lastMsecs;
};
