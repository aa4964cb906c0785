// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>
#include <string_view>

namespace simdjson::dom {
class parser;
}

// The fast half of reading an entry for a conversion, or for the window (facts()): one reused
// simdjson DOM parser checks that
// an entry's bytes are valid JSON (grammar, UTF-8, depth) and an object with an integer
// "agent_run_id", which is all PageParser::parseEntry demands of an entry. No LogEntry, no
// QString, no allocation per entry. It answers only when it is sure: anything unusual (an error,
// a number simdjson's DOM is stricter about, an entry larger than the DOM is trusted with) gives
// std::nullopt, and the caller asks PageParser::parseEntry, which has the last word and the
// words for the error. Not thread-safe: one per worker.
class EntryQuickCheck
{
public:
    EntryQuickCheck();
    ~EntryQuickCheck();
    EntryQuickCheck(const EntryQuickCheck &) = delete;
    EntryQuickCheck &operator=(const EntryQuickCheck &) = delete;

    // `entry` is the object's bytes without surrounding whitespace; `readableAfter` bytes after
    // it may be read (the rest of a mapped file): with enough, it is parsed in place.
    // The entry's agent_run_id when the entry is surely one PageParser::parseEntry accepts.
    std::optional<qint64> agentRunId(QByteArrayView entry, qsizetype readableAfter);

    // What the window's table needs of an entry, read by the same check: valid until the next
    // call (the texts point into the parser). A text is std::nullopt when the field is null or
    // missing. std::nullopt when the check is unsure, or a field is neither a string nor null
    // (PageParser shows such a value as its JSON text, which the DOM does not keep).
    struct Facts {
        qint64 agentRunId = 0;
        std::optional<std::string_view> createdAt;
        std::optional<std::string_view> messageType;
        std::optional<std::string_view> toolName;
    };
    std::optional<Facts> facts(QByteArrayView entry, qsizetype readableAfter);

private:
    // The entry's object, parsed in place or from a padded copy; false when unsure.
    bool parse(QByteArrayView entry, qsizetype readableAfter, void *object);

    std::unique_ptr<simdjson::dom::parser> m_parser;
    QByteArray m_padded; // a copy of an entry too close to the end of its buffer
};
