// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <simdjson.h>

#include <string_view>

// Reading simdjson On-Demand values into Qt types, the same way for the page parser and the
// entry detail. Internal to the core: it exposes simdjson, which only the core links.
namespace SimdjsonValues {

// UTF-8 text; a JSON "" stays an empty, non-null QString.
QString text(std::string_view s);
QByteArray bytes(std::string_view s);
std::string_view trimTrailingSpace(std::string_view s);

// The value's exact JSON text, without the whitespace simdjson's raw_json() runs on to.
simdjson::error_code rawValue(simdjson::ondemand::value &value, simdjson::ondemand::json_type type,
                              std::string_view &raw);

// A string value's text, also for strings simdjson refuses to unescape (lone surrogates).
QString stringText(simdjson::ondemand::value &value, std::string_view rawToken);

} // namespace SimdjsonValues
