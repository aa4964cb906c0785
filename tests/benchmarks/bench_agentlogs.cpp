// SPDX-License-Identifier: MIT
// Writes the inputs for measuring another agent's log against a Codegen run of the same size
// (issue 28): WORKDIR/claude100k.jsonl, a Claude Code transcript of CALLS tool calls (each an
// assistant line with the call and a user line with its result, every tenth an error, a text
// before every fifth call), and WORKDIR/codegen100k.jsonl, the same calls as Codegen ACTION
// entries. Then open each as the window does, a fresh process each (bench_fileopen):
//     bench_agentlogs WORKDIR [CALLS]           (CALLS: 100000 unless given)
//     bench_fileopen WORKDIR/codegen100k.jsonl read
//     bench_fileopen WORKDIR/claude100k.jsonl read
//     bench_fileopen WORKDIR/claude100k.jsonl index     (what --export, --stats, --compare read)
// The transcript's bytes are converted on the worker before its entries are read, so its time is
// the conversion's plus a read of the converted entries.

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace {

QByteArray timeOf(int second)
{
    return QByteArrayLiteral("2025-06-21T") + QByteArray::number(10 + second / 3600).rightJustified(2, '0') + ':'
        + QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ':' + QByteArray::number(second % 60).rightJustified(2, '0')
        + QByteArrayLiteral(".000Z");
}

QByteArray outputOf(int call)
{
    return QByteArrayLiteral("ok: test_") + QByteArray::number(call) + QByteArrayLiteral(" passed in 0.")
        + QByteArray::number(call % 97) + QByteArrayLiteral("s; 12 files checked, nothing to report");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_agentlogs WORKDIR [CALLS]\n");
        return 2;
    }
    const QDir dir(args.at(0));
    const int calls = args.size() > 1 ? args.at(1).toInt() : 100000;
    QFile claude(dir.filePath(QStringLiteral("claude100k.jsonl")));
    QFile codegen(dir.filePath(QStringLiteral("codegen100k.jsonl")));
    if (!claude.open(QIODevice::WriteOnly | QIODevice::Truncate) || !codegen.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write into %s\n", qPrintable(dir.path()));
        return 1;
    }
    const QByteArray common = R"("isSidechain":false,"userType":"external","cwd":"/home/dev/project","sessionId":"bench-session","version":"1.0.30","gitBranch":"main",)";
    for (int call = 0; call < calls; ++call) {
        const QByteArray n = QByteArray::number(call);
        const QByteArray command = "pytest tests/test_" + n + ".py -q";
        const bool error = call % 10 == 9;
        const QByteArray text = call % 5 == 0 ? R"({"type":"text","text":"Running test )" + n + R"( next."},)" : QByteArray();
        claude.write("{\"parentUuid\":\"u" + n + "\"," + common + R"("type":"assistant","message":{"id":"msg_)" + n
                     + R"(","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[)" + text
                     + R"({"type":"tool_use","id":"toolu_)" + n + R"(","name":"Bash","input":{"command":")" + command
                     + R"("}}],"usage":{"input_tokens":12,"output_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":900}},"uuid":"a)" + n
                     + R"(","timestamp":")" + timeOf(call % 30000) + "\"}\n");
        claude.write("{\"parentUuid\":\"a" + n + "\"," + common + R"("type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_)" + n
                     + R"(","type":"tool_result","content":")" + outputOf(call) + "\"" + (error ? ",\"is_error\":true" : "")
                     + R"(}]},"uuid":"u)" + n + R"(","timestamp":")" + timeOf(call % 30000 + 1) + "\"}\n");
        codegen.write(R"({"agent_run_id":1,"id":)" + QByteArray::number(call + 1) + R"(,"created_at":")" + timeOf(call % 30000)
                      + R"(","message_type":")" + (error ? "ERROR" : "ACTION") + R"(","thought":)"
                      + (text.isEmpty() ? QByteArray("null") : "\"Running test " + n + " next.\"")
                      + R"(,"tool_name":"Bash","tool_input":{"command":")" + command + R"("},"tool_output":{"content":")" + outputOf(call)
                      + "\"},\"observation\":null}\n");
    }
    std::printf("%s: %.1f MB; %s: %.1f MB; %d calls each\n", qPrintable(claude.fileName()), claude.size() / 1048576.0,
                qPrintable(codegen.fileName()), codegen.size() / 1048576.0, calls);
    return 0;
}
