// SPDX-License-Identifier: MIT
// Measures insights (issue 23) on big runs. Build Release and run:
//     bench_insights [entries=1000000]
// For 100,000 entries and then for `entries`: the realistic run of bench_search (its errors carry
// a Traceback, so they are failures), with planted findings: every 997th entry starts a loop (a
// period-2 pair of tool calls repeated 4 times), every 1,009th is a failed command (exit code 1,
// a stderr that differs only in numbers, so the failures repeat). Prints the time of one
// computation on one thread (best of three), the findings' counts, and the memory: the peak of
// the process and how much the computation added to it beyond the entries themselves.
//     bench_insights --write FILE [entries=1000000]
// writes that planted run as .jsonl instead (for bench_windowopen FILE --insights: the same
// computation in the real window, and how long the UI thread stalls meanwhile).

#include "processstatus.h"
#include "syntheticrun.h"
#include "stats/insights.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>

#include <malloc.h>

namespace {

QList<QByteArray> plantedRun(int count)
{
    SyntheticRun gen(20250621);
    QList<QByteArray> entries;
    entries.reserve(count);
    for (int i = 0; i < count; ++i) {
        if (i % 997 == 0 && i + 8 <= count) {
            for (int k = 0; k < 8; ++k) {
                entries.append(k % 2 ? QByteArrayLiteral(R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "view_file", "tool_input": {"path": "src/loop.cpp"}})")
                                     : QByteArrayLiteral(R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "run_command", "tool_input": {"command": "make test"}})"));
            }
            i += 7;
            continue;
        }
        if (i % 1009 == 0) {
            entries.append(R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "run_command", "tool_input": {"command": "pytest -x tests/test_)"
                           + QByteArray::number(i) + R"(.py"}, "tool_output": {"exit_code": 1, "stderr": "FAILED tests/test_)"
                           + QByteArray::number(i) + R"(.py::test_parse - AssertionError: 3 != 4"}})");
            continue;
        }
        entries.append(gen.entry(1, i));
    }
    return entries;
}

void measure(int count)
{
    const QList<QByteArray> entries = plantedRun(count);
    qint64 bytes = 0;
    for (const QByteArray &entry : entries)
        bytes += entry.size();
    malloc_trim(0);
    const qint64 rssBefore = ProcessStatus::kilobytes("VmRSS");
    double best = 1e9;
    Insights insights;
    for (int k = 0; k < 3; ++k) {
        QElapsedTimer timer;
        timer.start();
        insights = InsightsFinder::compute(entries);
        best = std::min(best, timer.nsecsElapsed() / 1e9);
    }
    const qint64 peak = ProcessStatus::kilobytes("VmHWM");
    int repeatedFailures = 0;
    for (const InsightsRepeatedFailure &failure : insights.repeatedFailures)
        repeatedFailures += failure.count;
    std::printf("%8d entries (%.1f MB of JSON): %.0f ms (%.0f MB/s); %lld loops, %lld repeated signatures (%d failures), "
                "%lld commands, %lld files; RSS after %.1f MB (+%.1f MB over the entries), peak %.1f MB\n",
                count, bytes / 1e6, best * 1e3, bytes / 1e6 / best, qint64(insights.loops.size()),
                qint64(insights.repeatedFailures.size()), repeatedFailures, qint64(insights.commands.size()),
                qint64(insights.files.size()), ProcessStatus::kilobytes("VmRSS") / 1024.0,
                (ProcessStatus::kilobytes("VmRSS") - rssBefore) / 1024.0, peak / 1024.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 2 && QByteArray(argv[1]) == "--write") {
        const int count = argc > 3 ? std::max(1000, QByteArray(argv[3]).toInt()) : 1000000;
        QFile file(QString::fromLocal8Bit(argv[2]));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "cannot write %s\n", argv[2]);
            return 1;
        }
        for (const QByteArray &entry : plantedRun(count))
            file.write(entry + '\n');
        return file.flush() ? 0 : 1;
    }
    const int entryCount = argc > 1 ? std::max(1000, QByteArray(argv[1]).toInt()) : 1000000;
    measure(100000);
    malloc_trim(0);
    measure(entryCount);
    return 0;
}
