// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

#include <simdjson.h>

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

// A JSON value in a canonical form whose bytes are equal exactly when the values are: object
// members sorted, numbers by value (1, 1.0, 1e0 and 10e-1 are one value), strings decoded. Each
// part is self-delimiting (a string is its length and its bytes), so no two values share a form.
// Insights' call keys and the comparison of two runs are made of it. Internal to the core: it
// exposes simdjson, which only the core links.
class CanonicalJsonWriter
{
public:
    // Told each member of the top-level object as it is read (name decoded, value unconsumed).
    using MemberVisitor = std::function<void(QByteArrayView name, simdjson::ondemand::value &value,
                                             simdjson::ondemand::json_type type)>;

    // Appends `value`'s form to `out`. `documentEnd` bounds the document `value` is in (strings
    // are read from their raw tokens, so that lone surrogates are no error). False when simdjson
    // stops on the value; `out` then holds a part of it.
    bool append(simdjson::ondemand::value &value, simdjson::ondemand::json_type type, std::string &out,
                const char *documentEnd, const MemberVisitor *topLevelMember = nullptr);

    // 's', the length as raw bytes, the bytes: the form of a string.
    static void appendString(QByteArrayView text, std::string &out);

private:
    bool appendValue(simdjson::ondemand::value &value, simdjson::ondemand::json_type type, std::string &out,
                     int depth, const MemberVisitor *topLevelMember);
    bool appendObject(simdjson::ondemand::value &value, std::string &out, int depth,
                      const MemberVisitor *topLevelMember);
    void appendStringToken(const char *quote, std::string &out) const;
    static void appendNumber(simdjson::ondemand::value &value, std::string &out);

    const char *m_documentEnd = nullptr;
    // appendObject's buffers, by depth, kept from value to value (no allocation per object); a
    // deque, so that a nested object growing it leaves the outer object's buffers where they are.
    std::deque<std::string> m_members;
    std::deque<std::vector<std::pair<size_t, size_t>>> m_spans;
};
