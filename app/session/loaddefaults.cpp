// SPDX-License-Identifier: MIT
#include "session/loaddefaults.h"

#include "api/apiclient.h"
#include "api/requestpacer.h"
#include "model/runloader.h"

namespace LoadDefaults {

void setRateLimit(int maxRequests, int windowMs)
{
    RequestPacer::setDefaultLimit(maxRequests, windowMs);
}

void setOffline(bool offline)
{
    ApiClient::setOffline(offline);
}

void setLibrary(PageCache *library)
{
    RunLoader::setDefaultPageCache(library);
}

PageCache *library()
{
    return RunLoader::defaultPageCache();
}

} // namespace LoadDefaults
