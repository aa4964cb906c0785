// SPDX-License-Identifier: MIT
// Reading one entry for insights: its top-level members with simdjson On-Demand, its tool_input
// in a canonical form (the call key).
#include "stats/insightsentry.h"

#include "json/jsontokens.h"
#include "json/simdjsonvalues.h"

#include <simdjson.h>

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <string_view>
#include <vector>

namespace ondemand = simdjson::ondemand;
using simdjson::ondemand::json_type;

namespace InsightsEntry {

QByteArray JsonString::utf8() const
{
    if (!escaped)
        return QByteArray(begin, size);
    QByteArray out;
    out.reserve(size);
    JsonTokens::appendDecodedString(out, begin, begin + size, JsonTokens::StringDecoding::Exact);
    return out;
}

QByteArrayView JsonString::view(QByteArray &storage) const
{
    if (!escaped)
        return QByteArrayView(begin, size);
    storage = utf8();
    return storage;
}

// 's', the length as raw bytes, the bytes: self-delimiting, so forms never run into each other.
void appendLengthPrefixed(QByteArrayView text, std::string &out)
{
    const quint64 length = quint64(text.size());
    out += 's';
    out.append(reinterpret_cast<const char *>(&length), sizeof length);
    out.append(text.data(), size_t(text.size()));
}

namespace {

JsonString stringAt(const char *quote, const char *documentEnd)
{
    JsonString s;
    qsizetype end = JsonTokens::closingQuoteEnd(quote, documentEnd - quote, 0);
    if (end < 0)
        end = documentEnd - quote + 1; // unterminated: the rest (simdjson would have refused it)
    s.begin = quote + 1;
    s.size = std::max<qsizetype>(0, end - 2);
    s.escaped = std::memchr(s.begin, '\\', size_t(s.size)) != nullptr;
    s.present = true;
    return s;
}

// A string value; the value is left unconsumed (the object's iteration skips it).
JsonString stringOf(ondemand::value &value, const char *documentEnd)
{
    return stringAt(value.raw_json_token().data(), documentEnd);
}

// A member's name, decoded (into `scratch`) only when it has an escape.
QByteArrayView keyOf(ondemand::field &field, const char *documentEnd, QByteArray &scratch)
{
    const JsonString key = stringAt(field.key().raw() - 1, documentEnd);
    return key.view(scratch);
}

} // namespace

bool equalsIgnoringAsciiCase(QByteArrayView text, const char *lowerWord)
{
    const qsizetype length = qsizetype(std::strlen(lowerWord));
    if (text.size() != length)
        return false;
    for (qsizetype k = 0; k < length; ++k) {
        char c = text[k];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowerWord[k])
            return false;
    }
    return true;
}

namespace {

bool containsIgnoringAsciiCase(QByteArrayView text, const char *lowerWord)
{
    const qsizetype length = qsizetype(std::strlen(lowerWord));
    for (qsizetype at = 0; at + length <= text.size(); ++at) {
        if (equalsIgnoringAsciiCase(text.sliced(at, length), lowerWord))
            return true;
    }
    return false;
}

} // namespace

// A call writes the file it names when its tool name says so.
bool isWritingTool(QByteArrayView toolName)
{
    static const char *const verbs[] = {"edit", "write", "create", "replace", "patch", "insert", "delete", "move"};
    return std::any_of(std::begin(verbs), std::end(verbs),
                       [toolName](const char *verb) { return containsIgnoringAsciiCase(toolName, verb); });
}

