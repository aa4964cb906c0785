// SPDX-License-Identifier: MIT
#include "agentlogs/qtorderedjson.h"

#include "json/jsonwriter.h"

#include <QJsonValue>
#include <QLocale>
#include <QString>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

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

// Whether a key holds a byte from 0xEE up (see keyLess): looked at once a member, not at each
// comparison of the sort.
bool holdsHighBytes(std::string_view key)
{
    return std::any_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xEE; });
}

struct Member {
    std::string_view key;
    element value;
    QByteArrayView raw; // written as it is when value is not used
    bool isRaw = false;
    bool highKey = false; // holdsHighBytes(key)
};

// QJsonObject's key order: QString's, UTF-16 code units. UTF-8's byte order is the code points'
// order, which differs from UTF-16's only between U+E000..U+FFFF and the supplementary planes
// (lead bytes 0xEE and up): only keys with such bytes are compared as QStrings.
bool keyLess(const Member &a, const Member &b)
{
    if (a.highKey && b.highKey)
        return QString::fromUtf8(viewOf(a.key)) < QString::fromUtf8(viewOf(b.key));
    return a.key < b.key; // std::string_view compares as unsigned char
}

// An object's members, on the stack for the usual few: a vector and std::stable_sort's buffer
// were two allocations an object, and a converted log writes several objects an entry.
using Members = QVarLengthArray<Member, 12>;

void appendMembers(QByteArray &out, Members &members)
{
    // Stable, as QJsonObject keeps the last of repeated keys: insertion for the usual few.
    if (members.size() <= 16) {
        for (qsizetype i = 1; i < members.size(); ++i) {
            for (qsizetype j = i; j > 0 && keyLess(members[j], members[j - 1]); --j)
                std::swap(members[j], members[j - 1]);
        }
    } else {
        std::stable_sort(members.begin(), members.end(), keyLess);
    }
    out += '{';
    bool first = true;
    for (qsizetype i = 0; i < members.size(); ++i) {
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

void addMembersOf(Members &members, simdjson::dom::object object)
{
    members.reserve(qsizetype(object.size()));
    for (const simdjson::dom::key_value_pair field : object)
        members.append({field.key, field.value, {}, false, holdsHighBytes(field.key)});
}

} // namespace

void appendInteger(QByteArray &out, qint64 number)
{
    // Written in place: QByteArray::number made an array of its own each time.
    char digits[24];
    const std::to_chars_result written = std::to_chars(digits, digits + sizeof digits, number);
    out.append(digits, written.ptr - digits);
}

void appendDouble(QByteArray &out, double number)
{
    constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
    const qint64 whole = QJsonValue(number).toInteger(notWhole);
    if (!std::isfinite(number))
        out += "null";
    else if (whole != notWhole)
        appendInteger(out, whole);
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
    Members members;
    addMembersOf(members, object);
    appendMembers(out, members);
}

void appendObjectWith(QByteArray &out, simdjson::dom::object object, QByteArrayView key, QByteArrayView rawValue)
{
    Members members;
    addMembersOf(members, object);
    // Last, so that it wins over a member of the same key.
    const std::string_view keyText(key.data(), size_t(key.size()));
    members.append({keyText, element(), rawValue, true, holdsHighBytes(keyText)});
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
