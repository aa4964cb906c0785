// SPDX-License-Identifier: MIT
#pragma once

#include "export/runsnapshot.h"
#include "run/entrydetail.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// What the readable formats (Markdown, HTML) say about a run and its entries, so that both say
// the same thing; each format only adds its own escaping and layout.
namespace ExportText {

// A block shown under an entry or the run header: an object pretty-printed, or a text as is.
struct Payload
{
    QString label;       // "observation", "tool_input", "tool_output", an unknown field's key
    QByteArray content;  // UTF-8: pretty JSON, or the text itself
    bool isJson = true;
};

// "Run 42", or "Run log" when the source had no run fields.
QString title(const RunSnapshot &snapshot);
// Label and value lines for the header, in a fixed order; fields that are null are left out.
QList<QPair<QString, QString>> summary(const RunSnapshot &snapshot);
// The run's result (as text), its metadata and its unknown fields (pretty-printed).
QList<Payload> runPayloads(const RunSnapshot &snapshot);

// The entry's time in local time with its UTC offset ("2025-06-21 14:06:31.108 UTC+02:00"),
// the text as sent when it is not a time, empty when null.
QString timeOf(const EntryDetail &entry);
// observation, tool_input, tool_output and any unknown fields, in that order, nulls left out.
QList<Payload> payloadsOf(const EntryDetail &entry);

// The run an entry names when it is not the exported run: the server sent an entry of another
// run among this run's (RunLoader keeps it in place and flags it, the window marks it ⚠).
// std::nullopt for the run's own entries, and when the run is not known (a .jsonl file).
std::optional<qint64> otherRunOf(const RunSnapshot &snapshot, const EntryDetail &entry);
// "⚠ entry of run 99, not of run 42": what the readable formats say of such an entry.
QString otherRunNote(const RunSnapshot &snapshot, qint64 otherRunId);

} // namespace ExportText
