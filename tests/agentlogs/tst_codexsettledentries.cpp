// SPDX-License-Identifier: MIT
// A Codex CLI rollout's settled entries handed over in batches while it is converted
// (SettledEntries, CodexRolloutScan, issue 28): the batches, followed by the conversion's
// remaining entries, are exactly the entries of the whole conversion, and the run's facts are the
// same, over the sample, the fuzz corpus and regressions, generated rollouts and random ones full
// of what can still change an entry (outputs and exec_command_end events that come late, twice,
// before their call or never, reused and escaped call ids, event messages read or not, a late or
// missing session id, bad lines), for batches of 1, 2, 7 entries and one larger than any log.
// Each rule that holds an entry back has a case of its own that fails without the rule.
#include "agentlogs/agentlogformats.h"
#include "agentlogs/codexrollout.h"
#include "agentlogs/codexrolloutscan.h"
#include "batchedconversion.h"
#include "generatedlogs.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QtTest>

namespace {

using Batched = BatchedConversion;

Batched convertInBatches(const QByteArray &log, qsizetype batch)
{
    return inBatches([&log](const SettledEntries &settled) { return convertCodexRolloutInBatches(log, {}, settled); }, batch, batch);
}

QByteArray record(const QByteArray &type, const QByteArray &payload, int second = 0)
{
    return R"({"timestamp":"2025-10-29T00:00:)" + QByteArray::number(10 + second % 50) + R"(.000Z","type":")" + type + R"(","payload":)"
        + payload + "}\n";
}

QByteArray meta(const QByteArray &id = "the-session")
{
    return record("session_meta", R"({"id":")" + id + R"(","cwd":"/repo"})");
}
QByteArray message(const QByteArray &role, const QByteArray &text)
{
    return record("response_item", R"({"type":"message","role":")" + role + R"(","content":[{"type":"output_text","text":")" + text + "\"}]}");
}
QByteArray call(const QByteArray &id)
{
    return record("response_item", R"({"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"]}","call_id":")" + id + "\"}");
}
QByteArray output(const QByteArray &id, const QByteArray &text = "done")
{
    return record("response_item", R"({"type":"function_call_output","call_id":")" + id + R"(","output":")" + text + "\"}");
}
QByteArray execEnd(const QByteArray &id, int exitCode)
{
    return record("event_msg", R"({"type":"exec_command_end","call_id":")" + id + R"(","exit_code":)" + QByteArray::number(exitCode) + "}");
}
QByteArray eventMessage(const QByteArray &type, const QByteArray &field, const QByteArray &text)
{
    return record("event_msg", R"({"type":")" + type + R"(",")" + field + R"(":")" + text + "\"}");
}

