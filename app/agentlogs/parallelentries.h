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

// Sets `out` to `count` entries, entry i written by write(i). `write` runs on two threads at
// once: it may only read what the conversion gathered (and its parse) and write its own entry.
// False, with `out` empty, when `cancel` said stop.
bool write(QList<QByteArray> &out, qsizetype count, const std::function<QByteArray(qsizetype)> &write,
           const ConversionCancel &cancel);

// Below this many entries one thread writes them all: starting a thread costs more than it saves.
constexpr qsizetype kDefaultMinimumEntries = 2048;
// Tests compare the two ways: 0 writes every list on two threads, a huge one none.
void setMinimumEntriesForTesting(qsizetype minimum);

} // namespace ParallelEntries
