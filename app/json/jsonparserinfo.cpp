// SPDX-License-Identifier: MIT
#include "json/jsonparserinfo.h"

#include <simdjson.h>

namespace JsonParserInfo {

QString simdjsonVersion()
{
    return QStringLiteral("%1.%2.%3")
        .arg(int(simdjson::SIMDJSON_VERSION_MAJOR))
        .arg(int(simdjson::SIMDJSON_VERSION_MINOR))
        .arg(int(simdjson::SIMDJSON_VERSION_REVISION));
}

} // namespace JsonParserInfo
