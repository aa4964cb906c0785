// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QVector>
#include <QtGlobal>

#include <atomic>

// Each entry of a run as two 64-bit hashes (see RunComparison's header for the definitions): its
// match key (message_type, tool_name, tool_input) and its content (thought, observation,
// tool_output), each member in CanonicalJsonWriter's form, an absent one as null. 16 bytes an
// entry; the entries' bytes are read once, with one simdjson parser.
struct EntryKeys
{
    QVector<quint64> match;
    QVector<quint64> content;
    bool cancelled = false;
};

namespace EntryKeysOf {
// `cancel`, when given and set (from any thread), stops the work soon: cancelled = true.
EntryKeys entries(const QList<QByteArray> &entries, const std::atomic<bool> *cancel = nullptr);
}