namespace {

// The members read, as bits, so that a member's first occurrence is the one that counts.
enum EntryMember : unsigned {
    kMessageType = 1, kToolName = 2, kToolInput = 4, kToolOutput = 8, kObservation = 16, kThought = 32,
};

struct NamedMember
{
    const char *name;
    unsigned bit;
};

template <size_t N>
unsigned memberOf(QByteArrayView key, const NamedMember (&members)[N])
{
    for (const NamedMember &member : members) {
        if (key == member.name)
            return member.bit;
    }
    return 0;
}

constexpr NamedMember kEntryMembers[] = {
    {"message_type", kMessageType}, {"tool_name", kToolName}, {"tool_input", kToolInput},
    {"tool_output", kToolOutput}, {"observation", kObservation}, {"thought", kThought},
};

// In this order: the exit-code members (up to kReturnCodeUnderscore), is_error, the texts.
enum OutcomeMember : unsigned {
    kExitCode = 1, kExitCodeCamel = 2, kReturnCode = 4, kReturnCodeUnderscore = 8, kIsError = 16,
    kStderr = 32, kError = 64, kMessage = 128,
};

constexpr NamedMember kOutcomeMembers[] = {
    {"exit_code", kExitCode}, {"exitCode", kExitCodeCamel}, {"returncode", kReturnCode},
    {"return_code", kReturnCodeUnderscore}, {"is_error", kIsError}, {"stderr", kStderr}, {"error", kError},
    {"message", kMessage},
};

// The tool_input members that name a command or a file.
constexpr NamedMember kInputMembers[] = {
    {"command", 1}, {"cmd", 2}, {"path", 4}, {"file_path", 8}, {"filepath", 16}, {"filename", 32}, {"target_file", 64},
};
constexpr unsigned kFileMembers = 4 | 8 | 16 | 32 | 64;

} // namespace

struct Reader::Impl
{
    // Reads the entry at `json` (with simdjson's padding readable past its end). False when it is
    // not a JSON object or simdjson stops on it.
    bool read(const char *json, size_t size, size_t capacity, EntryReading &out, std::string &canonicalInput)
    {
        // On-Demand does not look past the root object's end: "{...} x" is no entry either.
        const std::string_view text = SimdjsonValues::trimTrailingSpace(std::string_view(json, size));
        if (text.empty() || text.back() != '}')
            return false;
        m_documentEnd = json + size;
        ondemand::document doc;
        ondemand::object object;
        if (m_parser.iterate(json, size, capacity).get(doc) || doc.get_object().get(object))
            return false;
        canonicalInput.clear();
        QByteArray keyScratch;
        unsigned seen = 0; // the first occurrence of a member counts
        for (auto fieldResult : object) {
            ondemand::field field;
            if (std::move(fieldResult).get(field))
                return false;
            const QByteArrayView key = keyOf(field, m_documentEnd, keyScratch);
            const unsigned member = memberOf(key, kEntryMembers);
            if (member == 0 || (seen & member))
                continue;
            seen |= member;
            ondemand::value &value = field.value();
            json_type type;
            if (value.type().get(type))
                return false;
            if (member == kToolInput) {
                out.toolInputSeen = true;
                if (!appendCanonical(value, type, canonicalInput, 0, &out))
                    return false;
            } else if (member == kToolOutput || member == kObservation) {
                const bool observation = member == kObservation;
                if (type == json_type::string)
                    (observation ? out.observationText : out.toolOutputText) = stringOf(value, m_documentEnd);
                else if (type == json_type::object && !readOutcome(value, observation ? out.observationObject : out.toolOutputObject))
                    return false;
            } else if (type == json_type::string) {
                JsonString &target = member == kMessageType ? out.messageType : member == kToolName ? out.toolName : out.thought;
                target = stringOf(value, m_documentEnd);
            }
        }
        return true;
    }

    bool readOutcome(ondemand::value &objectValue, OutcomeObject &outcome)
    {
        ondemand::object object;
        if (objectValue.get_object().get(object))
            return false;
        outcome.present = true;
        QByteArray keyScratch;
        unsigned seen = 0;
        for (auto fieldResult : object) {
            ondemand::field field;
            if (std::move(fieldResult).get(field))
                return false;
            const QByteArrayView key = keyOf(field, m_documentEnd, keyScratch);
            const unsigned member = memberOf(key, kOutcomeMembers);
            if (member == 0 || (seen & member))
                continue;
            seen |= member;
            ondemand::value &value = field.value();
            json_type type;
            if (value.type().get(type))
                return false;
            if (member <= kReturnCodeUnderscore && type == json_type::number) {
                double number = 0;
                if (!value.get_double().get(number) && std::isfinite(number))
                    outcome.exitCodes[outcome.exitCodeCount++] = number;
            } else if (member == kIsError && type == json_type::boolean) {
                bool flag = false;
                if (value.get_bool().get(flag))
                    return false;
                outcome.isError = flag;
            } else if (member > kIsError && type == json_type::string) {
                JsonString &target = member == kStderr ? outcome.stderrText : member == kError ? outcome.errorText : outcome.messageText;
                target = stringOf(value, m_documentEnd);
            }
        }
        return true;
    }

