// SPDX-License-Identifier: MIT
// OpenHands event streams mapped onto entries (issue 28): the hand-written sample holds a
// system prompt, the user's message, recalled context, a command with its exit code whose
// observation comes after another action, an edit answered by an error, a read without its
// observation (a call without a result), an observation of an action not in the file (a result
// without a call), an error of no action, the agent state turned to error, a delegation to
// another agent (the branch), non-ASCII text, a malformed event in the middle, and the finish.
#include "agentlogs/openhandsevents.h"
#include "converterexpectations.h"

#include <QtTest>

using namespace ConverterExpectations;

class TestOpenHandsEvents : public QObject
{
    Q_OBJECT

private slots:
    void detection_data();
    void detection();
    void sampleEntries();
    void sampleRun();
    void lastAgentMessageWithoutFinish();
    void unreadableFiles_data();
    void unreadableFiles();
};

// moc's own tokenizer trips over the raw string literals below (the expected entries), and
// needs only the class declaration above.
#ifndef Q_MOC_RUN

void TestOpenHandsEvents::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("openHands");
    QTest::addRow("sample") << sample("openhands-events.json") << true;
    QTest::addRow("first event cut") << sample("openhands-events.json").left(120) << true;
    QTest::addRow("codegen array") << QByteArray("[{\"agent_run_id\":1,\"id\":1,\"timestamp\":\"t\",\"source\":\"x\",\"action\":\"a\"}]") << false;
    QTest::addRow("array of numbers") << QByteArray("[1,2,3]") << false;
    QTest::addRow("no source") << QByteArray("[{\"id\":1,\"timestamp\":\"t\",\"action\":\"run\"}]") << false;
    QTest::addRow("neither action nor observation") << QByteArray("[{\"id\":1,\"timestamp\":\"t\",\"source\":\"agent\"}]") << false;
    QTest::addRow("swe-agent") << sample("sweagent-run.traj") << false;
    QTest::addRow("codex") << sample("codex-session.jsonl") << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void TestOpenHandsEvents::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, openHands);
    QCOMPARE(looksLikeOpenHandsEvents(head), openHands);
}

