// SPDX-License-Identifier: MIT
// Measures the converters of other agents' logs (issue 28) on 100,000 generated tool calls per
// format, beside the read of a Codegen export of about the same size. Build Release
// (-DRUNLOG_BUILD_BENCHMARKS=ON) and run:
//     bench_agentlogconverters [calls=100000]
// For each of Codex CLI (a .jsonl rollout: reasoning, call, exec end and output per call),
// SWE-agent (a .traj of that many steps), OpenHands (an event stream of an action and its
// observation per call) and Inspect (a .json log of one sample: a model and a tool event per call), prints the file's size, the detection's and the conversion's time (best
// of three; a large log's entries are written on two threads, ParallelEntries, and the CPU time
// is both threads'), the entries made, and the peak resident set so far; then the same read of a
// Codegen .jsonl of that many entries (RunFileReader::parseBytes, what opening a file parses).
//     bench_agentlogconverters --one-thread [any of the other forms]
// writes every list of entries on one thread, to compare.
//     bench_agentlogconverters --write DIR [calls=100000]
// writes the generated files into DIR instead (codex-100k.jsonl, sweagent-100k.traj,
// openhands-100k.json, inspect-100k.json), to open them in the window once the reader takes them.
//     bench_agentlogconverters --file PATH...
// times the conversion of each file given (any format the dispatcher detects: Claude Code
// transcripts from bench_agentlogs, Inspect logs).
//     bench_agentlogconverters --dump PATH
// prints what the conversion of PATH (mapped, as the window reads it) gives (error, title, metadata, warnings, each entry's bytes),
// so that two builds' outputs can be compared byte for byte (diff) after a converter changed.
//     bench_agentlogconverters --dump-batches N PATH
// the same, of the conversion that hands its settled entries over in batches of N as it reads
// (Format::convertInBatches; the whole conversion for a format without it): the batches, then
// the rest, must be exactly what --dump prints. On stderr: when the first batch came (wall time and
// the processor time until then).

#include "agentlogs/agentlogformats.h"
#include "agentlogs/codexrollout.h"
#include "agentlogs/inspectlog.h"
#include "agentlogs/openhandsevents.h"
#include "agentlogs/parallelentries.h"
#include "agentlogs/sweagenttrajectory.h"
#include "processstatus.h"
#include "runfile/runfilereader.h"
#include "syntheticrun.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <time.h>

namespace {

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// A command's output of a few lines, different per call.
QByteArray outputText(int i)
{
    return "collected " + number(i % 97) + " items\\n\\ntests/test_" + number(i % 13) + ".py ..F.. [ 50%]\\n"
        "tests/test_util.py .... [100%]\\n\\n" + number(i % 5) + " failed, " + number(40 + i % 7) + " passed in 0." + number(i % 9) + "s\\n";
}

QByteArray codexRollout(int calls)
{
    QByteArray out;
    out.reserve(qsizetype(calls) * 900);
    out += R"({"timestamp":"2025-10-29T00:00:00.000Z","type":"session_meta","payload":{"id":"bench-session","cwd":"/repo","originator":"codex_cli_rs","cli_version":"0.46.0","git":{"branch":"main"}}})" "\n";
    out += R"({"timestamp":"2025-10-29T00:00:00.100Z","type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"Make the tests pass."}]}})" "\n";
    for (int i = 0; i < calls; ++i) {
        const QByteArray time = "2025-10-29T" + QByteArray::number(i / 3600 % 24).rightJustified(2, '0') + ':'
            + QByteArray::number(i / 60 % 60).rightJustified(2, '0') + ':' + QByteArray::number(i % 60).rightJustified(2, '0') + ".000Z";
        const QByteArray id = "call_" + number(i);
        out += R"({"timestamp":")" + time + R"(","type":"response_item","payload":{"type":"reasoning","summary":[{"type":"summary_text","text":"**Checking step )" + number(i) + R"(** before running the tests again"}]}})" "\n";
        out += R"({"timestamp":")" + time + R"(","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"bash\",\"-lc\",\"pytest -q tests/test_)" + number(i % 13) + R"(.py\"],\"workdir\":\"/repo\"}","call_id":")" + id + "\"}}\n";
        out += R"({"timestamp":")" + time + R"(","type":"event_msg","payload":{"type":"exec_command_end","call_id":")" + id + R"(","exit_code":)" + number(i % 5 ? 0 : 1) + "}}\n";
        out += R"({"timestamp":")" + time + R"(","type":"response_item","payload":{"type":"function_call_output","call_id":")" + id + R"(","output":")" + outputText(i) + "\"}}\n";
        if (i % 50 == 49)
            out += R"({"timestamp":")" + time + R"(","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Progress after )" + number(i) + R"( commands."}]}})" "\n";
    }
    return out;
}