// A rollout of random lines: what the mapping merges into earlier entries (outputs, exit codes,
// the final answer) comes late, twice, before its call, or never; ids are reused and spelt with
// escapes; some lines are not records.
QByteArray randomRollout(QRandomGenerator &random, int lines)
{
    QByteArray out;
    const int sessionAt = random.bounded(4) == 0 ? int(random.bounded(lines + 1)) : 0; // late, or none
    const bool sessionIdIsString = random.bounded(10) != 0;
    const bool responseMessages = random.bounded(2) == 0;
    const bool responseReasoning = random.bounded(2) == 0;
    const bool escapes = random.bounded(3) == 0;
    int calls = 0;
    const auto someId = [&]() -> QByteArray {
        if (calls == 0 || random.bounded(10) == 0)
            return "call_" + QByteArray::number(calls + int(random.bounded(3))); // of no call (yet)
        return "call_" + QByteArray::number(random.bounded(calls));
    };
    // An id as written: mostly as it is, sometimes with an escape (the same id) or odd spacing.
    const auto written = [&](const QByteArray &id) -> QByteArray {
        if (escapes && random.bounded(6) == 0)
            return "\"c\\u0061" + id.mid(2) + "\"";
        return "\"" + id + "\"";
    };
    for (int line = 0; line < lines; ++line) {
        const int second = line;
        if (line == sessionAt)
            out += sessionIdIsString ? meta() : record("session_meta", R"({"id":7})");
        const QByteArray text = GeneratedLogs::textOf(line, &random);
        switch (random.bounded(16)) {
        case 0:
            if (responseMessages)
                out += message(random.bounded(4) == 0 ? "developer" : "user", text);
            else
                out += eventMessage("user_message", "message", text);
            break;
        case 1:
            if (responseMessages)
                out += message("assistant", text);
            out += eventMessage("agent_message", "message", text); // read only without response messages
            break;
        case 2:
            if (responseReasoning)
                out += record("response_item", R"({"type":"reasoning","summary":[{"type":"summary_text","text":")" + text + "\"}]}", second);
            out += eventMessage("agent_reasoning", "text", text);
            break;
        case 3:
        case 4:
        case 5: {
            const QByteArray id = random.bounded(8) == 0 && calls > 0 ? "call_" + QByteArray::number(random.bounded(calls)) // an id again
                                                                      : "call_" + QByteArray::number(calls++);
            if (random.bounded(8) == 0)
                out += record("response_item", R"({"type":"custom_tool_call","name":"apply_patch","input":"x","call_id":)" + written(id) + "}", second);
            else if (random.bounded(8) == 0)
                out += record("response_item", R"({"type":"local_shell_call","id":")" + id + R"(","action":{"type":"exec","command":["ls"]}})", second);
            else if (random.bounded(10) == 0)
                out += record("response_item", R"({"type":"web_search_call","action":{"query":"q"}})", second);
            else
                out += record("response_item", R"({"type":"function_call","name":"shell","arguments":"{\"command\":[\"ls\"]}","call_id":)" + written(id) + "}",
                              second);
            break;
        }
        case 6:
        case 7:
        case 8: {
            const QByteArray id = someId();
            const QByteArray value = random.bounded(3) == 0 ? R"("{\"output\":\"ok\",\"metadata\":{\"exit_code\":)" + QByteArray::number(random.bounded(3)) + R"(}}")"
                                                            : "\"" + text + "\"";
            const char *type = random.bounded(5) == 0 ? "custom_tool_call_output" : "function_call_output";
            out += record("response_item", R"({"type":")" + QByteArray(type) + R"(","call_id":)" + written(id) + R"(,"output":)" + value + "}", second);
            break;
        }
        case 9:
        case 10: {
            const QByteArray id = someId();
            const QByteArray key = escapes && random.bounded(8) == 0 ? R"("call\u005fid" : )" : R"("call_id":)";
            out += record("event_msg", R"({"type":"exec_command_end",)" + key + written(id) + R"(,"exit_code":)" + QByteArray::number(random.bounded(4))
                              + "}",
                          second);
            break;
        }
        case 11:
            if (escapes && random.bounded(2) == 0) // a type spelt with escapes
                out += record("response_item", R"({"type":"m\u0065ssage","role":"\u0061ssistant","content":")" + text + "\"}", second);
            else
                out += eventMessage("error", "message", text);
            break;
        case 12:
            out += record("event_msg", R"({"type":"token_count","info":{"total_token_usage":{"input_tokens":)" + QByteArray::number(line) + "}}}", second);
            break;
        case 13:
            out += random.bounded(2) == 0 ? record("turn_context", R"({"model":"gpt-5","effort":"high"})", second)
                                          : record("compacted", R"({"message":")" + text + "\"}", second);
            break;
        case 14: // a line that is not a record
            out += random.bounded(3) == 0 ? QByteArray("{not json\n") : random.bounded(2) == 0 ? QByteArray("[1]\n") : QByteArray(R"({"type":"x"})" "\n");
            break;
        case 15:
            out += random.bounded(2) == 0 ? QByteArray("\n") : record("response_item", R"({"type":"ghost_snapshot"})", second);
            break;
        }
    }
    return out;
}

QList<QByteArray> filesIn(const QString &path, const QStringList &filters = {})
{
    QList<QByteArray> out;
    const QDir dir(path);
    for (const QString &name : dir.entryList(filters, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            out.append(file.readAll());
    }
    return out;
}

// Where the line holding `text` ends in `log`: an entry that line may change is handed over only
// once this many bytes were read.
qsizetype endOfLineWith(const QByteArray &log, const QByteArray &text)
{
    const qsizetype at = log.indexOf(text);
    return at < 0 ? -1 : log.indexOf('\n', at);
}

} // namespace

class TestCodexSettledEntries : public QObject
{
    Q_OBJECT

private slots:
    void batchesAreTheWholeConversion_data();
    void batchesAreTheWholeConversion();
    void settledEntriesComeBeforeTheEnd();
    void aCallWaitsForItsOutput();
    void aCallWaitsForItsLastExitCode();
    void aCallWaitsForWhatTheScanCannotRead();
    void theLastAssistantTextWaits();
    void nothingIsHandedOverBeforeTheSession();
    void eventMessagesAreReadByTheWholeFile();
    void theTakerStopsTheConversion();
    void theScanFindsEveryPlace();
};

