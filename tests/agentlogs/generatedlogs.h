// SPDX-License-Identifier: MIT
#pragma once

// Logs of many tool calls in each format Runlog converts, written here for the tests that need
// more calls than the hand-written samples hold (a cancel midway, the two threads that write a
// large log's entries). Without `random` every call is the same but for its number; with it the
// texts vary (escapes, non-ASCII, several lines) and some calls have no result.

#include <QByteArray>
#include <QRandomGenerator>

namespace GeneratedLogs {

inline QByteArray number(int n)
{
    return QByteArray::number(n);
}

// A JSON string's contents (escaped) for call `i`.
inline QByteArray textOf(int i, QRandomGenerator *random)
{
    if (!random)
        return "file " + number(i);
    static const char *const pieces[] = {"ok", "a \\\"quoted\\\" word", "two\\nlines", "back\\\\slash", "\xc3\xa7" "a \xc3\xa9" "choue",
                                         "\xf0\x9f\x99\x82", "tab\\there", "\\u00e9t\\u00e9", ""};
    QByteArray out = number(i);
    const int count = int(random->bounded(6));
    for (int k = 0; k < count; ++k)
        out += QByteArray(" ") + pieces[random->bounded(int(std::size(pieces)))];
    return out;
}

inline bool hasResult(QRandomGenerator *random)
{
    return !random || random->bounded(17) != 0;
}

inline QByteArray claudeCode(int calls, QRandomGenerator *random)
{
    QByteArray out;
    const QByteArray common = R"("sessionId":"generated-session","cwd":"/repo","timestamp":"2025-06-21T12:00:00.000Z",)";
    for (int i = 0; i < calls; ++i) {
        const QByteArray id = "toolu_" + number(i);
        out += "{" + common + R"("type":"assistant","uuid":"a)" + number(i) + R"(","message":{"role":"assistant","content":[{"type":"tool_use","id":")"
            + id + R"(","name":"Bash","input":{"command":"ls )" + textOf(i, random) + "\"}}]}}\n";
        if (hasResult(random))
            out += "{" + common + R"("type":"user","uuid":"u)" + number(i) + R"(","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":")"
                + id + R"(","content":")" + textOf(i, random) + "\"}]}}\n";
    }
    return out;
}

inline QByteArray codex(int calls, QRandomGenerator *random)
{
    QByteArray out = R"({"timestamp":"2025-10-29T00:00:00.000Z","type":"session_meta","payload":{"id":"generated-session","cwd":"/repo"}})" "\n";
    for (int i = 0; i < calls; ++i) {
        const QByteArray id = "call_" + number(i);
        out += R"({"timestamp":"2025-10-29T00:00:01.000Z","type":"response_item","payload":{"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"]}","call_id":")"
            + id + "\"}}\n";
        if (hasResult(random))
            out += R"({"timestamp":"2025-10-29T00:00:02.000Z","type":"response_item","payload":{"type":"function_call_output","call_id":")" + id
                + R"(","output":")" + textOf(i, random) + "\"}}\n";
    }
    return out;
}

inline QByteArray sweAgent(int calls, QRandomGenerator *random)
{
    QByteArray out = R"({"environment":"swe_main","trajectory":[)";
    for (int i = 0; i < calls; ++i) {
        if (i > 0)
            out += ',';
        out += R"({"action":"ls )" + number(i) + R"(","observation":")" + textOf(i, random) + R"(","thought":")" + textOf(i + 1, random)
            + R"(","response":"ls","execution_time":0.)" + number(i % 9 + 1) + "}";
    }
    out += R"(],"history":[{"role":"user","content":"List the files."}],"info":{"exit_status":"submitted"}})" "\n";
    return out;
}

inline QByteArray openHands(int calls, QRandomGenerator *random)
{
    QByteArray out = R"([{"id":0,"timestamp":"2025-03-01T10:00:00","source":"user","message":"List","action":"message","args":{"content":"List"}})";
    for (int i = 0; i < calls; ++i) {
        out += R"(,{"id":)" + number(2 * i + 1) + R"(,"timestamp":"2025-03-01T10:00:01","source":"agent","action":"run","args":{"command":"ls )" + textOf(i, random) + R"("}})";
        if (hasResult(random))
            out += R"(,{"id":)" + number(2 * i + 2) + R"(,"timestamp":"2025-03-01T10:00:02","source":"agent","cause":)" + number(2 * i + 1)
                + R"(,"observation":"run","content":")" + textOf(i, random) + R"(","extras":{"command":"ls"}})";
    }
    return out + "]\n";
}

inline QByteArray inspect(int calls, QRandomGenerator *random)
{
    QByteArray out = R"({"version":2,"status":"success","eval":{"task":"generated","run_id":"r1"},"samples":[{"id":"s-1","epoch":1,"input":"List the files.","events":[)";
    for (int i = 0; i < calls; ++i) {
        if (i > 0)
            out += ',';
        out += R"({"event":"tool","timestamp":"2025-05-01T10:00:00+00:00","id":"call_)" + number(i) + R"(","function":"bash","arguments":{"cmd":"ls"},"result":")"
            + textOf(i, random) + R"("})";
    }
    return out + "]}]}\n";
}

} // namespace GeneratedLogs
