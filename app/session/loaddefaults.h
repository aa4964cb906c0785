// SPDX-License-Identifier: MIT
#pragma once

class PageCache;

// What every loader of this process starts with, set once by main() from the command line and
// the settings, so that main() needs neither the loaders (model/) nor the HTTP client (api/).
namespace LoadDefaults {
// The request budget every new pacer starts with (the API's: 60 requests a minute).
void setRateLimit(int maxRequests, int windowMs);
// --offline: no request leaves the process; the library alone answers.
void setOffline(bool offline);
// The library every new loader reads from and fills; nullptr: none.
void setLibrary(PageCache *library);
// The library set last (nullptr: none): it keeps the runs' notes too.
PageCache *library();
}
