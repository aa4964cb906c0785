// SPDX-License-Identifier: MIT
#include "agentlogs/qtorderedjson.h"

#include "json/jsonwriter.h"

#include <QJsonValue>
#include <QLocale>
#include <QString>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace QtOrderedJson {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

QByteArrayView viewOf(std::string_view text)
{
    return QByteArrayView(text.data(), qsizetype(text.size()));
}

void appendString(QByteArray &out, std::string_view utf8)
{
    // appendString reads the bytes in place; no copy.
    JsonWriter::appendString(out, QByteArray::fromRawData(utf8.data(), qsizetype(utf8.size())));
}

// QJsonObject's key order: QString's, UTF-16 code units. UTF-8's byte order is the code points'
// order, which differs from UTF-16's only between U+E000..U+FFFF and the supplementary planes
// (lead bytes 0xEE and up): only keys with such bytes are compared as QStrings.
bool keyLess(std::string_view a, std::string_view b)
{
    const auto high = [](std::string_view s) {
        return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xEE; });
    };
    if (high(a) && high(b))
        return QString::fromUtf8(viewOf(a)) < QString::fromUtf8(viewOf(b));
    return a < b; // std::string_view compares as unsigned char
}

struct Member {
    std::string_view key;
    element value;
    QByteArrayView raw; // written as it is when value is not used
    bool isRaw = false;
};

void appendMembers(QByteArray &out, std::vector<Member> &members)
{
    std::stable_sort(members.begin(), members.end(), [](const Member &a, const Member &b) { return keyLess(a.key, b.key); });
    out += '{';
    bool first = true;
    for (size_t i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members[i + 1].key == members[i].key)
            continue; // a repeated key: QJsonDocument keeps the last
        if (!first)
            out += ',';
        first = false;
        appendString(out, members[i].key);
        out += ':';
        if (members[i].isRaw)
            out += members[i].raw;
        else
            append(out, members[i].value);
    }
    out += '}';
}

std::vector<Member> membersOf(simdjson::dom::object object)
{
    std::vector<Member> members;
    members.reserve(object.size());
    for (const simdjson::dom::key_value_pair field : object)
        members.push_back({field.key, field.value, {}, false});
    return members;
}

} // namespace

void appendInteger(QByteArray &out, qint64 number)
{
    out += QByteArray::number(number);
}

void appendDouble(QByteArray &out, double number)
{
    constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
    const qint64 whole = QJsonValue(number).toInteger(notWhole);
    if (!std::isfinite(number))
        out += "null";
    else if (whole != notWhole)
        out += QByteArray::number(whole);
    else
        out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
}

void append(QByteArray &out, element value)
{
    switch (value.type()) {
    case element_type::STRING:
        appendString(out, value.get_string().value_unsafe());
        break;
    case element_type::INT64:
        // QJsonDocument keeps a whole number that fits in 64 bits as an integer.
        appendInteger(out, value.get_int64().value_unsafe());
        break;
    case element_type::UINT64:
        // Larger than qint64: QJsonDocument holds it as a double.
        appendDouble(out, double(value.get_uint64().value_unsafe()));
        break;
    case element_type::DOUBLE:
        appendDouble(out, value.get_double().value_unsafe());
        break;
    case element_type::BOOL:
        out += value.get_bool().value_unsafe() ? "true" : "false";
        break;
    case element_type::ARRAY: {
        out += '[';
        bool first = true;
        const simdjson::dom::array items = value.get_array().value_unsafe();
        for (const element item : items) {
            if (!first)
                out += ',';
            first = false;
            append(out, item);
        }
        out += ']';
        break;
    }
    case element_type::OBJECT:
        append(out, value.get_object().value_unsafe());
        break;
    case element_type::NULL_VALUE:
        out += "null";
        break;
    }
}

void append(QByteArray &out, simdjson::dom::object object)
{
    std::vector<Member> members = membersOf(object);
    appendMembers(out, members);
}

void appendObjectWith(QByteArray &out, simdjson::dom::object object, QByteArrayView key, QByteArrayView rawValue)
{
    std::vector<Member> members = membersOf(object);
    // Last, so that it wins over a member of the same key.
    members.push_back({std::string_view(key.data(), size_t(key.size())), element(), rawValue, true});
    appendMembers(out, members);
}

qint64 toInteger(element value)
{
    switch (value.type()) {
    case element_type::INT64:
        return value.get_int64().value_unsafe();
    case element_type::UINT64:
        return QJsonValue(double(value.get_uint64().value_unsafe())).toInteger();
    case element_type::DOUBLE:
        return QJsonValue(value.get_double().value_unsafe()).toInteger();
    default:
        return 0;
    }
}

} // namespace QtOrderedJson
