// SPDX-License-Identifier: MIT
#include "json/simdjsonvalues.h"

#include "json/jsontext.h"

namespace ondemand = simdjson::ondemand;
using simdjson::error_code;
using simdjson::ondemand::json_type;

namespace SimdjsonValues {

QString text(std::string_view s)
{
    // Qt gives a non-null empty string for a non-null empty view; a JSON "" must stay "" and
    // never turn into null, so say so explicitly.
    if (s.empty())
        return QStringLiteral("");
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QByteArray bytes(std::string_view s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::string_view trimTrailingSpace(std::string_view s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

error_code rawValue(ondemand::value &value, json_type type, std::string_view &raw)
{
    if (type == json_type::object) {
        ondemand::object o;
        if (error_code e = value.get_object().get(o))
            return e;
        // raw_json() runs up to the next token, so it includes whitespace after the value.
        error_code e = o.raw_json().get(raw);
        raw = trimTrailingSpace(raw);
        return e;
    }
    if (type == json_type::array) {
        ondemand::array a;
        if (error_code e = value.get_array().get(a))
            return e;
        error_code e = a.raw_json().get(raw);
        raw = trimTrailingSpace(raw);
        return e;
    }
    raw = trimTrailingSpace(value.raw_json_token());
    return simdjson::SUCCESS;
}

QString stringText(ondemand::value &value, std::string_view rawToken)
{
    std::string_view s;
    if (value.get_string().get(s) == simdjson::SUCCESS)
        return text(s);
    return JsonText::unescapeString(QByteArrayView(rawToken.data(), qsizetype(rawToken.size())));
}

} // namespace SimdjsonValues
