// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// What the window's About box says of the JSON parser the core is built with; simdjson stays
// behind the core (only the core links it).
namespace JsonParserInfo {
// e.g. "3.0.1"
QString simdjsonVersion();
}