void TestOpenHandsEvents::sampleEntries()
{
    const AgentLogConversion conversion = convertOpenHandsEvents(sample("openhands-events.json"));
    QVERIFY2(conversion.ok, qPrintable(conversion.error));
    QCOMPARE(conversion.entries.size(), 12);
    const auto &e = conversion.entries;
    // 166780654668540: SHA-256 of "openhands:", the first user message's timestamp, "\n", its text.
    QVERIFY(sameEntry(e.at(0), R"json({"agent_run_id":166780654668540,"id":1,"created_at":"2025-03-01T10:00:01.500000Z",
        "message_type":"USER_MESSAGE","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Repariere größe() 🙂\nBitte mit Test."})json", 1));
    QVERIFY(sameEntry(e.at(1), R"json({"agent_run_id":166780654668540,"id":2,"created_at":"2025-03-01T10:00:01.600000Z",
        "message_type":"ACTION","thought":null,"tool_name":"recall","tool_input":null,
        "tool_output":{"content":"Added workspace context","extras":{"recall_type":"workspace_context"}},
        "observation":null})json", 1));
    QVERIFY(sameEntry(e.at(2), R"json({"agent_run_id":166780654668540,"id":3,"created_at":"2025-03-01T10:00:03.000000Z",
        "message_type":"ACTION","thought":"Erst die Tests laufen lassen.","tool_name":"run",
        "tool_input":{"command":"pytest -q","is_input":false,"thought":"Erst die Tests laufen lassen.","blocking":false,"hidden":false},
        "tool_output":{"content":"1 failed","extras":{"command":"pytest -q","metadata":{"exit_code":1,"pid":-1,"working_dir":"/workspace"},"hidden":false},"exit_code":1},
        "observation":null,"function_name":"execute_bash","exit_code":1})json", 2));
    QVERIFY(sameEntry(e.at(3), R"json({"agent_run_id":166780654668540,"id":4,"created_at":"2025-03-01T10:00:03.100000Z",
        "message_type":"PLAN_EVALUATION","thought":"Der Fehler liegt in der Rundung.","tool_name":null,"tool_input":null,
        "tool_output":null,"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(4), R"json({"agent_run_id":166780654668540,"id":5,"created_at":"2025-03-01T10:00:05.000000Z",
        "message_type":"ERROR","thought":null,"tool_name":"edit",
        "tool_input":{"path":"/workspace/größe.py","command":"str_replace","old_str":"round(x)","new_str":"round(x, 2)","thought":""},
        "tool_output":{"content":"No replacement was performed.","extras":{"error_id":""}},
        "observation":null,"function_name":"str_replace_editor"})json", 2));
    QVERIFY(sameEntry(e.at(5), R"json({"agent_run_id":166780654668540,"id":6,"created_at":"2025-03-01T10:00:06.000000Z",
        "message_type":"ACTION","thought":null,"tool_name":"read","tool_input":{"path":"/workspace/größe.py","thought":""},
        "tool_output":null,"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(6), R"json({"agent_run_id":166780654668540,"id":7,"created_at":"2025-03-01T10:00:07.000000Z",
        "message_type":"ACTION","thought":null,"tool_name":"run","tool_input":null,
        "tool_output":{"content":"orphan","extras":{"command":"ls","metadata":{"exit_code":0}},"exit_code":0},
        "observation":null,"exit_code":0})json", 1));
    QVERIFY(sameEntry(e.at(7), R"json({"agent_run_id":166780654668540,"id":8,"created_at":"2025-03-01T10:00:08.000000Z",
        "message_type":"ERROR","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Agent got stuck in a loop"})json", 1));
    QVERIFY(sameEntry(e.at(8), R"json({"agent_run_id":166780654668540,"id":9,"created_at":"2025-03-01T10:00:08.500000Z",
        "message_type":"ERROR","thought":null,"tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"LLM-Zeitüberschreitung"})json", 1));
    QVERIFY(sameEntry(e.at(9), R"json({"agent_run_id":166780654668540,"id":10,"created_at":"2025-03-01T10:00:09.000000Z",
        "message_type":"ACTION","thought":null,"tool_name":"delegate",
        "tool_input":{"agent":"BrowsingAgent","inputs":{"task":"Finde die Doku"},"thought":""},
        "tool_output":{"content":"","extras":{"outputs":{"answer":"42"}}},"observation":null})json", 2));
    QVERIFY(sameEntry(e.at(10), R"json({"agent_run_id":166780654668540,"id":11,"created_at":"2025-03-01T10:00:21.000000Z",
        "message_type":"PLAN_EVALUATION","thought":"Ich habe die Rundung korrigiert.","tool_name":null,"tool_input":null,
        "tool_output":null,"observation":null})json", 1));
    QVERIFY(sameEntry(e.at(11), R"json({"agent_run_id":166780654668540,"id":12,"created_at":"2025-03-01T10:00:22.000000Z",
        "message_type":"FINAL_ANSWER","thought":"Alles erledigt.","tool_name":null,"tool_input":null,"tool_output":null,
        "observation":"Fertig — größe() rundet auf 2 Stellen."})json", 1));
}

void TestOpenHandsEvents::sampleRun()
{
    const AgentLogConversion conversion = convertOpenHandsEvents(sample("openhands-events.json"));
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.agentName, QStringLiteral("OpenHands"));
    QCOMPARE(conversion.title, QStringLiteral("Repariere größe() 🙂"));
    QVERIFY(conversion.hasTimes);
    QCOMPARE(conversion.metadata, object(R"json({"agent_state":"finished","accumulated_cost":0.05,
        "accumulated_token_usage":{"prompt_tokens":5000,"completion_tokens":300}})json"));
    QCOMPARE(conversion.warnings,
             (QStringList{QStringLiteral("event #8 of the list: not an event with an action or an observation; skipped"),
                          QStringLiteral("event 11: an observation (run) of action 99, which is not in the file; kept as an entry of its own"),
                          QStringLiteral("action 10 (read) has no observation")}));
}

void TestOpenHandsEvents::lastAgentMessageWithoutFinish()
{
    const QByteArray bytes = R"json([
        {"id": 1, "timestamp": "2025-03-01T10:00:00+01:00", "source": "user", "action": "message", "args": {"content": "Hallo"}},
        {"id": 2, "timestamp": "2025-03-01T10:00:01+01:00", "source": "agent", "action": "message", "args": {"content": "Erst das."}},
        {"id": 3, "timestamp": "2025-03-01T10:00:02+01:00", "source": "agent", "action": "message", "args": {"content": "Dann fertig."}}
    ])json";
    const AgentLogConversion conversion = convertOpenHandsEvents(bytes);
    QVERIFY(conversion.ok);
    QCOMPARE(conversion.entries.size(), 3);
    const QJsonObject middle = object(conversion.entries.at(1));
    QCOMPARE(middle.value(QLatin1String("message_type")).toString(), QStringLiteral("PLAN_EVALUATION"));
    QCOMPARE(middle.value(QLatin1String("thought")).toString(), QStringLiteral("Erst das."));
    const QJsonObject last = object(conversion.entries.at(2));
    QCOMPARE(last.value(QLatin1String("message_type")).toString(), QStringLiteral("FINAL_ANSWER"));
    QCOMPARE(last.value(QLatin1String("observation")).toString(), QStringLiteral("Dann fertig."));
    QVERIFY(last.value(QLatin1String("thought")).isNull());
    QCOMPARE(last.value(QLatin1String("created_at")).toString(), QStringLiteral("2025-03-01T10:00:02+01:00"));
}

void TestOpenHandsEvents::unreadableFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorStart");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("OpenHands event stream, line 1: not JSON (");
    QTest::addRow("cut off") << QByteArray("[\n {\"id\": 1,\n  \"action\": \"run\"")
                             << QStringLiteral("OpenHands event stream, line 3: not JSON (");
    QTest::addRow("object") << QByteArray("{\"events\": []}") << QStringLiteral("OpenHands event stream, line 1: not a list of events.");
}

void TestOpenHandsEvents::unreadableFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorStart);
    const AgentLogConversion conversion = convertOpenHandsEvents(bytes);
    QVERIFY(!conversion.ok);
    QVERIFY(conversion.entries.isEmpty());
    QVERIFY2(conversion.error.startsWith(errorStart), qPrintable(conversion.error));
    QVERIFY(conversion.error.endsWith(QLatin1Char('.')));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TestOpenHandsEvents)
#include "tst_openhandsevents.moc"