void TestCodexSettledEntries::batchesAreTheWholeConversion_data()
{
    QTest::addColumn<QByteArray>("log");
    const QDir data(QStringLiteral(AGENTLOGS_DATA_DIR));
    QTest::addRow("codex-session.jsonl") << filesIn(data.path(), {QStringLiteral("codex-*")}).value(0);
    const QString fuzz = QStringLiteral(FUZZ_DIR);
    int n = 0;
    for (const QString &folder : {QStringLiteral("/corpus/codexrollout"), QStringLiteral("/regressions/codexrollout")}) {
        for (const QByteArray &log : filesIn(fuzz + folder, {QStringLiteral("*.jsonl")}))
            QTest::addRow("fuzz %d", ++n) << log;
    }
    QVERIFY(n >= 4);
    for (quint32 seed = 1; seed <= 60; ++seed) {
        QRandomGenerator random(seed);
        const int lines = 1 + int(random.bounded(seed <= 45 ? 60 : 1500));
        QTest::addRow("random, seed %u, %d lines", seed, lines) << randomRollout(random, lines);
    }
    for (quint32 seed = 1; seed <= 3; ++seed) {
        QRandomGenerator random(seed);
        const int calls = 1 + int(random.bounded(3000));
        QTest::addRow("generated, seed %u, %d calls", seed, calls) << GeneratedLogs::codex(calls, &random);
    }
    QTest::addRow("generated, all outputs") << GeneratedLogs::codex(500, nullptr);
}

void TestCodexSettledEntries::batchesAreTheWholeConversion()
{
    QFETCH(QByteArray, log);
    const AgentLogConversion whole = convertCodexRollout(log);
    for (const qsizetype batch : {qsizetype(1), qsizetype(2), qsizetype(7), qsizetype(1) << 40}) {
        const Batched batched = convertInBatches(log, batch);
        compareWithWhole(batched, whole);
        if (QTest::currentTestFailed())
            return;
        if (batch > (qsizetype(1) << 30))
            QCOMPARE(batched.batches, 0); // never enough: everything at the end, as before
    }
}

// Calls whose outputs come at once settle as the file is read: the first batches come long before
// the end, each of the size asked for.
void TestCodexSettledEntries::settledEntriesComeBeforeTheEnd()
{
    const QByteArray log = GeneratedLogs::codex(1000, nullptr);
    const Batched batched = convertInBatches(log, 300);
    QVERIFY(batched.conversion.ok);
    QCOMPARE(batched.batches, 3);
    QCOMPARE(batched.handedOver.size(), 900);
    QCOMPARE(batched.conversion.entries.size(), 100);
    QVERIFY(batched.handedOver.first().contains(R"("id":1,)"));
    QVERIFY(batched.handedOver.last().contains(R"("id":900,)"));
    QVERIFY(batched.handedAt.first() < log.size() / 3);
    QCOMPARE(batched.conversion.entries.first(), convertCodexRollout(log).entries.at(900));
}

// A call is handed over only once its output was read, however far away it comes; the entries
// before it do not wait.
void TestCodexSettledEntries::aCallWaitsForItsOutput()
{
    const QByteArray log = meta() + message("user", "go") + call("a") + message("user", "one") + message("user", "two") + output("a", "late")
        + message("user", "three");
    const Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(1).contains(R"("tool_output":{"content":"late"})"));
    QVERIFY(batched.handedAt.at(1) >= endOfLineWith(log, "late"));
    QVERIFY(batched.handedAt.at(0) < endOfLineWith(log, R"("call_id":"a")")); // the user's text did not wait
}

// The last exec_command_end of a call gives its exit code, wherever it comes: the call waits for
// every line that names it, after its output too.
void TestCodexSettledEntries::aCallWaitsForItsLastExitCode()
{
    const QByteArray log = meta() + call("a") + execEnd("a", 1) + output("a") + message("user", "one") + execEnd("a", 3) + message("user", "two")
        + message("user", "three");
    const Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(0).contains(R"("exit_code":3)"));
    QVERIFY(batched.handedAt.at(0) >= endOfLineWith(log, R"("exit_code":3)"));
    QVERIFY(batched.handedAt.at(0) < log.size()); // before the end, though
}

