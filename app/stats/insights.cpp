// SPDX-License-Identifier: MIT
// The one pass over the entries: each entry's top-level members with simdjson On-Demand, then the
// findings. Strings are kept as views of the entry's bytes and decoded (JsonTokens, the project's
// one decoder) only when a finding needs them, so a long thought costs nothing unless it is a
// failure's text.
#include "stats/insights.h"

#include "json/jsontokens.h"
#include "json/simdjsonvalues.h"

#include <simdjson.h>

#include <QHash>
#include <QMultiHash>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace ondemand = simdjson::ondemand;
using simdjson::ondemand::json_type;

// 's', the length as raw bytes, the bytes: self-delimiting, so forms never run into each other.
void appendLengthPrefixed(QByteArrayView text, std::string &out)
{
    const quint64 length = quint64(text.size());
    out += 's';
    out.append(reinterpret_cast<const char *>(&length), sizeof length);
    out.append(text.data(), size_t(text.size()));
}

// A JSON string as it stands in the entry: its content between the quotes.
struct JsonString
{
    const char *begin = nullptr;
    qsizetype size = 0;
    bool escaped = false;
    bool present = false;

    QByteArray utf8() const
    {
        if (!escaped)
            return QByteArray(begin, size);
        QByteArray out;
        out.reserve(size);
        JsonTokens::appendDecodedString(out, begin, begin + size, JsonTokens::StringDecoding::Exact);
        return out;
    }
    // The text without a copy when there is nothing to decode.
    QByteArrayView view(QByteArray &storage) const
    {
        if (!escaped)
            return QByteArrayView(begin, size);
        storage = utf8();
        return storage;
    }
    bool isEmpty() const { return size == 0; }
};

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

bool containsIgnoringAsciiCase(QByteArrayView text, const char *lowerWord)
{
    const qsizetype length = qsizetype(std::strlen(lowerWord));
    for (qsizetype at = 0; at + length <= text.size(); ++at) {
        if (equalsIgnoringAsciiCase(text.sliced(at, length), lowerWord))
            return true;
    }
    return false;
}

// A call writes the file it names when its tool name says so.
bool isWritingTool(QByteArrayView toolName)
{
    static const char *const verbs[] = {"edit", "write", "create", "replace", "patch", "insert", "delete", "move"};
    return std::any_of(std::begin(verbs), std::end(verbs),
                       [toolName](const char *verb) { return containsIgnoringAsciiCase(toolName, verb); });
}

// What a `tool_output` or `observation` object says about the outcome.
struct OutcomeObject
{
    bool present = false;
    // The exit-code members that are numbers, in order (each name once, so at most four).
    double exitCodes[4] = {};
    int exitCodeCount = 0;
    bool isError = false;
    JsonString stderrText, errorText, messageText;
};

// The members of one entry that insights read.
struct EntryReading
{
    JsonString messageType;   // present only when a string
    JsonString toolName;      // present only when a string
    JsonString command;       // tool_input.command, else tool_input.cmd (strings)
    JsonString cmd;
    JsonString paths[5]; // the file members, each name once
    int pathCount = 0;
    JsonString observationText, toolOutputText, thought;
    OutcomeObject observationObject, toolOutputObject;
    bool toolInputSeen = false;
    unsigned inputMembersSeen = 0; // kInputMembers met, as bits

    bool isToolCall() const { return toolName.present && !toolName.isEmpty(); }
};

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

class EntryReader
{
public:
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

private:
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

} // namespace

struct InsightsCollector::State
{
    struct FailureGroup
    {
        int count = 0;
        int firstEntry = 0;
        QVector<int> entries;  // filled from the second failure on
        QString signature;     // kept from the second failure on
    };

    EntryReader reader;
    std::vector<char> padded;
    std::string canonicalInput; // the entry's tool_input in canonical form (reused)
    std::string callKeyForm;    // the tool name and that form (reused)
    int entries = 0;
    QVector<quint64> callKeys;   // one per tool call, in order
    QVector<qint32> callEntries; // its entry number
    QHash<quint64, FailureGroup> failures; // by the signature's hash
    std::optional<InsightsFirstFailure> firstFailure;
    QList<InsightsCommand> commands;
    QList<InsightsFile> files;
    QMultiHash<quint64, int> fileIndex; // index in `files` by the hash of the path's bytes
    QList<QByteArray> filePaths;        // each file's path as UTF-8

    void addEntry(QByteArrayView rawJson);
    void noteFailure(int entry, const EntryReading &reading);
    void noteFiles(int entry, const EntryReading &reading);
};