QByteArray sweAgentTrajectory(int calls)
{
    QByteArray out;
    out.reserve(qsizetype(calls) * 800);
    out += R"({"environment":"swe_main","trajectory":[)";
    for (int i = 0; i < calls; ++i) {
        if (i > 0)
            out += ',';
        out += R"({"action":"python -m pytest tests/test_)" + number(i % 13) + R"(.py","observation":")" + outputText(i)
            + R"(","response":"Let me run the tests again (step )" + number(i) + R"().\n```\npython -m pytest\n```","thought":"Let me run the tests again (step )"
            + number(i) + R"().","execution_time":0.)" + number(i % 9 + 1) + R"(,"state":{"open_file":"/repo/src/main.py","working_dir":"/repo"}})";
    }
    out += R"(],"history":[{"role":"user","content":"Fix the failing tests.","message_type":"observation"}],)"
           R"("info":{"exit_status":"submitted","submission":"diff --git a/x b/x\n","model_stats":{"api_calls":)" + number(calls) + "}}}\n";
    return out;
}

QByteArray openHandsEvents(int calls)
{
    QByteArray out;
    out.reserve(qsizetype(calls) * 900);
    out += R"([{"id":0,"timestamp":"2025-03-01T10:00:00.000000","source":"user","message":"Fix the tests","action":"message","args":{"content":"Fix the tests"}})";
    for (int i = 0; i < calls; ++i) {
        const QByteArray time = "2025-03-01T" + QByteArray::number(i / 3600 % 24).rightJustified(2, '0') + ':'
            + QByteArray::number(i / 60 % 60).rightJustified(2, '0') + ':' + QByteArray::number(i % 60).rightJustified(2, '0') + ".000000";
        const QByteArray action = number(2 * i + 1);
        out += R"(,{"id":)" + action + R"(,"timestamp":")" + time + R"(","source":"agent","message":"Running command","action":"run",)"
            R"("tool_call_metadata":{"function_name":"execute_bash","tool_call_id":"toolu_)" + number(i) + R"(","total_calls_in_response":1},)"
            R"("args":{"command":"pytest -q tests/test_)" + number(i % 13) + R"(.py","is_input":false,"thought":"Run the tests again (step )" + number(i) + R"().","blocking":false}})";
        out += R"(,{"id":)" + number(2 * i + 2) + R"(,"timestamp":")" + time + R"(","source":"agent","message":"Command executed","cause":)" + action
            + R"(,"observation":"run","content":")" + outputText(i) + R"(","extras":{"command":"pytest -q","metadata":{"exit_code":)" + number(i % 5 ? 0 : 1)
            + R"(,"pid":-1,"working_dir":"/workspace"},"hidden":false},"success":true})";
    }
    out += R"(,{"id":)" + number(2 * qint64(calls) + 1) + R"(,"timestamp":"2025-03-02T00:00:00.000000","source":"agent","action":"finish","args":{"final_thought":"Done.","thought":""}}])" "\n";
    return out;
}

