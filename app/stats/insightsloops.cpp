// SPDX-License-Identifier: MIT
// Loops among the tool calls' keys.
#include "stats/insights.h"

namespace {

bool allDifferent(const QVector<quint64> &keys, int start, int period)
{
    for (int a = start; a < start + period; ++a) {
        for (int b = a + 1; b < start + period; ++b) {
            if (keys[a] == keys[b])
                return false;
        }
    }
    return true;
}

// Whether keys[start..start + length) repeats with `period` (each key equals the one `period`
// before it).
bool repeatsWith(const QVector<quint64> &keys, int start, int period, int length)
{
    for (int k = start + period; k < start + length; ++k) {
        if (keys[k] != keys[k - period])
            return false;
    }
    return true;
}

} // namespace

namespace InsightsFinder {

// HOW OVERLAPPING CANDIDATES ARE RESOLVED: the earliest start wins.
// The calls are scanned from the first. At call i, a loop starts there with period p when the p
// keys from i are all different and are repeated at least 3 times in a row right after i (so
// keys[i .. i + 3p) repeat with period p). At most one period can do so at a given call: two
// whole repetitions of an all-different pattern of p keys have no smaller period q (that would
// make keys[i] and keys[i + q], both in the pattern, equal), so "the smallest period that explains
// the stretch" never has to choose. The loop is then extended as far as keys keep repeating; its
// whole repetitions are reported, and the scan goes on at the first call after them (a trailing
// part of a repetition may start the next loop, "A B A B A B A A A" is two loops back to back).
// When no loop starts at i, the scan goes on at i + 1. So a candidate that would start inside an
// earlier loop's whole repetitions is not reported, even when it would be longer: in
// "A A A B A B A B" the loop A×3 (calls 0-2) is reported and "A B A B A B" (calls 2-7) is not
// (what is left, "B A B A B", repeats only twice). A stretch is maximal except where it is cut
// by the loop before it: a loop starting one call earlier would have been found there.
// Linear: at each call at most 4 periods × 14 comparisons are made before moving on, and the
// extension of a loop is paid for by skipping over it.
QList<KeyLoop> findLoops(const QVector<quint64> &keys)
{
    QList<KeyLoop> loops;
    const int count = int(keys.size());
    int i = 0;
    while (i < count) {
        bool found = false;
        for (int period = 1; period <= kMaxLoopPeriod; ++period) {
            const int minimum = kMinLoopRepeats * period;
            if (i + minimum > count)
                break;
            if (!allDifferent(keys, i, period) || !repeatsWith(keys, i, period, minimum))
                continue;
            int end = i + minimum;
            while (end < count && keys[end] == keys[end - period])
                ++end;
            KeyLoop loop;
            loop.start = i;
            loop.period = period;
            loop.repeats = (end - i) / period;
            loops.append(loop);
            i += loop.repeats * period;
            found = true;
            break;
        }
        if (!found)
            ++i;
    }
    return loops;
}

} // namespace InsightsFinder