// An id or a key the raw scan cannot read for sure (an escape) may be any call's: every call
// waits until that line was read. A call no line names again settles at once.
void TestCodexSettledEntries::aCallWaitsForWhatTheScanCannotRead()
{
    const QByteArray escapedId = record("event_msg", R"({"type":"exec_command_end","call_id":"\u0061","exit_code":5})");
    QByteArray log = meta() + call("a") + output("a") + message("user", "one") + escapedId + message("user", "two");
    Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(0).contains(R"("exit_code":5)"));
    QVERIFY(batched.handedAt.at(0) >= endOfLineWith(log, R"(\u0061)"));

    const QByteArray escapedKey = record("event_msg", R"({"type":"exec_command_end","call\u005fid" : "a","exit_code":6})");
    log = meta() + call("a") + output("a") + message("user", "one") + escapedKey + message("user", "two");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(0).contains(R"("exit_code":6)"));
    QVERIFY(batched.handedAt.at(0) >= endOfLineWith(log, R"(\u005f)"));

    const QByteArray escapedType = record("event_msg", R"({"type":"exec_command\u005fend","call_id":"a","exit_code":7})");
    log = meta() + call("a") + output("a") + message("user", "one") + escapedType + message("user", "two");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(0).contains(R"("exit_code":7)"));

    log = meta() + call("a") + output("a") + message("user", "uno") + message("user", "dos");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedAt.at(0) < endOfLineWith(log, "uno"));
}

// An assistant text is the final answer while no other may follow: it waits until the last line
// that may be one was read (then it is handed over as the FINAL_ANSWER), or until another comes.
void TestCodexSettledEntries::theLastAssistantTextWaits()
{
    QByteArray log = meta() + message("user", "go") + message("assistant", "first") + message("user", "more") + message("assistant", "second")
        + message("user", "thanks") + call("a") + output("a");
    Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(1).contains(R"("message_type":"PLAN_EVALUATION")"));
    QVERIFY(batched.handedAt.at(1) >= endOfLineWith(log, "second"));
    QVERIFY(batched.handedOver.at(3).contains(R"("message_type":"FINAL_ANSWER")"));
    QVERIFY(batched.handedAt.at(3) < endOfLineWith(log, "thanks"));

    // An agent_message event is an assistant text too, when event messages are read.
    log = meta() + eventMessage("user_message", "message", "go") + eventMessage("agent_message", "message", "first") + eventMessage("user_message", "message", "more")
        + eventMessage("agent_message", "message", "second") + eventMessage("user_message", "message", "thanks");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedOver.at(1).contains(R"("message_type":"PLAN_EVALUATION")"));
    QVERIFY(batched.handedAt.at(1) >= endOfLineWith(log, "second"));
    QVERIFY(batched.handedOver.at(3).contains(R"("message_type":"FINAL_ANSWER")"));
}

// The entries' run id is of the session's id: until a session_meta names it, nothing is handed
// over; without one, everything comes at the end.
void TestCodexSettledEntries::nothingIsHandedOverBeforeTheSession()
{
    QByteArray log = message("user", "go") + message("user", "then") + meta() + message("user", "more");
    Batched batched = convertInBatches(log, 1);
    QCOMPARE(batched.handedOver, convertCodexRollout(log).entries);
    QVERIFY(batched.handedAt.at(0) >= endOfLineWith(log, "session_meta"));
    log = message("user", "go") + message("user", "then");
    batched = convertInBatches(log, 1);
    QCOMPARE(batched.batches, 0);
    QCOMPARE(batched.conversion.entries, convertCodexRollout(log).entries);
}

// Event messages are read only from a rollout without response messages: a response message at
// the file's end (even one spelt with escapes) decides it for its first lines.
void TestCodexSettledEntries::eventMessagesAreReadByTheWholeFile()
{
    const QByteArray start = meta() + eventMessage("user_message", "message", "go") + eventMessage("agent_reasoning", "text", "hmm") + call("a") + output("a");
    struct Case {
        QByteArray end;
        QStringList types; // the entries' message types, as the mapping's rules give them
        bool callThoughtIsTheEvent;
    };
    const QStringList user{QStringLiteral("ACTION"), QStringLiteral("USER_MESSAGE")};
    const QList<Case> cases{
        {message("user", "go"), user, true},
        {record("response_item", R"({"type":"m\u0065ssage","role":"user","content":"go"})"), user, true},
        {record("response_item", R"({"type":"reasoning","summary":[{"type":"summary_text","text":"x"}]})"),
         {QStringLiteral("USER_MESSAGE"), QStringLiteral("ACTION"), QStringLiteral("PLAN_EVALUATION")}, false},
        {QByteArray(), {QStringLiteral("USER_MESSAGE"), QStringLiteral("ACTION")}, true},
    };
    for (const Case &c : cases) {
        const QByteArray log = start + c.end;
        const AgentLogConversion whole = convertCodexRollout(log);
        QStringList types;
        for (const QByteArray &entry : whole.entries)
            types.append(QJsonDocument::fromJson(entry).object().value(QLatin1String("message_type")).toString());
        QCOMPARE(types, c.types);
        const QByteArray callEntry = whole.entries.at(types.indexOf(QStringLiteral("ACTION")));
        QCOMPARE(callEntry.contains(R"("thought":"hmm")"), c.callThoughtIsTheEvent);
        const Batched batched = convertInBatches(log, 1);
        QCOMPARE(batched.handedOver + batched.conversion.entries, whole.entries);
        QVERIFY(!batched.handedOver.isEmpty());
        // (An escape may spell a call's id: then the call waits for that line.)
        if (!c.end.contains('\\'))
            QVERIFY(batched.handedAt.first() <= endOfLineWith(log, "function_call_output"));
    }
}

