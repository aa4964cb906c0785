// SPDX-License-Identifier: MIT
// Claude Code transcripts mapped onto entries: a hand-written session (an error, a call without a
// result, a result without a call, a sidechain, non-ASCII text, a malformed line in the middle,
// a line repeated) against the entries written out by hand below.
#include "agentlogs/claudecodetranscript.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QByteArray sample(const QString &name)
{
    QFile file(QStringLiteral(AGENTLOGS_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

QJsonObject objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s: %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

// The uuids of an entry's source records, in order.
QStringList recordUuids(const QJsonObject &entry)
{
    QStringList uuids;
    const QJsonArray records = entry.value(QLatin1String("source_records")).toArray();
    for (const QJsonValue &record : records)
        uuids.append(record.toObject().value(QLatin1String("uuid")).toString());
    return uuids;
}

// SHA-256("sess-1"), its first 48 bits, worked out by hand (python3 hashlib).
constexpr qint64 kSessionRunId = 189005202433146;

} // namespace

class TestClaudeCodeTranscript : public QObject
{
    Q_OBJECT

private slots:
    void detectsTranscripts_data();
    void detectsTranscripts();
    void sessionMapsToEntries_data();
    void sessionMapsToEntries();
    void sourceRecordsAreTheLinesRead();
    void metadataAndWarnings();
    void blocksRepeatedInOneMessageAreReadOnce();
    void textAfterTheLastCallIsTheFinalAnswer();
    void nothingButBrokenLinesFailsNamingTheLine();
    void apiErrorsAndSubagentFiles();
    void emptyAndOddInputNeverCrashes();
    void aLineOfInvalidUtf8IsSkippedNamingItsLine();
};

void TestClaudeCodeTranscript::detectsTranscripts_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("expected");
    QTest::addRow("the sample") << sample(QStringLiteral("claudecode-session.jsonl")) << true;
    QTest::addRow("summary first") << QByteArray(R"j({"type":"summary","summary":"x","leafUuid":"u"})j" "\n") << true;
    QTest::addRow("bookkeeping before the session")
        << QByteArray(R"j({"type":"file-history-snapshot","messageId":"m"})j" "\n"
                      R"j({"type":"user","sessionId":"s","uuid":"u","message":{"role":"user","content":"hi"}})j" "\n")
        << true;
    QTest::addRow("one line, no newline") << QByteArray(R"j({"type":"user","sessionId":"s","uuid":"u"})j") << true;
    QTest::addRow("a Codegen entry") << QByteArray(R"j({"agent_run_id":1,"message_type":"ACTION","type":"x","sessionId":"s"})j" "\n") << false;
    QTest::addRow("a Codegen export") << QByteArray(R"j({"id":1,"organization_id":2,"logs":[]})j") << false;
    QTest::addRow("a Codex rollout") << QByteArray(R"j({"timestamp":"t","type":"session_meta","payload":{}})j" "\n") << false;
    QTest::addRow("a JSON array") << QByteArray(R"j([{"type":"user","sessionId":"s"}])" "\n") << false;
    QTest::addRow("text") << QByteArray("hello \"type\" sessionId\n") << false;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("a line cut by the head's end") << QByteArray(R"j({"type":"user","sessionId":"s","uu)j") << false;
}

void TestClaudeCodeTranscript::detectsTranscripts()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, expected);
    QCOMPARE(looksLikeClaudeCodeTranscript(head), expected);
}

