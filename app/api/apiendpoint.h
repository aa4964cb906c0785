// SPDX-License-Identifier: MIT
#pragma once

#include "run/runref.h"

#include <QByteArray>
#include <QUrl>
#include <QtGlobal>

// Where the API is and who we are to it. The token is a secret: it is only ever placed in the
// Authorization header of requests to baseUrl's origin, never logged or shown.
struct ApiEndpoint
{
    QUrl baseUrl;      // e.g. https://api.codegen.com
    QByteArray token;  // empty: send no Authorization header (the demo backend needs none)
};

// One page of the endpoint's skip/limit paging.
struct PageQuery
{
    static constexpr int kMaxLimit = 100;

    qint64 skip = 0;
    int limit = kMaxLimit;
    bool reverse = false;
};
