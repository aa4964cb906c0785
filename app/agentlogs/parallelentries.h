// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArray>
#include <QList>

#include <functional>

// The last step of every conversion, writing each entry's JSON (and the source records it quotes)
// from what the reading gathered, is most of its time and the same work for every entry: a large
// log's entries are written on two threads, the first half here and the second on a thread of its
// own, so that opening it uses both cores. The list is the same either way.
namespace ParallelEntries {

// Writes entry i by appending it to a buffer: an empty one, reused for every entry of its thread.
using EntryWriter = std::function<void(qsizetype i, QByteArray &out)>;

// Sets `out` to `count` entries, entry i written by write(i, buffer). `write` runs on two threads
// at once: it may only read what the conversion gathered (and its parse) and write its own entry.
// Each entry is then copied into a block shared with the entries written after it (BlockCopies):
// growing every entry's own array as it was written (reallocations, and pages touched for nothing)
// cost more than the copy, and an array of its own each cost an allocation in fresh memory.
// False, with `out` empty, when `cancel` said stop.
bool write(QList<QByteArray> &out, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel);

// The same entries, handed over in batches as they are written (SettledEntries): a converter of
// one JSON text knows every entry once it has read the whole parse, so that the window shows the
// first batch while the others are written. Each batch is written as write() writes a list (on
// two threads when it is large enough). `bytesRead`: the input's size, of which each hand-over
// reports the share of the entries written so far (the parse read it all; the writing is the
// rest of the time). `out` is left empty: every entry was handed over. False, with `out` empty,
// when `cancel` or the taker said stop.
bool writeInBatches(QList<QByteArray> &out, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel,
                    const SettledEntries &settled, qsizetype bytesRead);
// The same for entries [begin, count) (those before were handed over already: the first batch is
// then settled.batch entries, not settled.firstBatch).
bool writeInBatches(QList<QByteArray> &out, qsizetype begin, qsizetype count, const EntryWriter &write, const ConversionCancel &cancel,
                    const SettledEntries &settled, qsizetype bytesRead);
// Entries [begin, end) as one list, written as write() writes them. False, with `out` empty, when
// `cancel` said stop.
bool writeRange(QList<QByteArray> &out, qsizetype begin, qsizetype end, const EntryWriter &write, const ConversionCancel &cancel);

// Below this many entries one thread writes them all: starting a thread costs more than it saves.
constexpr qsizetype kDefaultMinimumEntries = 2048;
// Tests compare the two ways: 0 writes every list on two threads, a huge one none.
void setMinimumEntriesForTesting(qsizetype minimum);

} // namespace ParallelEntries