void TestCodexSettledEntries::theTakerStopsTheConversion()
{
    const QByteArray log = GeneratedLogs::codex(1000, nullptr);
    int batches = 0;
    SettledEntries settled;
    settled.firstBatch = 10;
    settled.batch = 10;
    settled.handOver = [&batches](QList<QByteArray> &&, qsizetype) { return ++batches < 3; };
    const AgentLogConversion conversion = convertCodexRolloutInBatches(log, {}, settled);
    QCOMPARE(batches, 3);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.cancelled);
    QVERIFY(conversion.entries.isEmpty());
}

// The scan's places against a plain reading of the bytes: random texts of the few bytes that
// matter, so that escapes and keys fall on every offset of the scan's 16-byte steps, cut short at
// the end too.
void TestCodexSettledEntries::theScanFindsEveryPlace()
{
    QRandomGenerator random(20261207);
    const QByteArray pieces[] = {"\\u0041", "\\u005f", "\\u0071", "\\u0031", "\\u00", "\\\\u0061", "\\", "u", "0",
                                 "\"call_id\"", "\"call_id\":\"a\"", "\"call_id\" : \"b\"", "\"call_id\":\"c\\n\"",
                                 "\"call_id\":7", "\"call_id\"\n:\"a\"", "\"call\\u005fid\":\"a\"", "x", "  ", "\n", "\"", "_",
                                 "\"assistant\"", "\"assistan\\u0074\""};
    const auto lastOf = [](const QByteArray &text, const QByteArray &word) { return text.lastIndexOf(word); };
    for (int round = 0; round < 3000; ++round) {
        QByteArray text;
        const int count = int(random.bounded(1, 40));
        for (int k = 0; k < count; ++k)
            text += pieces[random.bounded(int(std::size(pieces)))];
        if (random.bounded(3) == 0)
            text.chop(int(random.bounded(0, int(std::min<qsizetype>(text.size(), 6)) + 1)));

        // The reference: every escape that may spell a letter, every "call_id" key and its value,
        // read one offset at a time.
        qsizetype lastEscape = -1;
        for (qsizetype at = 0; at + 4 < text.size(); ++at) {
            if (text.mid(at, 4) == "\\u00" && text[at + 4] >= '4' && text[at + 4] <= '7')
                lastEscape = at;
        }
        QHash<QByteArray, qsizetype> lastNamed;
        qsizetype lastUnclear = lastEscape;
        const QByteArray key = "\"call_id\"";
        for (qsizetype at = 0; at + key.size() <= text.size(); ++at) {
            if (text.mid(at, key.size()) != key)
                continue;
            qsizetype pos = at + key.size();
            while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r'))
                ++pos;
            if (pos >= text.size() || text[pos] != ':')
                continue;
            ++pos;
            while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r'))
                ++pos;
            const qsizetype close = pos < text.size() && text[pos] == '"' ? text.indexOf('"', pos + 1) : -1;
            const QByteArray id = close > pos ? text.mid(pos + 1, close - pos - 1) : QByteArray();
            if (close < 0 || id.contains('\\') || id.contains('\n')) {
                lastUnclear = std::max(lastUnclear, at);
                continue;
            }
            lastNamed[id] = at;
        }

        const ConversionCancel never = [] { return false; };
        CancelCheck cancelled(never);
        const CodexRolloutScan scan(text, true, cancelled);
        for (const char *id : {"a", "b", "zz"})
            QCOMPARE(scan.lastPlaceThatMayNameCall(QByteArrayView(id)), std::max(lastNamed.value(QByteArray(id), -1), lastUnclear));
        QCOMPARE(scan.lastPlaceThatMayHold("\"assistant\""), std::max(lastOf(text, "\"assistant\""), lastEscape));
    }
}

QTEST_GUILESS_MAIN(TestCodexSettledEntries)
#include "tst_codexsettledentries.moc"
