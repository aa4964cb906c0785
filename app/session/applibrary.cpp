// SPDX-License-Identifier: MIT
#include "session/applibrary.h"

#include "settings/appsettings.h"
#include "store/librarydatabase.h"
#include "store/runlibrary.h"

namespace AppLibrary {

QString folder(bool noStore)
{
    if (noStore || !AppSettings().libraryEnabled())
        return {};
    return LibraryDatabase::defaultFolder();
}

std::unique_ptr<RunLibrary> open(bool noStore)
{
    const AppSettings settings;
    if (noStore || !settings.libraryEnabled())
        return nullptr;
    auto library = std::make_unique<RunLibrary>(LibraryDatabase::defaultFolder());
    library->setSizeLimit(settings.librarySizeLimitMb() * 1024 * 1024);
    return library;
}

} // namespace AppLibrary