void TestClaudeCodeTranscript::sessionMapsToEntries_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("expected");
    // The main conversation in the order of the calls, then the sidechain. agent_run_id is the
    // session's (kSessionRunId); source_records are checked in sourceRecordsAreTheLinesRead().
    QTest::addRow("1 user text") << 0 << QByteArray(R"j({"id":1,"created_at":"2025-06-21T12:00:00.000Z","message_type":"USER_MESSAGE",
        "thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Fix the failing test in dates.py — ça échoue"})j");
    QTest::addRow("2 a failed call: thinking and text before it are its thought") << 1 << QByteArray(R"j({"id":2,
        "created_at":"2025-06-21T12:00:03.000Z","message_type":"ERROR",
        "thought":"The test probably parses dates.\n\nLet me run the tests first.","tool_name":"Bash",
        "tool_input":{"command":"pytest -q","description":"Run the tests"},
        "tool_output":{"content":"1 failed: test_parse — ValueError: bad zone","is_error":true},
        "observation":"1 failed: test_parse — ValueError: bad zone","tool_use_id":"toolu_01"})j");
    QTest::addRow("3 text and call in one line, result as blocks") << 2 << QByteArray(R"j({"id":3,
        "created_at":"2025-06-21T12:00:07.000Z","message_type":"ACTION","thought":"Reading the parser.","tool_name":"Read",
        "tool_input":{"file_path":"/home/dev/dates/dates.py"},
        "tool_output":{"content":[{"type":"text","text":"def parse(s): return datetime.fromisoformat(s)"}]},
        "observation":null,"tool_use_id":"toolu_02"})j");
    QTest::addRow("4 the subagent's call") << 3 << QByteArray(R"j({"id":4,"created_at":"2025-06-21T12:00:09.000Z",
        "message_type":"ACTION","thought":null,"tool_name":"Task",
        "tool_input":{"description":"Find callers","prompt":"Find callers of parse"},
        "tool_output":{"content":"parse is called from app.py"},"observation":null,"tool_use_id":"toolu_03"})j");
    QTest::addRow("5 a call without a result") << 4 << QByteArray(R"j({"id":5,"created_at":"2025-06-21T12:00:16.000Z",
        "message_type":"ACTION","thought":null,"tool_name":"Edit",
        "tool_input":{"file_path":"/home/dev/dates/dates.py","old_string":"fromisoformat(s)","new_string":"fromisoformat(s.replace('Z', '+00:00'))"},
        "tool_output":null,"observation":null,"tool_use_id":"toolu_04"})j");
    QTest::addRow("6 the last text") << 5 << QByteArray(R"j({"id":6,"created_at":"2025-06-21T12:00:20.000Z",
        "message_type":"FINAL_ANSWER","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Fixed: dates now parse with a zone. 日付 ✓"})j");
    QTest::addRow("7 sidechain: its prompt") << 6 << QByteArray(R"j({"id":7,"created_at":"2025-06-21T12:00:10.000Z",
        "message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Find callers of parse","sidechain":true})j");
    QTest::addRow("8 sidechain: its call") << 7 << QByteArray(R"j({"id":8,"created_at":"2025-06-21T12:00:11.000Z",
        "message_type":"ACTION","thought":null,"tool_name":"Grep","tool_input":{"pattern":"parse("},
        "tool_output":{"content":"app.py:3"},"observation":null,"sidechain":true,"tool_use_id":"toolu_s1"})j");
    QTest::addRow("9 sidechain: its text is no final answer of the session") << 8 << QByteArray(R"j({"id":9,
        "created_at":"2025-06-21T12:00:13.000Z","message_type":"PLAN_EVALUATION","thought":"parse is called from app.py",
        "tool_name":null,"tool_input":null,"tool_output":null,"observation":null,"sidechain":true})j");
}

void TestClaudeCodeTranscript::sessionMapsToEntries()
{
    QFETCH(int, index);
    QFETCH(QByteArray, expected);
    const AgentLogConversion conversion = convertClaudeCodeTranscript(sample(QStringLiteral("claudecode-session.jsonl")));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 9);
    QJsonObject actual = objectOf(conversion.entries.at(index));
    QCOMPARE(actual.value(QLatin1String("agent_run_id")).toInteger(), kSessionRunId);
    actual.remove(QStringLiteral("agent_run_id"));
    actual.remove(QStringLiteral("source_records"));
    QCOMPARE(actual, objectOf(expected));
    // The endpoint's field order, so that an export reads like a Codegen run.
    QVERIFY(conversion.entries.at(index).startsWith("{\"agent_run_id\":189005202433146,\"id\":"));
}

