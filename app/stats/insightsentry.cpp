// SPDX-License-Identifier: MIT
// Reading one entry for insights: its top-level members with simdjson On-Demand, its tool_input
// in a canonical form (the call key, CanonicalJsonWriter).
#include "stats/insightsentry.h"

#include "json/canonicaljson.h"
#include "json/jsontokens.h"
#include "json/simdjsonvalues.h"

#include <simdjson.h>

#include <QHashFunctions>

#include <algorithm>
#include <cstring>
#include <string_view>

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
    CanonicalJsonWriter::appendString(text, out);
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
                const CanonicalJsonWriter::MemberVisitor noteMember =
                    [this, &out](QByteArrayView name, ondemand::value &inputMember, json_type memberType) {
                        noteTopLevelMember(name, inputMember, memberType, out);
                    };
                if (!m_canonical.append(value, type, canonicalInput, m_documentEnd, &noteMember))
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

    ondemand::parser m_parser;
    const char *m_documentEnd = nullptr;
    CanonicalJsonWriter m_canonical;
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
