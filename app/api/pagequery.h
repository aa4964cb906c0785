// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// One page of the endpoint's skip/limit paging.
struct PageQuery
{
    static constexpr int kMaxLimit = 100;

    qint64 skip = 0;
    int limit = kMaxLimit;
    bool reverse = false;
};
