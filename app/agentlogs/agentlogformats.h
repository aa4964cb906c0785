// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"
#include "agentlogs/inspectlog.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

// The other agents' log formats Runlog reads, in one table (agentlogformats.cpp): each detected
// from a file's first bytes, never from its name, and converted whole (its settled entries may
// be handed over while it is converted: Format::convertInBatches).
namespace AgentLogFormats {

struct Format {
    // Its name in messages, singular: "Claude Code transcript" (the converters' errors begin so).
    const char *name;
    // The plural for the list of what Runlog reads: "Claude Code transcripts".
    const char *plural;
    bool (*looksLike)(QByteArrayView head);
    // `readableAfter`: how many bytes after `bytes` may be read (a mapped file's last page), so
    // that a format read as one JSON text is parsed in place instead of from a padded copy.
    AgentLogConversion (*convert)(QByteArrayView bytes, const ConversionCancel &cancel, qsizetype readableAfter);
    // A format whose log holds several runs (Inspect's samples): read once, its samples listed
    // and the one chosen converted. Null for a format of one run a file. `eventByEvent`: for a
    // conversion in batches (InspectLog's constructor); `bytes` must then outlive the log.
    InspectLog (*readSamples)(QByteArrayView bytes, qsizetype readableAfter, bool eventByEvent);
    // The same conversion, handing its settled entries over in batches as it reads
    // (SettledEntries): a JSON Lines log's as they settle, a JSON text's once it is parsed and
    // read, as they are written. Null for a format converted whole.
    AgentLogConversion (*convertInBatches)(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled);
};

// How much of a file detect() is given: a detector judges only lines complete within it.
constexpr qsizetype kHeadBytes = 64 * 1024;

const QList<Format> &formats();

// The format whose detector accepts `head` (a file's first kHeadBytes or fewer), first in the
// table first; nullptr for anything else (a Codegen export among them: a first line that is an
// entry with "agent_run_id" is never another agent's).
const Format *detect(QByteArrayView head);

// Detects and converts a whole file. An unknown format fails with unknownFormatText(); a
// malformed file with the converter's sentence, which names the format and the line.
// `readableAfter`: bytes after `bytes` that may be read (Format::convert).
AgentLogConversion convert(QByteArrayView bytes, const ConversionCancel &cancel = {}, qsizetype readableAfter = 0);

// The format's translated name, and "Runlog reads Codegen exports (.json, .jsonl), Claude Code
// transcripts, …." for a file of none of them.
QString nameOf(const Format &format);
QString unknownFormatText();

} // namespace AgentLogFormats