    // A JSON value in a canonical form whose bytes are equal exactly when the values are: object
    // members sorted, numbers by value, strings decoded. Each part is self-delimiting (a string is
    // its length and its bytes), so no two values share a form. With `topLevel`, the object's
    // command and file members are noted too.
    bool appendCanonical(ondemand::value &value, json_type type, std::string &out, int depth, EntryReading *topLevel)
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
            appendCanonicalNumber(value, out);
            return true;
        case json_type::string:
            appendCanonicalString(stringOf(value, m_documentEnd), out);
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
                    || !appendCanonical(element, elementType, out, depth + 1, nullptr))
                    return false;
            }
            out += ']';
            return true;
        }
        case json_type::object:
            return appendCanonicalObject(value, out, depth, topLevel);
        }
        return false;
    }

    bool appendCanonicalObject(ondemand::value &value, std::string &out, int depth, EntryReading *topLevel)
    {
        ondemand::object object;
        if (value.get_object().get(object))
            return false;
        // Each member's form (name, then value) goes into one buffer of this depth (kept from
        // entry to entry: no allocation per object); the members are then written in the order
        // of their forms, which begin with the name.
        if (m_members.size() <= size_t(depth)) {
            m_members.resize(size_t(depth) + 1);
            m_spans.resize(size_t(depth) + 1);
        }
        std::string &members = m_members[size_t(depth)];
        std::vector<std::pair<size_t, size_t>> &spans = m_spans[size_t(depth)];
        members.clear();
        spans.clear();
        QByteArray keyScratch;
        for (auto fieldResult : object) {
            ondemand::field field;
            if (std::move(fieldResult).get(field))
                return false;
            const JsonString rawKey = stringAt(field.key().raw() - 1, m_documentEnd);
            ondemand::value &member = field.value();
            json_type type;
            if (member.type().get(type))
                return false;
            if (topLevel)
                noteTopLevelMember(rawKey.view(keyScratch), member, type, *topLevel);
            const size_t start = members.size();
            appendCanonicalString(rawKey, members);
            if (!appendCanonical(member, type, members, depth + 1, nullptr))
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

    // A command or file member of tool_input: its first occurrence, when it is a string.
    void noteTopLevelMember(QByteArrayView key, ondemand::value &member, json_type type, EntryReading &reading)
    {
        const unsigned bit = memberOf(key, kInputMembers);
        if (bit == 0 || (reading.inputMembersSeen & bit))
            return;
        reading.inputMembersSeen |= bit;
        if (type != json_type::string)
            return;
        const JsonString value = stringOf(member, m_documentEnd);
        if (bit & kFileMembers)
            reading.paths[reading.pathCount++] = value;
        else
            (bit == 1 ? reading.command : reading.cmd) = value;
    }

    static void appendCanonicalString(const JsonString &s, std::string &out)
    {
        QByteArray storage;
        const QByteArrayView text = s.view(storage);
        appendLengthPrefixed(text, out);
    }

    // 1, 1.0, 1e0 and 10e-1 are one value. Integers of up to 18 digits are exact; anything else
    // goes through a double (integral ones below 1e18 as integers, the rest in the shortest form
    // that reads back the same). A number beyond a double's range stays as it is written.
    static void appendCanonicalNumber(ondemand::value &value, std::string &out)
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

    ondemand::parser m_parser;
    const char *m_documentEnd = nullptr;
    // appendCanonicalObject's buffers, by depth; a deque, so that a nested object growing it
    // leaves the outer object's buffers where they are.
    std::deque<std::string> m_members;
    std::deque<std::vector<std::pair<size_t, size_t>>> m_spans;
};

quint64 hashOf(QByteArrayView bytes)
{
    quint64 hash = quint64(qHashBits(bytes.data(), size_t(bytes.size()), 0x9e3779b9u));
    if constexpr (sizeof(size_t) < sizeof(quint64))
        hash = (hash << 32) ^ quint64(qHashBits(bytes.data(), size_t(bytes.size()), 0x85ebca6bu));
    return hash;
}

Reader::Reader() : m_impl(std::make_unique<Impl>()) {}

Reader::~Reader() = default;

bool Reader::read(const char *json, size_t size, size_t capacity, EntryReading &out, std::string &canonicalInput)
{
    return m_impl->read(json, size, capacity, out, canonicalInput);
}

} // namespace InsightsEntry
