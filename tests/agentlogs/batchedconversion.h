// SPDX-License-Identifier: MIT
#pragma once

// A conversion in batches (SettledEntries) as the equivalence suites run it: what was handed
// over, batch by batch, and what the conversion kept for its end; and the comparison of the two
// together with the whole conversion's result.
#include "agentlogs/agentlogconversion.h"

#include <QList>
#include <QtTest>

#include <functional>

struct BatchedConversion {
    AgentLogConversion conversion; // the rest: what came with the end
    QList<QByteArray> handedOver;  // every entry handed over, in order
    QList<qsizetype> handedAt;     // for each entry handed over, the bytes read when it was
    QList<qsizetype> bytesRead;    // what each hand-over said
    QList<qsizetype> sizes;        // each batch's entries
    int batches = 0;
};

using ConvertInBatches = std::function<AgentLogConversion(const SettledEntries &settled)>;

inline BatchedConversion inBatches(const ConvertInBatches &convert, qsizetype firstBatch, qsizetype batch)
{
    BatchedConversion out;
    SettledEntries settled;
    settled.firstBatch = firstBatch;
    settled.batch = batch;
    settled.handOver = [&out](QList<QByteArray> &&entries, qsizetype bytesRead) {
        for (qsizetype i = 0; i < entries.size(); ++i)
            out.handedAt.append(bytesRead);
        out.bytesRead.append(bytesRead);
        out.sizes.append(entries.size());
        out.handedOver += entries;
        ++out.batches;
        return true;
    };
    out.conversion = convert(settled);
    return out;
}

// The batches followed by the rest are the whole conversion: its entries, byte for byte, and its
// facts. A failure returns from here only: callers check QTest::currentTestFailed().
inline void compareWithWhole(const BatchedConversion &batched, const AgentLogConversion &whole)
{
    const AgentLogConversion &rest = batched.conversion;
    QCOMPARE(rest.ok, whole.ok);
    QCOMPARE(rest.cancelled, false);
    QCOMPARE(rest.error, whole.error);
    const QList<QByteArray> entries = batched.handedOver + rest.entries;
    QCOMPARE(entries.size(), whole.entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i)
        QCOMPARE(entries.at(i), whole.entries.at(i));
    QCOMPARE(rest.warnings, whole.warnings);
    QCOMPARE(rest.metadata, whole.metadata);
    QCOMPARE(rest.title, whole.title);
    QCOMPARE(rest.agentName, whole.agentName);
    QCOMPARE(rest.hasTimes, whole.hasTimes);
}
