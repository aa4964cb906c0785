// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

// A failed request, as a value: what kind of failure, and what the server said if it said
// anything. ErrorText turns it into words a user can act on.
struct ApiError
{
    enum class Kind {
        None,
        Network,          // connection refused/reset, DNS, TLS, body cut short
        Timeout,          // no progress for too long, or the whole reply took too long
        Http,             // a non-2xx status; httpStatus and serverMessage say more
        InvalidResponse,  // 2xx, but the body is not the endpoint's JSON
        TooLarge,         // the body exceeded the maximum response size
        Redirect,         // redirected to another origin: refused so the token stays home
        InsecureUrl,      // plain http:// to a host that is not loopback
        Cancelled,        // the user or the app cancelled it
        TooManyAtOnce,    // bodies in flight together would pass InFlightBudget; detail: its size
        Offline,          // working offline (--offline): nothing was sent
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString serverMessage;  // the server's own words (message / detail), or the body's text
    QString detail;         // technical detail: Qt's network error text, the parse error, ...
    int retryAfterMs = -1;  // from a Retry-After header, when the server sent one

    // Named constructions, so that no caller fills the fields by position.
    static ApiError cancelled() { return ApiError{Kind::Cancelled, 0, {}, {}, -1}; }
    static ApiError invalidResponse(const QString &why) { return ApiError{Kind::InvalidResponse, 0, {}, why, -1}; }

    bool isError() const { return kind != Kind::None; }

    // Worth trying again by itself (with backoff): the failure may pass.
    bool isTransient() const
    {
        switch (kind) {
        case Kind::Network:
        case Kind::Timeout:
        case Kind::InvalidResponse:
        case Kind::TooManyAtOnce:
            return true;
        case Kind::Http:
            return httpStatus == 429 || httpStatus == 408 || httpStatus >= 500;
        default:
            return false;
        }
    }
    // Worth offering the user a Retry: anything but a refusal that asking again cannot change
    // (an address we will not send the token to, no access to the organization, no such run).
    bool retryHelps() const
    {
        if (kind == Kind::InsecureUrl || kind == Kind::Redirect)
            return false;
        return !(kind == Kind::Http && (httpStatus == 403 || httpStatus == 404));
    }
    bool isRateLimited() const { return kind == Kind::Http && httpStatus == 429; }
};
Q_DECLARE_METATYPE(ApiError)
