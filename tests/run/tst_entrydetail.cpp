// SPDX-License-Identifier: MIT
#include "run/entrydetail.h"

#include <QTest>

class TestEntryDetail : public QObject
{
    Q_OBJECT

private slots:
    void fullEntry();
    void nullsAndAbsence();
    void observationKinds_data();
    void observationKinds();
    void wrongTypes();
    void exactRawValues();
    void invalid_data();
    void invalid();
    void hugeEntry();
};

void TestEntryDetail::fullEntry()
{
    const QByteArray raw = R"({"agent_run_id": 42, "created_at": "2024-01-15T10:30:15Z", "tool_name": "bash",
        "message_type": "ACTION", "thought": "Run the tests\nthen look", "observation": {"exit": 0},
        "tool_input": {"cmd": "ctest  -j2"}, "tool_output": {"stdout": "ok\n"}, "x_extra": [1, 2],
        "x_flag": null})";
    const EntryDetail d = parseEntryDetail(raw);
    QVERIFY2(d.ok, qPrintable(d.error));
    QVERIFY(d.error.isEmpty());
    QCOMPARE(d.agentRunId, 42);
    QCOMPARE(d.createdAtText, u"2024-01-15T10:30:15Z"_qs);
    QCOMPARE(d.toolName, u"bash"_qs);
    QCOMPARE(d.messageType, u"ACTION"_qs);
    QCOMPARE(d.thought, u"Run the tests\nthen look"_qs);
    QCOMPARE(d.observation, QByteArray(R"({"exit": 0})"));
    QVERIFY(!d.observationIsString);
    QVERIFY(d.observationText.isNull());
    QCOMPARE(d.toolInput, QByteArray(R"({"cmd": "ctest  -j2"})"));
    QCOMPARE(d.toolOutput, QByteArray(R"({"stdout": "ok\n"})"));
    QCOMPARE(d.otherFields.size(), 2);
    QCOMPARE(d.otherFields.at(0), (QPair<QString, QByteArray>(u"x_extra"_qs, "[1, 2]")));
    QCOMPARE(d.otherFields.at(1), (QPair<QString, QByteArray>(u"x_flag"_qs, "null")));
}

void TestEntryDetail::nullsAndAbsence()
{
    const EntryDetail nulls = parseEntryDetail(R"({"agent_run_id":1,"created_at":null,"tool_name":null,)"
                                               R"("message_type":null,"thought":null,"observation":null,)"
                                               R"("tool_input":null,"tool_output":null})");
    QVERIFY2(nulls.ok, qPrintable(nulls.error));
    QVERIFY(nulls.thought.isNull());
    QVERIFY(nulls.createdAtText.isNull());
    QVERIFY(nulls.toolName.isNull());
    QVERIFY(nulls.messageType.isNull());
    QVERIFY(nulls.observation.isEmpty());
    QVERIFY(nulls.toolInput.isEmpty());
    QVERIFY(nulls.toolOutput.isEmpty());
    QVERIFY(!nulls.observationIsString);
    QVERIFY(nulls.otherFields.isEmpty());

    const EntryDetail absent = parseEntryDetail(R"({"agent_run_id":1})");
    QVERIFY(absent.ok);
    QVERIFY(absent.thought.isNull());
    QVERIFY(absent.toolName.isNull());

    const EntryDetail empty = parseEntryDetail(R"({"agent_run_id":1,"thought":"","tool_name":""})");
    QVERIFY(empty.ok);
    QVERIFY(!empty.thought.isNull());
    QVERIFY(empty.thought.isEmpty());
    QVERIFY(!empty.toolName.isNull());
}

void TestEntryDetail::observationKinds_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("isString");
    QTest::addColumn<QString>("text");
    QTest::addRow("string") << QByteArray(R"("The answer is \"42\".\nDone")") << true << u"The answer is \"42\".\nDone"_qs;
    QTest::addRow("empty string") << QByteArray(R"("")") << true << u""_qs;
    QTest::addRow("object") << QByteArray(R"({"error": "boom", "code": 1e400})") << false << QString();
    QTest::addRow("array") << QByteArray(R"([1, "a"])") << false << QString();
    QTest::addRow("number") << QByteArray("3.10") << false << QString();
}

void TestEntryDetail::observationKinds()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, isString);
    QFETCH(QString, text);
    const EntryDetail d = parseEntryDetail(R"({"agent_run_id":1,"observation":)" + value + "}");
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.observation, value);
    QCOMPARE(d.observationIsString, isString);
    QCOMPARE(d.observationText, text);
    QCOMPARE(d.observationText.isNull(), text.isNull());
}

void TestEntryDetail::wrongTypes()
{
    const EntryDetail d = parseEntryDetail(
            R"({"agent_run_id":"x","thought":{"a":1},"tool_name":5,"message_type":[ ],"created_at":true,"tool_input":"s"})");
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.agentRunId, 0);
    QCOMPARE(d.thought, uR"({"a":1})"_qs);
    QCOMPARE(d.toolName, u"5"_qs);
    QCOMPARE(d.messageType, u"[ ]"_qs);
    QCOMPARE(d.createdAtText, u"true"_qs);
    QCOMPARE(d.toolInput, QByteArray(R"("s")"));
}

void TestEntryDetail::exactRawValues()
{
    const QByteArray output = "{\"n\": 18446744073709551616, \"s\": \"\\u00e9\xF0\x9F\x98\x80\\ud800\", \"e\": \"\"}";
    const EntryDetail d = parseEntryDetail(R"({"agent_run_id":9223372036854775807,"tool_output":)" + output
                                           + R"(,"thought":"caf\u00e9 \ud83d\ude00 \udc00","weird\u0041":1})");
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.agentRunId, std::numeric_limits<qint64>::max());
    QCOMPARE(d.toolOutput, output);
    QCOMPARE(d.thought, QString::fromUtf8("caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD"));
    QCOMPARE(d.otherFields.size(), 1);
    QCOMPARE(d.otherFields.first().first, u"weirdA"_qs);
}

void TestEntryDetail::invalid_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("error");
    QTest::addRow("empty") << QByteArray() << u"the entry is empty"_qs;
    QTest::addRow("array") << QByteArray("[]") << u"the entry is not a JSON object"_qs;
    QTest::addRow("cut") << QByteArray(R"({"agent_run_id":1,"thought":"ab)")
                         << u"not valid JSON at byte 28 (line 1, column 29): unclosed string"_qs;
    QTest::addRow("bad utf8") << QByteArray("{\"thought\":\"\x80\"}")
                              << u"not valid JSON at byte 12 (line 1, column 13): invalid UTF-8"_qs;
    QTest::addRow("too deep") << QByteArray(600, '[')
                              << u"not valid JSON at byte 512 (line 1, column 513): nesting deeper than 512 levels"_qs;
}

void TestEntryDetail::invalid()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, error);
    const EntryDetail d = parseEntryDetail(raw);
    QVERIFY(!d.ok);
    QCOMPARE(d.error, error);
}

void TestEntryDetail::hugeEntry()
{
    QByteArray raw = R"({"agent_run_id":1,"tool_output":{"stdout":")";
    raw.append(12 * 1024 * 1024, 'z');
    raw.append(R"("},"observation":"done"})");
    const EntryDetail d = parseEntryDetail(raw);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.toolOutput.size(), 12 * 1024 * 1024 + 13);
    QCOMPARE(d.observationText, u"done"_qs);
}

QTEST_GUILESS_MAIN(TestEntryDetail)
#include "tst_entrydetail.moc"
