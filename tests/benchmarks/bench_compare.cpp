// SPDX-License-Identifier: MIT
// Measures the comparison of two runs (issue 24) on big runs. Build Release and run:
//     bench_compare [entries=1000000]
// For 100,000 entries and then for `entries`: the realistic run of bench_search on the left; on
// the right the same run with 1 % of its entries touched, scattered (one in a hundred, at
// positions drawn from a fixed seed): a third deleted, a third with a new entry inserted before
// them, a third changed (another observation: a `changed` step). Prints, best of three on one
// thread: the entries' keys (both runs read once with simdjson), the alignment alone (Myers),
// and the whole RunComparer::compare (keys, alignment, steps, both sides' --stats counts); the
// counts found; and the memory: the peak of the process and what the comparison added to it
// beyond the two runs' entries. Then two unrelated runs of 100,000 (other seeds: what they share
// is what any two such runs share), the case where Myers' D is large.

#include "processstatus.h"
#include "syntheticrun.h"
#include "compare/alignment.h"
#include "compare/entrykeys.h"
#include "compare/runcomparer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <functional>

#include <malloc.h>

namespace {

struct RunPair
{
    QList<QByteArray> left;
    QList<QByteArray> right;
    int deleted = 0;
    int inserted = 0;
    int changed = 0;
};

RunPair runPair(int count)
{
    SyntheticRun gen(20250621);
    QRandomGenerator where(24);
    RunPair pair;
    pair.left.reserve(count);
    pair.right.reserve(count + count / 100);
    for (int i = 0; i < count; ++i) {
        const QByteArray entry = gen.entry(1, i);
        pair.left.append(entry);
        if (where.bounded(100) != 0) {
            pair.right.append(entry);
            continue;
        }
        switch (where.bounded(3)) {
        case 0:
            ++pair.deleted;
            break;
        case 1:
            ++pair.inserted;
            pair.right.append(R"({"agent_run_id": 2, "message_type": "ACTION", "tool_name": "run_command", "tool_input": {"command": "retry )"
                              + QByteArray::number(i) + R"("}})");
            pair.right.append(entry);
            break;
        default:
            // The first occurrence of a member counts: this observation replaces the entry's own.
            ++pair.changed;
            pair.right.append("{\"observation\": \"changed " + QByteArray::number(i) + "\", " + entry.mid(1));
            break;
        }
    }
    return pair;
}

double bestOfThree(const std::function<void()> &work)
{
    double best = 1e9;
    for (int k = 0; k < 3; ++k) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e9);
    }
    return best;
}

void measure(int count)
{
    const RunPair pair = runPair(count);
    qint64 bytes = 0;
    for (const QByteArray &entry : pair.left)
        bytes += entry.size();
    for (const QByteArray &entry : pair.right)
        bytes += entry.size();
    malloc_trim(0);
    const qint64 rssBefore = ProcessStatus::kilobytes("VmRSS");

    EntryKeys leftKeys, rightKeys;
    const double keys = bestOfThree([&] {
        leftKeys = EntryKeysOf::entries(pair.left);
        rightKeys = EntryKeysOf::entries(pair.right);
    });
    Alignment::Matches matches;
    const double alignment = bestOfThree([&] { matches = Alignment::longestCommonSubsequence(leftKeys.match, rightKeys.match); });
    leftKeys = {};
    rightKeys = {};
    matches = {};
    malloc_trim(0);
    const qint64 rssBeforeCompare = ProcessStatus::kilobytes("VmRSS");
    RunComparison comparison;
    const double whole = bestOfThree([&] { comparison = RunComparer::compare(pair.left, pair.right); });
    const qint64 rssAfter = ProcessStatus::kilobytes("VmRSS");
    const qint64 peak = ProcessStatus::kilobytes("VmHWM");

    std::printf("%8d + %d entries (%.1f MB of JSON; %d deleted, %d inserted, %d changed):\n"
                "    keys %.0f ms, alignment %.0f ms, whole comparison %.0f ms\n"
                "    same %d, changed %d, only_left %d, only_right %d, first divergence %d\n"
                "    RSS %.1f MB before, +%.1f MB holding the comparison (%.1f bytes per entry of both runs); peak %.1f MB\n",
                int(pair.left.size()), int(pair.right.size()), bytes / 1e6, pair.deleted, pair.inserted, pair.changed,
                keys * 1e3, alignment * 1e3, whole * 1e3, comparison.same, comparison.changed, comparison.onlyLeft,
                comparison.onlyRight, comparison.firstDivergence.value_or(0), rssBefore / 1024.0,
                (rssAfter - rssBeforeCompare) / 1024.0,
                (rssAfter - rssBeforeCompare) * 1024.0 / double(pair.left.size() + pair.right.size()), peak / 1024.0);
}

void measureUnrelated(int count)
{
    SyntheticRun leftGen(1), rightGen(2);
    QList<QByteArray> left, right;
    for (int i = 0; i < count; ++i) {
        left.append(leftGen.entry(1, i));
        right.append(rightGen.entry(2, i));
    }
    RunComparison comparison;
    const double whole = bestOfThree([&] { comparison = RunComparer::compare(left, right); });
    std::printf("%8d + %d unrelated entries: whole comparison %.0f ms; same %d, changed %d, only_left %d, only_right %d\n",
                count, count, whole * 1e3, comparison.same, comparison.changed, comparison.onlyLeft, comparison.onlyRight);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int entryCount = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 1000000;
    measure(100000);
    malloc_trim(0);
    measure(entryCount);
    malloc_trim(0);
    measureUnrelated(100000);
    return 0;
}