// An Inspect .json eval log of one sample: per call a model event (reasoning, text and the call)
// and the tool event with its result; every fifth call fails.
QByteArray inspectLog(int calls)
{
    QByteArray out;
    out.reserve(qsizetype(calls) * 1000);
    out += R"({"version":2,"status":"success","eval":{"task":"bench","task_id":"t1","model":"openai/gpt-4o","run_id":"bench-run","created":"2025-05-01T10:00:00+00:00"},)"
           R"("samples":[{"id":"s-1","epoch":1,"input":"Make the tests pass.","target":"passed","scores":{"match":{"value":"C"}},)"
           R"("started_at":"2025-05-01T10:00:00+00:00","events":[)";
    for (int i = 0; i < calls; ++i) {
        const QByteArray time = "2025-05-01T" + QByteArray::number(10 + i / 3600 % 14).rightJustified(2, '0') + ':'
            + QByteArray::number(i / 60 % 60).rightJustified(2, '0') + ':' + QByteArray::number(i % 60).rightJustified(2, '0') + "+00:00";
        const QByteArray id = "call_" + number(i);
        if (i > 0)
            out += ',';
        out += R"({"event":"model","timestamp":")" + time + R"(","model":"openai/gpt-4o","output":{"choices":[{"message":{"role":"assistant",)"
            R"("content":[{"type":"reasoning","reasoning":"Checking step )" + number(i) + R"("},{"type":"text","text":"Running the tests again."}],)"
            R"("tool_calls":[{"id":")" + id + R"(","function":"bash","arguments":{"cmd":"pytest -q tests/test_)" + number(i % 13) + R"(.py"}}]}}]}},)";
        out += R"({"event":"tool","timestamp":")" + time + R"(","id":")" + id + R"(","function":"bash","arguments":{"cmd":"pytest -q tests/test_)"
            + number(i % 13) + R"(.py"},"result":")" + outputText(i) + '"'
            + (i % 5 ? QByteArray() : QByteArray(R"(,"error":{"type":"unknown","message":"exit status 1"})")) + '}';
    }
    out += R"(]}]})" "\n";
    return out;
}

QByteArray codegenRun(int entries)
{
    SyntheticRun gen(20250621);
    QByteArray out;
    for (int i = 0; i < entries; ++i) {
        out += gen.entry(1, i);
        out += '\n';
    }
    return out;
}

// The CPU time this process has used, in milliseconds: on a machine that other jobs share, the
// wall time of a run says more about them than about the run.
double cpuMs(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID)
{
    timespec now{};
    clock_gettime(clock, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

// The best of three runs of `work`, in milliseconds (wall), and the CPU time of the fastest (by
// CPU), all threads' and the calling thread's alone. With the entries written on two threads, the
// calling thread's is about what the wall time is with a core free for the other (the halves are
// alike), whatever else the machine runs.
double bestOfThree(const std::function<void()> &work, double *bestCpuMs = nullptr, double *bestThreadCpuMs = nullptr)
{
    double best = 1e300;
    double bestCpu = 1e300;
    double bestThreadCpu = 1e300;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer clock;
        clock.start();
        const double cpuStart = cpuMs();
        const double threadCpuStart = cpuMs(CLOCK_THREAD_CPUTIME_ID);
        work();
        best = std::min(best, clock.nsecsElapsed() / 1e6);
        bestCpu = std::min(bestCpu, cpuMs() - cpuStart);
        bestThreadCpu = std::min(bestThreadCpu, cpuMs(CLOCK_THREAD_CPUTIME_ID) - threadCpuStart);
    }
    if (bestCpuMs)
        *bestCpuMs = bestCpu;
    if (bestThreadCpuMs)
        *bestThreadCpuMs = bestThreadCpu;
    return best;
}

void measure(const char *name, const QByteArray &bytes, bool (*looksLike)(QByteArrayView),
             const std::function<AgentLogConversion(QByteArrayView)> &convert)
{
    const double mb = bytes.size() / 1048576.0;
    bool detected = false;
    const double detectMs = bestOfThree([&] { detected = looksLike(QByteArrayView(bytes).first(std::min<qsizetype>(bytes.size(), 65536))); });
    AgentLogConversion conversion;
    double convertCpuMs = 0;
    double convertThreadCpuMs = 0;
    const double convertMs = bestOfThree([&] { conversion = convert(bytes); }, &convertCpuMs, &convertThreadCpuMs);
    std::printf("%-10s %7.1f MB  detected %s in %.3f ms; converted in %7.0f ms, CPU %7.0f ms (this thread %7.0f ms) (%6.1f MB/s): "
                "%lld entries, %lld warnings; peak %.0f MB\n",
                name, mb, detected ? "yes" : "NO", detectMs, convertMs, convertCpuMs, convertThreadCpuMs, mb / (convertMs / 1000),
                qint64(conversion.entries.size()),
                qint64(conversion.warnings.size()), ProcessStatus::kilobytes("VmHWM") / 1024.0);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(1);
    }
    return file.readAll();
}

