// SPDX-License-Identifier: MIT
// Codex CLI rollouts mapped onto entries (issue 28): the hand-written sample holds injected
// context, a reasoning summary before a message and before a call, a call with its exit code, a
// call without its output, an output without its call, arguments that are not JSON, an error,
// a compaction (the history replaced by its summary), a forked session, non-ASCII text, a
// malformed line in the middle, and the event messages that repeat the response items.
#include "agentlogs/codexrollout.h"
#include "converterexpectations.h"

#include <QtTest>

using namespace ConverterExpectations;

class TestCodexRollout : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void sampleEntries();
    void sampleRun();
    void eventMessagesWhenNoResponseItems();
    void unreadableFiles_data();
    void unreadableFiles();
};

// moc's own tokenizer trips over the raw string literals below (the expected entries), and
// needs only the class declaration above.
#ifndef Q_MOC_RUN

void TestCodexRollout::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("codex");
    QTest::addRow("sample") << sample("codex-session.jsonl") << true;
    // The session_meta line is cut by the head (its instructions can be tens of kilobytes).
    QTest::addRow("first line cut") << sample("codex-session.jsonl").left(90) << true;
    QTest::addRow("event first") << QByteArray("\n{\"timestamp\":\"2025-01-01T00:00:00Z\",\"type\":\"event_msg\",\"payload\":{}}\n") << true;
    QTest::addRow("codegen jsonl")
        << QByteArray("{\"agent_run_id\":1,\"timestamp\":\"x\",\"type\":\"response_item\",\"payload\":{}}\n") << false;
    QTest::addRow("codegen export") << QByteArray("{\"id\":7,\"logs\":[{\"agent_run_id\":7}]}") << false;
    QTest::addRow("claude code")
        << QByteArray("{\"parentUuid\":null,\"sessionId\":\"s\",\"type\":\"user\",\"message\":{\"role\":\"user\"},\"uuid\":\"u\",\"timestamp\":\"t\"}\n")
        << false;
    QTest::addRow("unknown type") << QByteArray("{\"timestamp\":\"t\",\"type\":\"sample\",\"payload\":{}}\n") << false;
    QTest::addRow("openhands") << sample("openhands-events.json") << false;
    QTest::addRow("swe-agent") << sample("sweagent-run.traj") << false;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("binary") << QByteArray("\x00\x01{\"type\"", 9) << false;
}

void TestCodexRollout::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, codex);
    QCOMPARE(looksLikeCodexRollout(head), codex);
}

void TestCodexRollout::sampleEntries()
{
    const AgentLogConversion conversion = convertCodexRollout(sample("codex-session.jsonl"));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 10);
    const auto &e = conversion.entries;
    // 165652491422628: the first 48 bits of SHA-256("codex:0199f3a1-7c2e-7d10-9b61-5f0e2a9c4d11").
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":165652491422628,"id":1,"created_at":"2025-10-29T00:59:38.320Z",
        "message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"<environment_context>\n  <cwd>/home/ana/projekt-ü</cwd>\n</environment_context>",
        "context":true})json", 1));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":165652491422628,"id":2,"created_at":"2025-10-29T00:59:38.321Z",
        "message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Behebe den Fehler in größe.py — der Test schlägt fehl 🙂\nDanke!"})json", 1));
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":165652491422628,"id":3,"created_at":"2025-10-29T00:59:40.500Z",
        "message_type":"PLAN_EVALUATION","thought":"Ich führe zuerst die Tests aus.","tool_name":null,
        "tool_input":null,"tool_output":null,"observation":null,
        "reasoning":"**Looking at the failing test**"})json", 1));
    // The call, its output (a JSON object in a string) and exec_command_end's exit code.
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":165652491422628,"id":4,"created_at":"2025-10-29T00:59:41.000Z",
        "message_type":"ACTION","thought":null,"tool_name":"shell",
        "tool_input":{"command":["bash","-lc","pytest -q"],"workdir":"/home/ana/projekt-ü"},
        "tool_output":{"output":"1 failed\n","metadata":{"exit_code":1,"duration_seconds":0.4},"exit_code":1},
        "observation":null,"exit_code":1})json", 2));
    // Line 12 is malformed and skipped; the reasoning of line 13 is the next call's thought.
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":165652491422628,"id":5,"created_at":"2025-10-29T00:59:45.000Z",
        "message_type":"ACTION","thought":"Fix the rounding in größe.py","tool_name":"apply_patch",
        "tool_input":{"input":"*** Begin Patch\n*** Update File: größe.py\n-    return round(x)\n+    return round(x, 2)\n*** End Patch"},
        "tool_output":null,"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(5), R"json({"agent_run_id":165652491422628,"id":6,"created_at":"2025-10-29T00:59:46.000Z",
        "message_type":"ACTION","thought":null,"tool_name":null,"tool_input":null,
        "tool_output":{"content":"orphaned result"},"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(6), R"json({"agent_run_id":165652491422628,"id":7,"created_at":"2025-10-29T00:59:47.000Z",
        "message_type":"ACTION","thought":null,"tool_name":"update_plan","tool_input":{"arguments":"not json {"},
        "tool_output":{"content":"Plan updated"},"observation":null})json", 2));
    QVERIFY(sameEntry(e.at(7), R"json({"agent_run_id":165652491422628,"id":8,"created_at":"2025-10-29T00:59:48.000Z",
        "message_type":"ERROR","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"stream disconnected before completion"})json", 1));
    QVERIFY(sameEntry(e.at(8), R"json({"agent_run_id":165652491422628,"id":9,"created_at":"2025-10-29T00:59:49.000Z",
        "message_type":"PLAN_EVALUATION","thought":"Zusammenfassung: Test repariert.","tool_name":null,
        "tool_input":null,"tool_output":null,"observation":null,"compacted":true})json", 1));
    QVERIFY(sameEntry(e.at(9), R"json({"agent_run_id":165652491422628,"id":10,"created_at":"2025-10-29T00:59:51.000Z",
        "message_type":"FINAL_ANSWER","thought":"Tests pass now","tool_name":null,"tool_input":null,
        "tool_output":null,"observation":"Fertig: größe.py rundet jetzt auf 2 Stellen."})json", 1));
}

void TestCodexRollout::sampleRun()
{
    const AgentLogConversion conversion = convertCodexRollout(sample("codex-session.jsonl"));
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.agentName, QStringLiteral("Codex CLI"));
    QCOMPARE(conversion.title, QStringLiteral("Behebe den Fehler in größe.py — der Test schlägt fehl 🙂"));
    QVERIFY(conversion.hasTimes);
    QCOMPARE(conversion.metadata, object(R"json({"session_id":"0199f3a1-7c2e-7d10-9b61-5f0e2a9c4d11",
        "forked_from_id":"0199f2ee-0000-7000-8000-000000000001","started_at":"2025-10-29T00:59:38.308Z",
        "cwd":"/home/ana/projekt-ü","originator":"codex_cli_rs","cli_version":"0.46.0","source":"cli",
        "model_provider":"openai",
        "git":{"commit_hash":"3f2a9e1","branch":"fix/größe","repository_url":"git@example.org:ana/projekt.git"},
        "model":"gpt-5-codex","reasoning_effort":"medium",
        "token_usage":{"input_tokens":5120,"cached_input_tokens":2048,"output_tokens":310,"reasoning_output_tokens":128,"total_tokens":5430}})json"));
    QCOMPARE(conversion.warnings.size(), 4);
    QVERIFY2(conversion.warnings.at(0).startsWith(QLatin1String("line 12: not JSON (")), qPrintable(conversion.warnings.at(0)));
    QVERIFY(conversion.warnings.at(0).endsWith(QLatin1String("); skipped")));
    QCOMPARE(conversion.warnings.at(1), QStringLiteral("line 15: the output of call call_9 without its call; kept as an entry of its own"));
    QCOMPARE(conversion.warnings.at(2), QStringLiteral("the call call_2 (apply_patch) has no output"));
    QCOMPARE(conversion.warnings.at(3), QStringLiteral("1 record(s) of type world_state not mapped"));
}

