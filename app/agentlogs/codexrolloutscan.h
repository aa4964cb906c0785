// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/conversionsupport.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <functional>

// What a look at a Codex CLI rollout's raw bytes (no JSON parse: a search for a few quoted words)
// can tell for sure about the lines still to come, so that a conversion knows early which of its
// entries no later line can change (issue 28: a large rollout's first rows before its end).
//
// The mapping changes an entry it made only through a call's id (its output and the last
// exec_command_end name it) and by making the last assistant text the final answer; and it reads
// event messages or not by what the whole file holds. Every such line spells the word that
// matters as a JSON string: literally ("call_id", "assistant"), or with \u escapes of letters,
// which this scan cannot read and so treats as "may be anything". It errs on one side only: a
// place it names may turn out to change nothing; a place that can change something is never left
// out (worst case, nothing settles before the end, as when a rollout was converted whole).
class CodexRolloutScan
{
public:
    // `callIds`: learn where each call id is named (only a conversion in batches needs it).
    // Stops early when `cancelled` says so (cancelled() is then true).
    CodexRolloutScan(QByteArrayView bytes, bool callIds, CancelCheck &cancelled);

    bool cancelled() const { return m_cancelled; }

    // The offset of the last place in the file that may name call `callId` (in its output, an
    // exec_command_end for it, a call that takes its id over); -1 for none. A call's entry may
    // change until the lines read have passed it.
    qsizetype lastPlaceThatMayNameCall(QByteArrayView callId) const;
    // The offset of the last place that may hold the JSON string `quotedWord` ("\"assistant\""):
    // the word itself, or an escape that may spell a letter; -1 for none.
    qsizetype lastPlaceThatMayHold(QByteArrayView quotedWord) const;

    // Calls visit(line) for each line that may hold the JSON string `quotedWord` ("\"message\""):
    // that holds it literally or an escape that may spell a letter; in the file's order, each
    // line once, the line without its line break. visit() returns false to stop.
    void forEachLineThatMayHold(QByteArrayView quotedWord, const std::function<bool(QByteArrayView line)> &visit) const;

private:
    void findLetterEscapes();
    void findCallIds(CancelCheck &cancelled);

    QByteArrayView m_bytes;
    bool m_cancelled = false;
    QList<qsizetype> m_letterEscapes;            // where "\u00" is followed by 4 to 7: may spell a letter or "_"
    QHash<QByteArrayView, qsizetype> m_callIds;  // a call id read for sure, and where it is named last
    qsizetype m_lastUnclear = -1;                // the last call id (or escape) not read for sure
};
