// SPDX-License-Identifier: MIT
#include "json/jsonlibrary.h"

#include <simdjson.h>

namespace JsonLibrary {

QString simdjsonVersion()
{
    return QStringLiteral("%1.%2.%3")
        .arg(int(simdjson::SIMDJSON_VERSION_MAJOR))
        .arg(int(simdjson::SIMDJSON_VERSION_MINOR))
        .arg(int(simdjson::SIMDJSON_VERSION_REVISION));
}

} // namespace JsonLibrary
