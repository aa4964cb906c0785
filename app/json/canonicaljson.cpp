// SPDX-License-Identifier: MIT
#include "json/canonicaljson.h"

#include "json/jsontokens.h"
#include "json/simdjsonvalues.h"

#include <QByteArray>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

namespace ondemand = simdjson::ondemand;
using simdjson::ondemand::json_type;

bool CanonicalJsonWriter::append(ondemand::value &value, json_type type, std::string &out, const char *documentEnd,
                                 const MemberVisitor *topLevelMember)
{
    m_documentEnd = documentEnd;
    return appendValue(value, type, out, 0, topLevelMember);
}

void CanonicalJsonWriter::appendString(QByteArrayView text, std::string &out)
{
    const quint64 length = quint64(text.size());
    out += 's';
    out.append(reinterpret_cast<const char *>(&length), sizeof length);
    out.append(text.data(), size_t(text.size()));
}

bool CanonicalJsonWriter::appendValue(ondemand::value &value, json_type type, std::string &out, int depth,
                                      const MemberVisitor *topLevelMember)
{
    switch (type) {
    case json_type::null:
        out += 'n';
        return true;
    case json_type::boolean: {
        bool flag = false;
        if (value.get_bool().get(flag))
            return false;
        out += flag ? 't' : 'f';
        return true;
    }
    case json_type::number:
        appendNumber(value, out);
        return true;
    case json_type::string:
        appendStringToken(value.raw_json_token().data(), out);
        return true;
    case json_type::array: {
        ondemand::array array;
        if (value.get_array().get(array))
            return false;
        out += '[';
        for (auto elementResult : array) {
            ondemand::value element;
            json_type elementType;
            if (std::move(elementResult).get(element) || element.type().get(elementType)
                || !appendValue(element, elementType, out, depth + 1, nullptr))
                return false;
        }
        out += ']';
        return true;
    }
    case json_type::object:
        return appendObject(value, out, depth, topLevelMember);
    }
    return false;
}

bool CanonicalJsonWriter::appendObject(ondemand::value &value, std::string &out, int depth,
                                       const MemberVisitor *topLevelMember)
{
    ondemand::object object;
    if (value.get_object().get(object))
        return false;
    // Each member's form (name, then value) goes into one buffer of this depth; the members are
    // then written in the order of their forms, which begin with the name.
    if (m_members.size() <= size_t(depth)) {
        m_members.resize(size_t(depth) + 1);
        m_spans.resize(size_t(depth) + 1);
    }
    std::string &members = m_members[size_t(depth)];
    std::vector<std::pair<size_t, size_t>> &spans = m_spans[size_t(depth)];
    members.clear();
    spans.clear();
    for (auto fieldResult : object) {
        ondemand::field field;
        if (std::move(fieldResult).get(field))
            return false;
        ondemand::value &member = field.value();
        json_type type;
        if (member.type().get(type))
            return false;
        const size_t start = members.size();
        appendStringToken(field.key().raw() - 1, members);
        if (topLevelMember) {
            // The name's form is its length and its decoded bytes.
            const size_t nameStart = start + 1 + sizeof(quint64);
            (*topLevelMember)(QByteArrayView(members.data() + nameStart, qsizetype(members.size() - nameStart)),
                              member, type);
        }
        if (!appendValue(member, type, members, depth + 1, nullptr))
            return false;
        spans.emplace_back(start, members.size() - start);
    }
    const auto formOf = [&members](const std::pair<size_t, size_t> &span) {
        return std::string_view(members.data() + span.first, span.second);
    };
    std::sort(spans.begin(), spans.end(), [&](const auto &a, const auto &b) { return formOf(a) < formOf(b); });
    out += '{';
    for (const auto &span : spans)
        out += formOf(span);
    out += '}';
    return true;
}

// The string whose opening quote is at `quote`, decoded exactly (only when it has an escape).
void CanonicalJsonWriter::appendStringToken(const char *quote, std::string &out) const
{
    qsizetype end = JsonTokens::closingQuoteEnd(quote, m_documentEnd - quote, 0);
    if (end < 0)
        end = m_documentEnd - quote + 1; // unterminated: the rest (simdjson would have refused it)
    const char *begin = quote + 1;
    const qsizetype size = std::max<qsizetype>(0, end - 2);
    if (std::memchr(begin, '\\', size_t(size)) == nullptr)
        return appendString(QByteArrayView(begin, size), out);
    QByteArray decoded;
    decoded.reserve(size);
    JsonTokens::appendDecodedString(decoded, begin, begin + size, JsonTokens::StringDecoding::Exact);
    appendString(decoded, out);
}

// Integers of up to 18 digits are exact; anything else goes through a double (integral ones below
// 1e18 as integers, the rest in the shortest form that reads back the same). A number beyond a
// double's range stays as it is written.
void CanonicalJsonWriter::appendNumber(ondemand::value &value, std::string &out)
{
    const std::string_view raw = SimdjsonValues::trimTrailingSpace(value.raw_json_token());
    out += 'd';
    const bool integerLiteral = raw.find_first_of(".eE") == std::string_view::npos;
    std::string_view digits = raw;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative)
        digits.remove_prefix(1);
    while (digits.size() > 1 && digits.front() == '0')
        digits.remove_prefix(1);
    if (integerLiteral && !digits.empty() && digits.size() <= 18) {
        if (negative && digits != "0")
            out += '-';
        out += digits;
    } else {
        double number = 0;
        if (value.get_double().get(number) || !std::isfinite(number))
            out.append(1, 'r').append(raw);
        else if (number == 0)
            out += '0';
        else if (std::floor(number) == number && std::fabs(number) < 1e18)
            out += std::to_string(qint64(number));
        else
            out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest).toStdString();
    }
    out += ';';
}