void TestCodexRollout::eventMessagesWhenNoResponseItems()
{
    // A rollout whose messages are only events: they are read, once each.
    const QByteArray bytes =
        "{\"timestamp\":\"2025-01-02T03:04:05Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"Zähle bis 3\"}}\n"
        "{\"timestamp\":\"2025-01-02T03:04:06Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_reasoning\",\"text\":\"easy\"}}\n"
        "{\"timestamp\":\"2025-01-02T03:04:07Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\",\"message\":\"1, 2, 3\"}}\n";
    const AgentLogConversion conversion = convertCodexRollout(bytes);
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.entries.size(), 2);
    QCOMPARE(conversion.warnings, QStringList());
    QCOMPARE(conversion.metadata, QJsonObject());
    const QJsonObject user = object(conversion.entries.at(0));
    QCOMPARE(user.value(QLatin1String("message_type")).toString(), QStringLiteral("USER_MESSAGE"));
    QCOMPARE(user.value(QLatin1String("observation")).toString(), QStringLiteral("Zähle bis 3"));
    QCOMPARE(user.value(QLatin1String("created_at")).toString(), QStringLiteral("2025-01-02T03:04:05Z"));
    const QJsonObject answer = object(conversion.entries.at(1));
    QCOMPARE(answer.value(QLatin1String("message_type")).toString(), QStringLiteral("FINAL_ANSWER"));
    QCOMPARE(answer.value(QLatin1String("observation")).toString(), QStringLiteral("1, 2, 3"));
    QCOMPARE(answer.value(QLatin1String("thought")).toString(), QStringLiteral("easy"));
    QCOMPARE(user.value(QLatin1String("agent_run_id")), answer.value(QLatin1String("agent_run_id")));
}

void TestCodexRollout::unreadableFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorStart");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("Codex CLI rollout: the file holds no records.");
    QTest::addRow("blank lines") << QByteArray("\n  \n\n") << QStringLiteral("Codex CLI rollout: the file holds no records.");
    QTest::addRow("not json") << QByteArray("\n{\"timestamp\":\"t\",\"type\":\"event_msg\",\"payload\":{\n")
                              << QStringLiteral("Codex CLI rollout, line 2: not JSON (");
    QTest::addRow("no payload") << QByteArray("{\"timestamp\":\"t\",\"type\":\"event_msg\"}\n[1]\n")
                                << QStringLiteral("Codex CLI rollout, line 1: not a rollout record (no type and payload).");
    QTest::addRow("array line") << QByteArray("[1,2]\n") << QStringLiteral("Codex CLI rollout, line 1: not a JSON object.");
}

void TestCodexRollout::unreadableFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorStart);
    const AgentLogConversion conversion = convertCodexRollout(bytes);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.startsWith(errorStart), qPrintable(conversion.error));
    QVERIFY(conversion.error.endsWith(QLatin1Char('.')));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestCodexRollout)
#include "tst_codexrollout.moc"
