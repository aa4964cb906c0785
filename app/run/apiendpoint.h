// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QUrl>

// Where the API is and who we are to it. The token is a secret: it is only ever placed in the
// Authorization header of requests to baseUrl's origin, never logged or shown.
struct ApiEndpoint
{
    QUrl baseUrl;      // e.g. https://api.codegen.com
    QByteArray token;  // empty: send no Authorization header (the demo backend needs none)

    // https, or plain http to this machine only: a token never crosses a network in clear text.
    static bool isSecureEnough(const QUrl &baseUrl);
    // localhost or a loopback address: a server of this machine's (the demo backend, tests), which
    // needs no token.
    static bool isLoopback(const QUrl &url);
};
