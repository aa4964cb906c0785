// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

#include <memory>
#include <string>

// Internal to insights (stats/insights.cpp): what one entry says, read from its raw JSON with
// simdjson On-Demand. Strings are kept as views of the entry's bytes (valid while they are) and
// decoded only when a finding needs them.
namespace InsightsEntry {

// A JSON string as it stands in the entry: its content between the quotes.
struct JsonString
{
    const char *begin = nullptr;
    qsizetype size = 0;
    bool escaped = false;
    bool present = false;

    QByteArray utf8() const;
    // The text without a copy when there is nothing to decode.
    QByteArrayView view(QByteArray &storage) const;
    bool isEmpty() const { return size == 0; }
};

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
    JsonString paths[5];      // the file members, each name once
    int pathCount = 0;
    JsonString observationText, toolOutputText, thought;
    OutcomeObject observationObject, toolOutputObject;
    bool toolInputSeen = false;
    unsigned inputMembersSeen = 0; // kInputMembers met, as bits

    bool isToolCall() const { return toolName.present && !toolName.isEmpty(); }
};

// Reads entries one after the other, with one parser and its buffers kept from entry to entry.
class Reader
{
public:
    Reader();
    ~Reader();
    Reader(const Reader &) = delete;
    Reader &operator=(const Reader &) = delete;

    // Reads the entry at `json` (with simdjson's padding readable past its end); `canonicalInput`
    // gets its tool_input in canonical form. False when it is not a JSON object or simdjson
    // stops on it.
    bool read(const char *json, size_t size, size_t capacity, EntryReading &out, std::string &canonicalInput);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// 's', the length as raw bytes, the bytes: self-delimiting, so forms never run into each other.
void appendLengthPrefixed(QByteArrayView text, std::string &out);
bool equalsIgnoringAsciiCase(QByteArrayView text, const char *lowerWord);
// A call writes the file it names when its tool name says so.
bool isWritingTool(QByteArrayView toolName);
// 64 bits of hash (call keys, signatures, paths).
quint64 hashOf(QByteArrayView bytes);

} // namespace InsightsEntry