void TestClaudeCodeTranscript::sourceRecordsAreTheLinesRead()
{
    const AgentLogConversion conversion = convertClaudeCodeTranscript(sample(QStringLiteral("claudecode-session.jsonl")));
    QVERIFY(conversion.ok);
    const QList<QStringList> expected = {
        {QStringLiteral("u1")},
        {QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("a3"), QStringLiteral("u2")},
        {QStringLiteral("a4"), QStringLiteral("u3")},
        {QStringLiteral("a5"), QStringLiteral("u4")},
        {QStringLiteral("a6")},
        {QStringLiteral("a7")},
        {QStringLiteral("s1")},
        {QStringLiteral("s2"), QStringLiteral("s3")},
        {QStringLiteral("s4")},
    };
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(recordUuids(objectOf(conversion.entries.at(i))), expected.at(i));
    // A record is the line as read, every field of it.
    const QJsonObject error = objectOf(conversion.entries.at(1));
    const QJsonObject result = error.value(QLatin1String("source_records")).toArray().at(3).toObject();
    QCOMPARE(result.value(QLatin1String("toolUseResult")).toString(), QStringLiteral("Error: 1 failed"));
}

void TestClaudeCodeTranscript::metadataAndWarnings()
{
    const AgentLogConversion conversion = convertClaudeCodeTranscript(sample(QStringLiteral("claudecode-session.jsonl")));
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.agentName, QStringLiteral("Claude Code"));
    QCOMPARE(conversion.title, QStringLiteral("Fix the failing date test"));
    QVERIFY(conversion.hasTimes);
    // Usage once per message.id, its last line's: msg_01 (10, 30, 100, 0), msg_02 (20, 15, 0,
    // 100; its repeated line not again), msg_05 (5, 25, 0, 200).
    QCOMPARE(conversion.metadata, objectOf(R"j({"agent":"Claude Code","session_id":"sess-1","cwd":"/home/dev/dates",
        "git_branch":"fix-dates","version":"1.0.30","summary":"Fix the failing date test",
        "model":"claude-sonnet-4-20250514","models":["claude-sonnet-4-20250514","claude-opus-4-20250514"],
        "usage":{"input_tokens":35,"output_tokens":70,"cache_creation_input_tokens":100,"cache_read_input_tokens":300}})j"));
    QCOMPARE(conversion.warnings.size(), 2);
    QVERIFY2(conversion.warnings.at(0).startsWith(QLatin1String("line 7: not a JSON object (")), qPrintable(conversion.warnings.at(0)));
    QCOMPARE(conversion.warnings.at(1), QStringLiteral("line 17: a tool result (id toolu_99) without its call; skipped"));
}

void TestClaudeCodeTranscript::blocksRepeatedInOneMessageAreReadOnce()
{
    // Older versions wrote each line with the message's blocks so far: the text comes again in
    // the second line (another uuid, the same message.id) and must not be read twice.
    const QByteArray transcript =
        R"j({"type":"user","sessionId":"s","uuid":"u1","timestamp":"2025-01-01T00:00:00Z","message":{"role":"user","content":"go"}})j" "\n"
        R"j({"type":"assistant","sessionId":"s","uuid":"a1","timestamp":"2025-01-01T00:00:01Z","message":{"id":"m1","content":[{"type":"text","text":"Plan."}],"usage":{"output_tokens":3}}})j" "\n"
        R"j({"type":"assistant","sessionId":"s","uuid":"a2","timestamp":"2025-01-01T00:00:02Z","message":{"id":"m1","content":[{"type":"text","text":"Plan."},{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls"}}],"usage":{"output_tokens":9}}})j" "\n"
        R"j({"type":"user","sessionId":"s","uuid":"u2","timestamp":"2025-01-01T00:00:03Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"a b"}]}})j" "\n";
    const AgentLogConversion conversion = convertClaudeCodeTranscript(transcript);
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.entries.size(), 2);
    const QJsonObject call = objectOf(conversion.entries.at(1));
    QCOMPARE(call.value(QLatin1String("thought")).toString(), QStringLiteral("Plan."));
    QCOMPARE(call.value(QLatin1String("created_at")).toString(), QStringLiteral("2025-01-01T00:00:02Z"));
    QCOMPARE(recordUuids(call), (QStringList{QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("u2")}));
    QCOMPARE(conversion.metadata.value(QLatin1String("usage")).toObject().value(QLatin1String("output_tokens")).toInteger(), 9);
    QVERIFY(conversion.warnings.isEmpty());
}

