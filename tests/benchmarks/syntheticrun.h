// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QRandomGenerator>

// Runs shaped like real agent logs, for the benchmarks: mostly tool calls with a thought, an
// input object and a multi-line output; plan evaluations; a few errors and a final answer; an
// occasional big output. Deterministic for a seed.
class SyntheticRun
{
public:
    // withNeedle: about one entry in 10,007 gets a rare line for search benchmarks to find.
    explicit SyntheticRun(quint32 seed, bool withNeedle = false)
        : m_rng(seed)
        , m_withNeedle(withNeedle)
    {
    }

    // The raw JSON of entry `index` of run `runId`.
    QByteArray entry(qint64 runId, int index);

private:
    QRandomGenerator m_rng;
    bool m_withNeedle;
};
