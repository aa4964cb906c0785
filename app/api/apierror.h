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
        Offline,          // working offline (--offline): nothing was sent
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString serverMessage;  // the server's own words (message / detail), or the body's text
    QString detail;         // technical detail: Qt's network error text, the parse error, ...
    int retryAfterMs = -1;  // from a Retry-After header, when the server sent one

    bool isError() const { return kind != Kind::None; }

    // Worth trying again by itself (with backoff): the failure may pass.
    bool isTransient() const
    {
        switch (kind) {
        case Kind::Network:
        case Kind::Timeout:
        case Kind::InvalidResponse:
            return true;
        case Kind::Http:
            return httpStatus == 429 || httpStatus == 408 || httpStatus >= 500;
        default:
            return false;
        }
    }
    bool isRateLimited() const { return kind == Kind::Http && httpStatus == 429; }
};
Q_DECLARE_METATYPE(ApiError)