namespace {

// The exit code an entry gives: the first number that is not 0 among its outcome objects'
// exit-code members (tool_output first) and the "exit code N" of its texts, else the first 0.
struct Outcome
{
    bool failure = false;
    std::optional<double> exitCode;
};

Outcome outcomeOf(const EntryReading &reading)
{
    Outcome outcome;
    std::optional<double> firstZero;
    const auto consider = [&](double code) {
        if (code != 0 && !outcome.exitCode) {
            outcome.exitCode = code;
            outcome.failure = true;
        } else if (code == 0 && !firstZero) {
            firstZero = 0.0;
        }
    };
    if (reading.messageType.present) {
        QByteArray storage;
        outcome.failure = equalsIgnoringAsciiCase(reading.messageType.view(storage), "error");
    }
    for (const OutcomeObject *object : {&reading.toolOutputObject, &reading.observationObject}) {
        for (int k = 0; k < object->exitCodeCount; ++k)
            consider(object->exitCodes[k]);
        outcome.failure = outcome.failure || object->isError;
    }
    for (const JsonString *text : {&reading.observationText, &reading.toolOutputText}) {
        if (!text->present)
            continue;
        QByteArray storage;
        const QByteArrayView utf8 = text->view(storage);
        std::optional<double> code;
        if (InsightsFinder::hasFailingExitText(utf8, &code))
            consider(*code);
        else if (code)
            consider(0);
        outcome.failure = outcome.failure || utf8.startsWith("Traceback (most recent call last)");
    }
    if (!outcome.exitCode)
        outcome.exitCode = firstZero;
    return outcome;
}

QString signatureOf(const EntryReading &reading)
{
    const JsonString *candidates[] = {
        &reading.observationText,
        &reading.toolOutputObject.stderrText, &reading.toolOutputObject.errorText, &reading.toolOutputObject.messageText,
        &reading.observationObject.stderrText, &reading.observationObject.errorText, &reading.observationObject.messageText,
        &reading.thought,
    };
    for (const JsonString *candidate : candidates) {
        if (!candidate->present)
            continue;
        const QString signature = InsightsFinder::signatureOf(QString::fromUtf8(candidate->utf8()));
        if (!signature.isEmpty())
            return signature;
    }
    return QStringLiteral("");
}

QString textOf(const JsonString &s)
{
    if (!s.present)
        return QString();
    const QString text = QString::fromUtf8(s.utf8());
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

void InsightsCollector::State::addEntry(QByteArrayView rawJson)
{
    const int entry = ++entries;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: one buffer, reused.
    const size_t size = size_t(rawJson.size());
    if (padded.size() < size + simdjson::SIMDJSON_PADDING)
        padded.resize(size + simdjson::SIMDJSON_PADDING);
    if (size)
        std::memcpy(padded.data(), rawJson.data(), size);
    std::memset(padded.data() + size, 0, simdjson::SIMDJSON_PADDING);

    EntryReading reading;
    if (!reader.read(padded.data(), size, padded.size(), reading, canonicalInput))
        return;
    const Outcome outcome = outcomeOf(reading);
    if (outcome.failure)
        noteFailure(entry, reading);
    if (!reading.isToolCall())
        return;

    QByteArray nameStorage;
    const QByteArrayView toolName = reading.toolName.view(nameStorage);
    callKeyForm.clear();
    appendLengthPrefixed(toolName, callKeyForm);
    if (reading.toolInputSeen)
        callKeyForm += canonicalInput;
    else
        callKeyForm += 'n'; // no tool_input is the same call as a null one
    callKeys.append(hashOf(QByteArrayView(callKeyForm.data(), qsizetype(callKeyForm.size()))));
    callEntries.append(entry);

    const JsonString &command = reading.command.present ? reading.command : reading.cmd;
    if (command.present) {
        InsightsCommand found;
        found.entry = entry;
        found.tool = textOf(reading.toolName);
        found.command = textOf(command);
        found.exitCode = outcome.exitCode;
        found.failed = outcome.failure;
        commands.append(found);
    }
    noteFiles(entry, reading);
}

void InsightsCollector::State::noteFailure(int entry, const EntryReading &reading)
{
    const QString signature = signatureOf(reading);
    if (!firstFailure) {
        InsightsFirstFailure first;
        first.entry = entry;
        first.messageType = textOf(reading.messageType);
        first.toolName = reading.isToolCall() ? textOf(reading.toolName) : QString();
        first.signature = signature;
        firstFailure = first;
    }
    const QByteArray utf8 = signature.toUtf8();
    FailureGroup &group = failures[hashOf(utf8)];
    if (group.count == 0) {
        group.firstEntry = entry;
    } else {
        if (group.count == 1) {
            group.entries.append(group.firstEntry);
            group.signature = signature;
        }
        group.entries.append(entry);
    }
    ++group.count;
}

void InsightsCollector::State::noteFiles(int entry, const EntryReading &reading)
{
    if (reading.pathCount == 0)
        return;
    QByteArray nameStorage;
    const bool writes = isWritingTool(reading.toolName.view(nameStorage));
    QByteArray storage[5];
    QByteArrayView named[5];
    for (int k = 0; k < reading.pathCount; ++k) {
        const QByteArrayView path = reading.paths[k].view(storage[k]);
        named[k] = path;
        // "" names no file; a file named twice by one call counts once.
        if (path.isEmpty() || std::find(named, named + k, path) != named + k)
            continue;
        // Found by the hash of its bytes (no string made for a file met before).
        const quint64 hash = hashOf(path);
        int index = -1;
        for (auto it = fileIndex.constFind(hash); it != fileIndex.constEnd() && it.key() == hash; ++it) {
            if (filePaths[*it] == path) {
                index = *it;
                break;
            }
        }
        if (index < 0) {
            index = int(files.size());
            fileIndex.insert(hash, index);
            filePaths.append(path.toByteArray());
            InsightsFile file;
            file.path = QString::fromUtf8(path);
            files.append(file);
        }
        InsightsFile &file = files[index];
        (writes ? file.writes : file.reads) += 1;
        file.entries.append(entry);
    }
}

InsightsCollector::InsightsCollector() : m_state(std::make_unique<State>()) {}

InsightsCollector::~InsightsCollector() = default;

void InsightsCollector::add(QByteArrayView rawJson)
{
    m_state->addEntry(rawJson);
}

int InsightsCollector::entriesAdded() const
{
    return m_state->entries;
}

namespace {

// The tool name of a call, read again from its entry.
QString toolNameAt(QByteArrayView rawJson)
{
    EntryReader reader;
    std::vector<char> padded(size_t(rawJson.size()) + simdjson::SIMDJSON_PADDING, '\0');
    if (!rawJson.isEmpty())
        std::memcpy(padded.data(), rawJson.data(), size_t(rawJson.size()));
    EntryReading reading;
    std::string canonical;
    if (!reader.read(padded.data(), size_t(rawJson.size()), padded.size(), reading, canonical))
        return QString();
    return textOf(reading.toolName);
}

} // namespace

Insights InsightsCollector::finish(const std::function<QByteArrayView(int index)> &entryAt)
{
    State &state = *m_state;
    Insights insights;
    insights.entries = state.entries;

    for (const InsightsFinder::KeyLoop &keyLoop : InsightsFinder::findLoops(state.callKeys)) {
        InsightsLoop loop;
        loop.period = keyLoop.period;
        loop.repeats = keyLoop.repeats;
        const int calls = keyLoop.period * keyLoop.repeats;
        loop.entries.reserve(calls);
        for (int k = keyLoop.start; k < keyLoop.start + calls; ++k)
            loop.entries.append(state.callEntries[k]);
        loop.firstEntry = loop.entries.first();
        loop.lastEntry = loop.entries.last();
        for (int k = 0; k < keyLoop.period; ++k)
            loop.tools.append(toolNameAt(entryAt(loop.entries[k] - 1)));
        insights.loops.append(loop);
    }

    for (const State::FailureGroup &group : std::as_const(state.failures)) {
        if (group.count < 2)
            continue;
        InsightsRepeatedFailure repeated;
        repeated.signature = group.signature;
        repeated.count = group.count;
        repeated.entries = group.entries;
        insights.repeatedFailures.append(repeated);
    }
    std::sort(insights.repeatedFailures.begin(), insights.repeatedFailures.end(),
              [](const InsightsRepeatedFailure &a, const InsightsRepeatedFailure &b) {
                  return a.count != b.count ? a.count > b.count : a.entries.first() < b.entries.first();
              });

    insights.firstFailure = state.firstFailure;
    insights.commands = state.commands;
    insights.files = state.files;
    return insights;
}

namespace InsightsFinder {

Insights compute(int entryCount, const std::function<QByteArrayView(int index)> &entryAt, const std::atomic<bool> *cancel)
{
    InsightsCollector collector;
    for (int index = 0; index < entryCount; ++index) {
        if (cancel && (index & 1023) == 0 && cancel->load(std::memory_order_relaxed)) {
            Insights stopped;
            stopped.cancelled = true;
            return stopped;
        }
        collector.add(entryAt(index));
    }
    return collector.finish(entryAt);
}

Insights compute(const QList<QByteArray> &entries, const std::atomic<bool> *cancel)
{
    return compute(int(entries.size()), [&entries](int index) { return QByteArrayView(entries.at(index)); }, cancel);
}

} // namespace InsightsFinder
