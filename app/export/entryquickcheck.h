// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>

namespace simdjson::dom {
class parser;
}

// The fast half of reading an entry for a conversion: one reused simdjson DOM parser checks that
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

private:
    std::unique_ptr<simdjson::dom::parser> m_parser;
    QByteArray m_padded; // a copy of an entry too close to the end of its buffer
};