void TestClaudeCodeTranscript::textAfterTheLastCallIsTheFinalAnswer()
{
    // Two rounds: the first answer is a plan evaluation, the session's last one the final answer;
    // a thinking-only turn before a user message is an evaluation of its own.
    const QByteArray transcript =
        R"j({"type":"user","sessionId":"s","uuid":"u1","message":{"role":"user","content":[{"type":"text","text":"one"}]}})j" "\n"
        R"j({"type":"assistant","sessionId":"s","uuid":"a1","message":{"id":"m1","content":[{"type":"text","text":"First answer."}]}})j" "\n"
        R"j({"type":"user","sessionId":"s","uuid":"u2","message":{"role":"user","content":"two"}})j" "\n"
        R"j({"type":"assistant","sessionId":"s","uuid":"a2","message":{"id":"m2","content":[{"type":"thinking","thinking":"Hm."}]}})j" "\n"
        R"j({"type":"user","sessionId":"s","uuid":"u3","message":{"role":"user","content":"three"}})j" "\n"
        R"j({"type":"assistant","sessionId":"s","uuid":"a3","message":{"id":"m3","content":[{"type":"thinking","thinking":"Easy."},{"type":"text","text":"Last answer."}]}})j" "\n";
    const AgentLogConversion conversion = convertClaudeCodeTranscript(transcript);
    QVERIFY(conversion.ok);
    QStringList types;
    for (const QByteArray &entry : conversion.entries)
        types.append(objectOf(entry).value(QLatin1String("message_type")).toString());
    QCOMPARE(types, (QStringList{QStringLiteral("USER_MESSAGE"), QStringLiteral("PLAN_EVALUATION"), QStringLiteral("USER_MESSAGE"),
                                 QStringLiteral("PLAN_EVALUATION"), QStringLiteral("USER_MESSAGE"), QStringLiteral("FINAL_ANSWER")}));
    const QJsonObject last = objectOf(conversion.entries.last());
    QCOMPARE(last.value(QLatin1String("thought")).toString(), QStringLiteral("Easy."));
    QCOMPARE(last.value(QLatin1String("observation")).toString(), QStringLiteral("Last answer."));
    QCOMPARE(objectOf(conversion.entries.at(3)).value(QLatin1String("thought")).toString(), QStringLiteral("Hm."));
    // No times in the file: the entries say null and the run says so.
    QVERIFY(!conversion.hasTimes);
    QVERIFY(objectOf(conversion.entries.at(0)).value(QLatin1String("created_at")).isNull());
    QCOMPARE(conversion.title, QStringLiteral("one"));
}

void TestClaudeCodeTranscript::apiErrorsAndSubagentFiles()
{
    // A failed API call is an ERROR, not the answer; in a subagent's own file (all sidechain)
    // the last text is the final answer.
    const QByteArray transcript =
        R"j({"type":"user","isSidechain":true,"sessionId":"s","uuid":"u1","message":{"role":"user","content":"look"}})j" "\n"
        R"j({"type":"assistant","isSidechain":true,"sessionId":"s","uuid":"a1","message":{"id":"m1","content":[{"type":"text","text":"Found it."}]}})j" "\n"
        R"j({"type":"assistant","isSidechain":true,"sessionId":"s","uuid":"a2","isApiErrorMessage":true,"message":{"id":"m2","model":"<synthetic>","content":[{"type":"text","text":"API Error: 529 overloaded"}]}})j" "\n";
    const AgentLogConversion conversion = convertClaudeCodeTranscript(transcript);
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.entries.size(), 3);
    QCOMPARE(objectOf(conversion.entries.at(1)).value(QLatin1String("message_type")).toString(), QStringLiteral("FINAL_ANSWER"));
    const QJsonObject error = objectOf(conversion.entries.at(2));
    QCOMPARE(error.value(QLatin1String("message_type")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(error.value(QLatin1String("observation")).toString(), QStringLiteral("API Error: 529 overloaded"));
    QCOMPARE(error.value(QLatin1String("sidechain")).toBool(), true);
    QVERIFY(!conversion.metadata.contains(QLatin1String("model"))); // "<synthetic>" is no model
}

void TestClaudeCodeTranscript::nothingButBrokenLinesFailsNamingTheLine()
{
    const AgentLogConversion conversion = convertClaudeCodeTranscript("\n\n{\"type\":\"user\",\"sessionId\":\n{oops\n");
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.startsWith(QLatin1String("Claude Code transcript, line 3: not JSON (")), qPrintable(conversion.error));
}

