// SPDX-License-Identifier: MIT
#pragma once

#include "api/parsedpage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

// Parses a response body of GET .../agent/run/{id}/logs. Pure function, thread-safe: meant to
// run on a worker thread. Validates the whole document (simdjson's DOM parser) and slices each
// log entry's exact bytes (its On-Demand parser), so nothing is re-serialised.
namespace PageParser {
PageParseResult parse(const QByteArray &body);

// One log entry on its own, e.g. a line of an exported .jsonl file: validated and read exactly
// as an entry inside a page (same fields, same summary, same errors, which name `index`).
// entry.rawJson holds the entry's bytes without surrounding whitespace. `readableAfter`: how many
// bytes after rawEntry may be read (the rest of a mapped file): with enough, no copy is made.
// `owner`: what rawEntry's bytes live in; given, entry.rawJson is a slice of them (no copy) and
// entry.rawOwner is `owner`.
EntryParseResult parseEntry(QByteArrayView rawEntry, qsizetype index, qsizetype readableAfter = 0,
                            std::shared_ptr<const void> owner = {});

// The table's one line for an entry (its thought, else its observation, else its tool input;
// an error or a final answer leads with its observation), at most 300 characters. Made when a
// row is shown, not kept. Empty for an entry that is not valid JSON.
QString summaryOf(QByteArrayView rawEntry);

// That line, and whether the entry is a subagent's: another agent's log converted with its
// subagents' steps marks them `"sidechain": true` (a top-level field), and the table says so.
struct SummaryLine
{
    QString text;
    bool sidechain = false;
};
SummaryLine summaryLineOf(QByteArrayView rawEntry);
}
