// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

// A request budget: at most `count` requests in any trailing window of `windowMs`.
struct RateLimit
{
    int count = 60;
    int windowMs = 60000;

    // "60/60" (requests per seconds), "60/60s", "100/2m", "10/500ms"; nothing when it is not one.
    static std::optional<RateLimit> parse(const QString &text);
};