void TestClaudeCodeTranscript::emptyAndOddInputNeverCrashes()
{
    for (const QByteArray &input : {QByteArray(), QByteArray("\n"), QByteArray("{}"), QByteArray("[]\n[]"),
                                    QByteArray(R"j({"type":"user","message":{"content":[{"type":"tool_result"}]}})j"),
                                    QByteArray(R"j({"type":"assistant","message":{"content":[{"type":"tool_use"},{"type":"tool_use"}]}})j"),
                                    QByteArray(R"j({"type":"assistant","message":"x"})j"), QByteArray("\xEF\xBB\xBF{}")}) {
        const AgentLogConversion conversion = convertClaudeCodeTranscript(input);
        for (const QByteArray &entry : conversion.entries)
            QVERIFY(!objectOf(entry).isEmpty());
    }
}

void TestClaudeCodeTranscript::aLineOfInvalidUtf8IsSkippedNamingItsLine()
{
    // The third line's result holds a Latin-1 byte (0xE9) where UTF-8 was due: it is no JSON, so
    // it is read over with a warning naming it, the call keeps no result, and every entry (its
    // source records spliced in as read) stays valid UTF-8 and valid JSON.
    const QByteArray line1 = R"j({"type":"user","sessionId":"s","uuid":"u1","timestamp":"2025-01-01T00:00:00Z","message":{"role":"user","content":"go"}})j";
    const QByteArray line2 = R"j({"type":"assistant","sessionId":"s","uuid":"a1","timestamp":"2025-01-01T00:00:01Z","message":{"id":"m1","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"cat f"}}]}})j";
    const QByteArray line3 = R"j({"type":"user","sessionId":"s","uuid":"u2","timestamp":"2025-01-01T00:00:02Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"caf)j" "\xE9" R"j("}]}})j";
    const QByteArray line4 = R"j({"type":"assistant","sessionId":"s","uuid":"a2","timestamp":"2025-01-01T00:00:03Z","message":{"id":"m2","content":[{"type":"text","text":"Done."}]}})j";
    const AgentLogConversion conversion = convertClaudeCodeTranscript(line1 + '\n' + line2 + '\n' + line3 + '\n' + line4 + '\n');
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    // SHA-256("s"), its first 48 bits, worked out by hand (python3 hashlib): 4649059316933.
    const QList<QByteArray> expected{
        R"j({"agent_run_id":4649059316933,"id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"go","source_records":[)j" + line1 + "]}",
        R"j({"agent_run_id":4649059316933,"id":2,"created_at":"2025-01-01T00:00:01Z","message_type":"ACTION","thought":null,"tool_name":"Bash","tool_input":{"command":"cat f"},"tool_output":null,"observation":null,"tool_use_id":"t1","source_records":[)j" + line2 + "]}",
        R"j({"agent_run_id":4649059316933,"id":3,"created_at":"2025-01-01T00:00:03Z","message_type":"FINAL_ANSWER","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,"observation":"Done.","source_records":[)j" + line4 + "]}"};
    QCOMPARE(conversion.entries, expected);
    for (const QByteArray &entry : conversion.entries) {
        QVERIFY(QUtf8StringView(entry).isValidUtf8());
        QVERIFY(!objectOf(entry).isEmpty());
    }
    QCOMPARE(conversion.warnings.size(), 1);
    QVERIFY2(conversion.warnings.at(0).startsWith(QLatin1String("line 3: not a JSON object (")), qPrintable(conversion.warnings.at(0)));
    QVERIFY2(conversion.warnings.at(0).endsWith(QLatin1String("); skipped")), qPrintable(conversion.warnings.at(0)));
}

QTEST_GUILESS_MAIN(TestClaudeCodeTranscript)
#include "tst_claudecodetranscript.moc"