void timeFile(const QString &path)
{
    const QByteArray bytes = readFile(path);
    const AgentLogFormats::Format *format = AgentLogFormats::detect(QByteArrayView(bytes).first(std::min(bytes.size(), AgentLogFormats::kHeadBytes)));
    if (!format) {
        std::printf("%s: no format detected\n", qPrintable(path));
        return;
    }
    measure(format->name, bytes, format->looksLike, [format](QByteArrayView input) { return format->convert(input, {}, 0); });
}

// `batch` > 0: converted in batches of that many entries, where the format can.
void dumpFile(const QString &path, qsizetype batch = 0)
{
    // Mapped, as the window reads a file: a whole-file format is parsed in place when the rest
    // of the last page can be read (RunFileBytes::readableAfterEnd()).
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(1);
    }
    const qsizetype size = qsizetype(file.size());
    const uchar *mapped = size > 0 ? file.map(0, size) : nullptr;
    const QByteArray read = mapped ? QByteArray() : file.readAll();
    const QByteArrayView bytes = mapped ? QByteArrayView(mapped, size) : QByteArrayView(read);
    const qsizetype readableAfter = mapped ? (4096 - size % 4096) % 4096 : 0;
    QList<QByteArray> handedOver;
    QElapsedTimer clock;
    qint64 firstBatchMs = -1;
    const double cpuStart = cpuMs();
    double firstBatchCpuMs = -1;
    clock.start();
    const AgentLogFormats::Format *format = AgentLogFormats::detect(bytes);
    const AgentLogConversion conversion = [&] {
        if (batch <= 0 || !format || !format->convertInBatches)
            return AgentLogFormats::convert(bytes, {}, readableAfter);
        SettledEntries settled;
        settled.readableAfter = readableAfter;
        settled.firstBatch = batch;
        settled.batch = batch;
        settled.handOver = [&](QList<QByteArray> &&entries, qsizetype) {
            if (firstBatchMs < 0) {
                firstBatchMs = clock.elapsed();
                firstBatchCpuMs = cpuMs() - cpuStart;
            }
            handedOver += entries;
            return true;
        };
        return format->convertInBatches(bytes, {}, settled);
    }();
    // On stderr, so that stdout stays what --dump prints: when the first batch came (wall time).
    // And the processor time (every thread's) until then, which the load does not stretch.
    std::fprintf(stderr, "first batch after %lld ms (%.0f ms of CPU), conversion %lld ms (%.0f ms of CPU)\n", firstBatchMs, firstBatchCpuMs,
                 clock.elapsed(), cpuMs() - cpuStart);
    std::printf("ok %d\nerror %s\nagent %s\ntitle %s\nhasTimes %d\nmetadata %s\n", conversion.ok, qPrintable(conversion.error),
                qPrintable(conversion.agentName), qPrintable(conversion.title), conversion.hasTimes,
                QJsonDocument(conversion.metadata).toJson(QJsonDocument::Compact).constData());
    for (const QString &warning : conversion.warnings)
        std::printf("warning %s\n", qPrintable(warning));
    for (const QByteArray &entry : handedOver + conversion.entries) {
        std::fwrite(entry.constData(), 1, size_t(entry.size()), stdout);
        std::fputc('\n', stdout);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--one-thread")) {
        ParallelEntries::setMinimumEntriesForTesting(std::numeric_limits<qsizetype>::max());
        args.removeFirst();
    }
    if (args.value(0) == QLatin1String("--dump") && args.size() == 2) {
        dumpFile(args.at(1));
        return 0;
    }
    if (args.value(0) == QLatin1String("--dump-batches") && args.size() == 3) {
        dumpFile(args.at(2), args.at(1).toLongLong());
        return 0;
    }
    if (args.value(0) == QLatin1String("--file")) {
        for (const QString &path : args.mid(1))
            timeFile(path);
        return 0;
    }
    QString writeDir;
    if (args.value(0) == QLatin1String("--write")) {
        writeDir = args.value(1);
        args = args.mid(2);
    }
    const int calls = args.isEmpty() ? 100000 : args.at(0).toInt();
    if (calls <= 0) {
        std::fprintf(stderr, "usage: bench_agentlogconverters [--write DIR] [calls=100000]\n");
        return 2;
    }
    if (!writeDir.isEmpty()) {
        const QString suffix = calls % 1000 == 0 ? QString::number(calls / 1000) + QLatin1Char('k') : QString::number(calls);
        const QList<QPair<QString, QByteArray>> files{
            {QStringLiteral("codex-%1.jsonl").arg(suffix), codexRollout(calls)},
            {QStringLiteral("sweagent-%1.traj").arg(suffix), sweAgentTrajectory(calls)},
            {QStringLiteral("openhands-%1.json").arg(suffix), openHandsEvents(calls)},
            {QStringLiteral("inspect-%1.json").arg(suffix), inspectLog(calls)}};
        for (const auto &[name, bytes] : files) {
            QFile file(QDir(writeDir).filePath(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
                return 1;
            }
            std::printf("%s: %.1f MB\n", qPrintable(file.fileName()), bytes.size() / 1048576.0);
        }
        return 0;
    }
    std::printf("%d calls per format\n", calls);
    measure("Codex CLI", codexRollout(calls), looksLikeCodexRollout, [](QByteArrayView bytes) { return convertCodexRollout(bytes); });
    measure("SWE-agent", sweAgentTrajectory(calls), looksLikeSweAgentTrajectory, [](QByteArrayView bytes) { return convertSweAgentTrajectory(bytes); });
    measure("OpenHands", openHandsEvents(calls), looksLikeOpenHandsEvents, [](QByteArrayView bytes) { return convertOpenHandsEvents(bytes); });
    measure("Inspect", inspectLog(calls), looksLikeInspectLog, [](QByteArrayView bytes) { return convertInspectSample(bytes, 0); });
    const QByteArray codegen = codegenRun(calls);
    qsizetype read = 0;
    double readCpuMs = 0;
    const double readMs = bestOfThree([&] {
        read = RunFileReader::parseBytes(codegen, QStringLiteral("bench.jsonl")).entries.size();
    }, &readCpuMs);
    std::printf("%-10s %7.1f MB  read (RunFileReader::parseBytes) in %7.0f ms, CPU %7.0f ms (%6.1f MB/s): %lld entries; peak %.0f MB\n",
                "Codegen", codegen.size() / 1048576.0, readMs, readCpuMs, codegen.size() / 1048576.0 / (readMs / 1000), qint64(read),
                ProcessStatus::kilobytes("VmHWM") / 1024.0);
    return 0;
}
