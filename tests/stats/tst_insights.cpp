// SPDX-License-Identifier: MIT
// Insights (issue 23) on hand-written runs: every expected finding is written out here by hand,
// never computed by the code under test.
#include "stats/insights.h"
#include "stats/insightsreport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <atomic>

namespace {

using Entries = QList<QByteArray>;

// A tool call with its input (raw JSON).
QByteArray call(const char *tool, const char *input = "{}")
{
    return QByteArray("{\"message_type\": \"ACTION\", \"tool_name\": \"") + tool + "\", \"tool_input\": " + input + '}';
}

// An entry that is no tool call.
QByteArray note()
{
    return QByteArrayLiteral(R"({"message_type": "PLAN_EVALUATION", "tool_name": null, "thought": "Let me think."})");
}

Insights run(const Entries &entries)
{
    return InsightsFinder::compute(entries);
}

bool isFailure(const QByteArray &entry)
{
    return run({entry}).firstFailure.has_value();
}

QString signatureOfEntry(const QByteArray &entry)
{
    const Insights insights = run({entry});
    return insights.firstFailure ? insights.firstFailure->signature : QStringLiteral("<no failure>");
}

struct ExpectedLoop
{
    int period;
    int repeats;
    QVector<int> entries;
    QStringList tools;
};

void compareLoops(const QList<InsightsLoop> &actual, const QList<ExpectedLoop> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype k = 0; k < expected.size(); ++k) {
        QCOMPARE(actual[k].period, expected[k].period);
        QCOMPARE(actual[k].repeats, expected[k].repeats);
        QCOMPARE(actual[k].entries, expected[k].entries);
        QCOMPARE(actual[k].firstEntry, expected[k].entries.first());
        QCOMPARE(actual[k].lastEntry, expected[k].entries.last());
        QCOMPARE(actual[k].tools, expected[k].tools);
    }
}

const char *const kA = R"({"command": "ls"})";
const char *const kB = R"({"path": "a.txt"})";

} // namespace

class TestInsights : public QObject
{
    Q_OBJECT

private slots:
    void loopOfPeriodOne()
    {
        compareLoops(run({call("bash", kA), call("bash", kA), call("bash", kA), call("bash", kA)}).loops,
                     {{1, 4, {1, 2, 3, 4}, {QStringLiteral("bash")}}});
    }

    void loopOfPeriodTwoWithEntriesBetween()
    {
        const Entries entries = {call("bash", kA), note(), call("view", kB), call("bash", kA), note(), note(),
                                 call("view", kB), call("bash", kA), call("view", kB), note()};
        compareLoops(run(entries).loops, {{2, 3, {1, 3, 4, 7, 8, 9}, {QStringLiteral("bash"), QStringLiteral("view")}}});
    }

    void loopOfPeriodThreeAndFour()
    {
        Entries three;
        for (int k = 0; k < 3; ++k)
            three << call("a") << call("b") << call("c");
        compareLoops(run(three).loops,
                     {{3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}}});
        Entries four = {call("x")};
        for (int k = 0; k < 3; ++k)
            four << call("a") << call("b") << call("c") << call("d");
        four << call("a"); // a part of a fourth repetition is not in the loop
        compareLoops(run(four).loops, {{4, 3, {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
                                        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}}});
    }

    void periodFiveIsNoLoop()
    {
        Entries five;
        for (int k = 0; k < 3; ++k)
            five << call("a") << call("b") << call("c") << call("d") << call("e");
        QVERIFY(run(five).loops.isEmpty());
    }

    void twoRepetitionsAreNoLoop()
    {
        QVERIFY(run({call("a"), call("a")}).loops.isEmpty());
        QVERIFY(run({call("a"), call("b"), call("a"), call("b"), call("c")}).loops.isEmpty());
        QVERIFY(run({call("a"), call("b"), call("c"), call("a"), call("b"), call("c")}).loops.isEmpty());
    }

    void patternOfEqualCallsIsNoLongerPeriod()
    {
        // "A A B" three times: the pattern's calls must all differ, and A A alone repeats twice.
        Entries entries;
        for (int k = 0; k < 3; ++k)
            entries << call("a") << call("a") << call("b");
        QVERIFY(run(entries).loops.isEmpty());
        // "A A A A": period 1, never period 2.
        compareLoops(run({call("a"), call("a"), call("a"), call("a")}).loops, {{1, 4, {1, 2, 3, 4}, {QStringLiteral("a")}}});
    }

    void twoLoopsBackToBack()
    {
        // A B A B A B A A A: the seventh call closes no repetition of A B and starts A A A.
        const Entries entries = {call("a"), call("b"), call("a"), call("b"), call("a"), call("b"), call("a"), call("a"), call("a")};
        compareLoops(run(entries).loops, {{2, 3, {1, 2, 3, 4, 5, 6}, {QStringLiteral("a"), QStringLiteral("b")}},
                                          {1, 3, {7, 8, 9}, {QStringLiteral("a")}}});
        // Different loops, one after the other.
        const Entries other = {call("a"), call("a"), call("a"), call("b"), call("c"), call("b"), call("c"), call("b"), call("c")};
        compareLoops(run(other).loops, {{1, 3, {1, 2, 3}, {QStringLiteral("a")}},
                                        {2, 3, {4, 5, 6, 7, 8, 9}, {QStringLiteral("b"), QStringLiteral("c")}}});
    }

    void overlappingCandidatesEarliestStartWins()
    {
        // A A A B A B A B: A×3 (calls 1-3) and A B×3 (calls 3-8) overlap; the earlier one is kept,
        // and "B A B A B" after it repeats only twice.
        const Entries entries = {call("a"), call("a"), call("a"), call("b"), call("a"), call("b"), call("a"), call("b")};
        compareLoops(run(entries).loops, {{1, 3, {1, 2, 3}, {QStringLiteral("a")}}});
        // A B A B A B C B C B C B: A B×3 then, from the seventh call, C B×3.
        const Entries more = {call("a"), call("b"), call("a"), call("b"), call("a"), call("b"),
                              call("c"), call("b"), call("c"), call("b"), call("c"), call("b")};
        compareLoops(run(more).loops, {{2, 3, {1, 2, 3, 4, 5, 6}, {QStringLiteral("a"), QStringLiteral("b")}},
                                       {2, 3, {7, 8, 9, 10, 11, 12}, {QStringLiteral("c"), QStringLiteral("b")}}});
    }

    void findLoopsOnKeys()
    {
        const QList<InsightsFinder::KeyLoop> loops = InsightsFinder::findLoops({7, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 9, 9, 9});
        QCOMPARE(loops.size(), 2);
        QCOMPARE(loops[0].start, 1);
        QCOMPARE(loops[0].period, 3);
        QCOMPARE(loops[0].repeats, 3);
        QCOMPARE(loops[1].start, 11);
        QCOMPARE(loops[1].period, 1);
        QCOMPARE(loops[1].repeats, 3);
    }

    void callKeyIsTheInputByValue()
    {
        // Member order, 1 / 1.0 / 1e0, escapes: the same call.
        const Entries same = {call("t", R"({"a": 1, "b": [1.0, "x"], "c": {"y": null, "z": true}})"),
                              call("t", R"({"c": {"z": true, "y": null}, "b": [1, "\u0078"], "a": 1e0})"),
                              call("t", R"({"b": [10e-1, "x"], "a": 1.00, "c": {"y": null, "z": true}})")};
        QCOMPARE(run(same).loops.size(), 1);
        // A string "1" is not the number 1; another tool is another call; arrays keep their order.
        QVERIFY(run({call("t", R"({"a": 1})"), call("t", R"({"a": "1"})"), call("t", R"({"a": 1})")}).loops.isEmpty());
        QVERIFY(run({call("t", kA), call("u", kA), call("t", kA)}).loops.isEmpty());
        QVERIFY(run({call("t", "[1, 2]"), call("t", "[2, 1]"), call("t", "[1, 2]")}).loops.isEmpty());
        // No tool_input is the same call as a null one; an empty tool_name is no call at all.
        const Entries nulls = {QByteArrayLiteral(R"({"tool_name": "t"})"), call("t", "null"),
                               QByteArrayLiteral(R"({"tool_name": "", "tool_input": {"command": "x"}})"), call("t", "null")};
        compareLoops(run(nulls).loops, {{1, 3, {1, 2, 4}, {QStringLiteral("t")}}});
        QVERIFY(run(nulls).commands.isEmpty());
    }

    void failureSigns_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<bool>("failure");
        QTest::newRow("ERROR") << QByteArray(R"({"message_type": "ERROR"})") << true;
        QTest::newRow("error lower case") << QByteArray(R"({"message_type": "error"})") << true;
        QTest::newRow("Error") << QByteArray(R"({"message_type": "Error"})") << true;
        QTest::newRow("NOERROR") << QByteArray(R"({"message_type": "NOERROR"})") << false;
        QTest::newRow("ERRORS") << QByteArray(R"({"message_type": "ERRORS"})") << false;
        QTest::newRow("message_type number") << QByteArray(R"({"message_type": 1})") << false;
        QTest::newRow("message_type array") << QByteArray(R"({"message_type": ["ERROR"]})") << false;
        QTest::newRow("ERROR in the thought") << QByteArray(R"({"message_type": "ACTION", "thought": "ERROR"})") << false;
        QTest::newRow("exit_code 1") << QByteArray(R"({"tool_output": {"exit_code": 1}})") << true;
        QTest::newRow("exit_code 0") << QByteArray(R"({"tool_output": {"exit_code": 0}})") << false;
        QTest::newRow("exit_code 0.0") << QByteArray(R"({"tool_output": {"exit_code": 0.0}})") << false;
        QTest::newRow("exit_code -0") << QByteArray(R"({"tool_output": {"exit_code": -0}})") << false;
        QTest::newRow("exit_code string") << QByteArray(R"({"tool_output": {"exit_code": "1"}})") << false;
        QTest::newRow("exit_code null") << QByteArray(R"({"tool_output": {"exit_code": null}})") << false;
        QTest::newRow("exit_code nested") << QByteArray(R"({"tool_output": {"result": {"exit_code": 1}}})") << false;
        QTest::newRow("exitCode") << QByteArray(R"({"tool_output": {"exitCode": 2}})") << true;
        QTest::newRow("returncode") << QByteArray(R"({"tool_output": {"returncode": 127}})") << true;
        QTest::newRow("return_code -1") << QByteArray(R"({"tool_output": {"return_code": -1}})") << true;
        QTest::newRow("observation exit_code") << QByteArray(R"({"observation": {"exit_code": 3}})") << true;
        QTest::newRow("thought object exit_code") << QByteArray(R"({"thought": {"exit_code": 3}})") << false;
        QTest::newRow("exit code 1 text") << QByteArray(R"({"observation": "done\nProcess exited with exit code 1"})") << true;
        QTest::newRow("Exit Status 2") << QByteArray(R"({"observation": "Exit Status 2"})") << true;
        QTest::newRow("Exit code: 2") << QByteArray(R"({"observation": "Exit code: 2"})") << true;
        QTest::newRow("exit code 0 text") << QByteArray(R"({"observation": "Process exited with exit code 0"})") << false;
        QTest::newRow("exit code 00 text") << QByteArray(R"({"observation": "exit code 00"})") << false;
        QTest::newRow("exit codes") << QByteArray(R"({"observation": "exit codes 1 and 2"})") << false;
        QTest::newRow("exitcode 1") << QByteArray(R"({"observation": "exitcode 1"})") << false;
        QTest::newRow("exit code 0 then 3") << QByteArray(R"({"observation": "exit code 0, exit code 3"})") << true;
        QTest::newRow("tool_output string") << QByteArray(R"({"tool_output": "exit status 1"})") << true;
        QTest::newRow("thought exit code") << QByteArray(R"({"thought": "exit code 1"})") << false;
        QTest::newRow("Traceback") << QByteArray(R"({"observation": "Traceback (most recent call last):\n  File a.py"})") << true;
        QTest::newRow("Traceback in tool_output") << QByteArray(R"({"tool_output": "Traceback (most recent call last):"})") << true;
        QTest::newRow("Traceback later") << QByteArray(R"({"observation": "ok\nTraceback (most recent call last):"})") << false;
        QTest::newRow("is_error true") << QByteArray(R"({"tool_output": {"is_error": true, "content": "x"}})") << true;
        QTest::newRow("is_error false") << QByteArray(R"({"tool_output": {"is_error": false}})") << false;
        QTest::newRow("is_error string") << QByteArray(R"({"tool_output": {"is_error": "true"}})") << false;
        QTest::newRow("nothing") << QByteArray(R"({"message_type": "ACTION", "observation": null, "tool_output": [1]})") << false;
    }

    void failureSigns()
    {
        QFETCH(QByteArray, entry);
        QFETCH(bool, failure);
        QCOMPARE(isFailure(entry), failure);
    }

    void signatureSearchPattern()
    {
        using InsightsFinder::signatureSearchPattern;
        QCOMPARE(signatureSearchPattern(u"\n  Error 42 at 0x7ffd3a2b10:  bad\tthing \nmore"),
                 QStringLiteral(R"(Error\s+\d+\s+at\s+\d+x[0-9A-Fa-f]{8,}\:\s+bad\s+thing)"));
        QCOMPARE(signatureSearchPattern(u"a.b (c) [d] 12345678 deadbeefcafe"),
                 QStringLiteral(R"(a\.b\s+\(c\)\s+\[d\]\s+\d+\s+[0-9A-Fa-f]{8,})"));
        QCOMPARE(signatureSearchPattern(u"  \n \t"), QString());
        // The pattern finds what shares the signature, and not what differs in words.
        const QRegularExpression found(signatureSearchPattern(u"Timeout after 30s on 1f2e3d4c5b6a"));
        QVERIFY(found.match(QStringLiteral("x Timeout after 120s  on ab12cd34ef56 y")).hasMatch());
        QVERIFY(!found.match(QStringLiteral("Timeout before 30s on 1f2e3d4c5b6a")).hasMatch());
        // Cut where the signature is cut: 200 characters.
        const QString longLine = QString(250, u'x');
        QCOMPARE(signatureSearchPattern(longLine), QString(200, u'x'));
    }

    void failureTextOf()
    {
        using InsightsFinder::failureTextOf;
        QCOMPARE(failureTextOf(R"({"observation": "boom\nmore", "thought": "t"})"), QStringLiteral("boom\nmore"));
        QCOMPARE(failureTextOf(R"({"observation": "  ", "tool_output": {"stderr": "E: no"}, "thought": "t"})"), QStringLiteral("E: no"));
        QCOMPARE(failureTextOf(R"({"observation": {"message": "m"}, "thought": "t"})"), QStringLiteral("m"));
        QCOMPARE(failureTextOf(R"({"thought": "only this"})"), QStringLiteral("only this"));
        QVERIFY(failureTextOf(R"({"observation": 5})").isNull());
        QVERIFY(failureTextOf("[1, 2]").isNull());
        QVERIFY(failureTextOf("").isNull());
    }

    void signatureRules()
    {
        using InsightsFinder::signatureOf;
        QCOMPARE(signatureOf(u"\n   \n\t First   line\twith  spaces \nsecond"), QStringLiteral("First line with spaces"));
        QCOMPARE(signatureOf(u"file 12 at line 3456"), QStringLiteral("file N at line N"));
        QCOMPARE(signatureOf(u"id deadbeef1234 and 0x7ffd3a2b10"), QStringLiteral("id H and NxH"));
        QCOMPARE(signatureOf(u"abc123 12345678 deadbee"), QStringLiteral("abcN N deadbee"));
        QCOMPARE(signatureOf(u"   \n \t "), QStringLiteral(""));
        QCOMPARE(signatureOf(QString(250, QLatin1Char('x'))), QString(200, QLatin1Char('x')));
        // The line as a person reads it: the same line, white space collapsed, numbers kept.
        using InsightsFinder::failureLineOf;
        QCOMPARE(failureLineOf(u"\n   \n\t First   line 12\twith  0x7ffd3a2b10 \nsecond"),
                 QStringLiteral("First line 12 with 0x7ffd3a2b10"));
        QCOMPARE(failureLineOf(u"   \n \t "), QStringLiteral(""));
        QCOMPARE(failureLineOf(QString(250, QLatin1Char('7'))), QString(200, QLatin1Char('7')));
        // 199 letters (not hexadecimal), then a character outside the BMP (two UTF-16 units) as the 200th.
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
        QCOMPARE(signatureOf(QString(199, QLatin1Char('x')) + emoji + QStringLiteral("yyy")), QString(199, QLatin1Char('x')) + emoji);
    }

    void failureTextOrder()
    {
        QCOMPARE(signatureOfEntry(R"({"message_type": "ERROR", "thought": "thinking", "observation": "boom 1"})"),
                 QStringLiteral("boom N"));
        QCOMPARE(signatureOfEntry(R"({"thought": "t", "tool_output": {"exit_code": 2, "message": "m", "stderr": "s: 7"}})"),
                 QStringLiteral("s: N"));
        QCOMPARE(signatureOfEntry(R"({"thought": "t", "tool_output": {"exit_code": 2, "message": "m", "error": "e"}})"),
                 QStringLiteral("e"));
        QCOMPARE(signatureOfEntry(R"({"thought": "t", "observation": {"exit_code": 2, "message": "m"}})"), QStringLiteral("m"));
        QCOMPARE(signatureOfEntry(R"({"thought": "the thought", "tool_output": {"exit_code": 2, "stderr": "  "}})"),
                 QStringLiteral("the thought"));
        QCOMPARE(signatureOfEntry(R"({"message_type": "ERROR", "thought": 5, "observation": null})"), QStringLiteral(""));
    }

    void repeatedFailuresGroupBySignature()
    {
        const Entries entries = {
            R"({"message_type": "ERROR", "observation": "cannot open foo"})",                           // 1
            R"({"message_type": "ERROR", "observation": "timeout after 30 s at 0xdeadbeef12"})",        // 2
            R"({"message_type": "ERROR", "observation": "cannot open bar"})",                           // 3
            R"({"message_type": "ERROR", "observation": "timeout  after 5 s at 0xcafebabe99\nmore"})",  // 4
            R"({"tool_output": {"exit_code": 1, "stderr": "x failed: 7"}})",                           // 5
            R"({"tool_output": {"exit_code": 1, "stderr": "x failed: 8"}})",                           // 6
            R"({"message_type": "ERROR", "observation": "timeout after 999 s at 0x0123abcdef"})",       // 7
        };
        const Insights insights = run(entries);
        QCOMPARE(insights.repeatedFailures.size(), 2);
        QCOMPARE(insights.repeatedFailures[0].signature, QStringLiteral("timeout after N s at NxH"));
        QCOMPARE(insights.repeatedFailures[0].count, 3);
        QCOMPARE(insights.repeatedFailures[0].entries, QVector<int>({2, 4, 7}));
        QCOMPARE(insights.repeatedFailures[1].signature, QStringLiteral("x failed: N"));
        QCOMPARE(insights.repeatedFailures[1].count, 2);
        QCOMPARE(insights.repeatedFailures[1].entries, QVector<int>({5, 6}));
    }

    void repeatedFailuresTieByFirstEntry()
    {
        const Entries entries = {R"({"message_type": "ERROR", "observation": "b"})", R"({"message_type": "ERROR", "observation": "a"})",
                                 R"({"message_type": "ERROR", "observation": "a"})", R"({"message_type": "ERROR", "observation": "b"})"};
        const Insights insights = run(entries);
        QCOMPARE(insights.repeatedFailures.size(), 2);
        QCOMPARE(insights.repeatedFailures[0].signature, QStringLiteral("b"));
        QCOMPARE(insights.repeatedFailures[1].signature, QStringLiteral("a"));
    }

    void firstFailure()
    {
        const Insights none = run({call("bash", kA), note()});
        QVERIFY(!none.firstFailure);
        const Insights byType = run({note(), R"({"message_type": "ERROR", "tool_name": null, "observation": "bad 1"})",
                                     R"({"message_type": "ERROR", "observation": "later"})"});
        QVERIFY(byType.firstFailure);
        QCOMPARE(byType.firstFailure->entry, 2);
        QCOMPARE(byType.firstFailure->messageType, QStringLiteral("ERROR"));
        QVERIFY(byType.firstFailure->toolName.isNull());
        QCOMPARE(byType.firstFailure->signature, QStringLiteral("bad N"));
        QCOMPARE(byType.firstFailure->line, QStringLiteral("bad 1"));
        QCOMPARE(byType.failures, QVector<int>({2, 3}));
        QVERIFY(none.failures.isEmpty());
        const Insights byExit = run({R"({"message_type": 7, "tool_name": "bash", "tool_output": {"exit_code": 2, "stderr": "no"}})"});
        QVERIFY(byExit.firstFailure);
        QVERIFY(byExit.firstFailure->messageType.isNull());
        QCOMPARE(byExit.firstFailure->toolName, QStringLiteral("bash"));
        // A tool_name that is not a non-empty string is null.
        const Insights odd = run({R"({"message_type": "error", "tool_name": 5})", R"({"message_type": "error", "tool_name": ""})"});
        QVERIFY(odd.firstFailure->toolName.isNull());
        QCOMPARE(odd.firstFailure->messageType, QStringLiteral("error"));
    }

    void commands()
    {
        const Entries entries = {
            call("bash", R"({"command": "pytest -x"})"),                                                                  // 1
            R"({"tool_name": "shell", "tool_input": {"cmd": "make"}, "tool_output": {"exit_code": 2}})",                 // 2
            R"({"tool_name": "bash", "tool_input": {"command": 5}})",                                                     // 3
            R"({"tool_name": "bash", "tool_input": "ls -la"})",                                                           // 4
            R"({"tool_name": "bash", "tool_input": {"cmd": "b", "command": "a"}, "observation": "exit code 3"})",          // 5
            R"({"tool_name": null, "tool_input": {"command": "not a call"}})",                                            // 6
            R"({"tool_name": "bash", "tool_input": {"command": "ok"}, "tool_output": {"returncode": 0}})",                // 7
            R"({"message_type": "ERROR", "tool_name": "bash", "tool_input": {"command": "x"}})",                          // 8
            R"({"tool_name": "bash", "tool_input": {"command": "y"}, "tool_output": {"exit_code": "1"}})",                // 9
            R"({"tool_name": "bash", "tool_input": {"command": "z\tq"}, "tool_output": "Exit code: 0"})",                 // 10
            R"({"tool_name": "bash", "tool_input": {"nested": {"command": "no"}}})",                                      // 11
        };
        const Insights insights = run(entries);
        struct Expected { int entry; const char *tool; const char *command; std::optional<double> exitCode; bool failed; };
        const Expected expected[] = {
            {1, "bash", "pytest -x", std::nullopt, false}, {2, "shell", "make", 2.0, true}, {5, "bash", "a", 3.0, true},
            {7, "bash", "ok", 0.0, false}, {8, "bash", "x", std::nullopt, true}, {9, "bash", "y", std::nullopt, false},
            {10, "bash", "z\tq", 0.0, false},
        };
        QCOMPARE(insights.commands.size(), qsizetype(std::size(expected)));
        for (qsizetype k = 0; k < insights.commands.size(); ++k) {
            const InsightsCommand &command = insights.commands[k];
            QCOMPARE(command.entry, expected[k].entry);
            QCOMPARE(command.tool, QString::fromUtf8(expected[k].tool));
            QCOMPARE(command.command, QString::fromUtf8(expected[k].command));
            QCOMPARE(command.exitCode, expected[k].exitCode);
            QCOMPARE(command.failed, expected[k].failed);
        }
    }

    void files()
    {
        const Entries entries = {
            call("view_file", R"({"path": "src/app.py"})"),                                        // 1 read
            call("str_replace_editor", R"({"file_path": "src/app.py"})"),                          // 2 write
            call("Write", R"({"filepath": "b.txt"})"),                                             // 3 write
            call("read_file", R"({"filename": "src/app.py"})"),                                    // 4 read
            call("apply_patch", R"({"target_file": "c.txt", "path": "c.txt"})"),                   // 5 write, once
            call("CreateFile", R"({"path": "d"})"),                                                // 6 write
            call("insert_text", R"({"path": "d"})"),                                               // 7 write
            call("delete_file", R"({"path": "d"})"),                                               // 8 write
            call("move", R"({"path": "d"})"),                                                      // 9 write
            call("cat", R"({"path": 5, "file": "e", "nested": {"path": "f"}})"),                   // 10 none
            call("cat", R"("src/app.py")"),                                                        // 11 none
            call("cat", R"({"path": ""})"),                                                        // 12 none
            R"({"tool_name": null, "tool_input": {"path": "g"}})",                                 // 13 none: no call
            call("grep", R"({"path": "b.txt", "filename": "d"})"),                                 // 14 read both
        };
        const Insights insights = run(entries);
        struct Expected { const char *path; int reads; int writes; QVector<int> entries; };
        const Expected expected[] = {
            {"src/app.py", 2, 1, {1, 2, 4}}, {"b.txt", 1, 1, {3, 14}}, {"c.txt", 0, 1, {5}}, {"d", 1, 4, {6, 7, 8, 9, 14}},
        };
        QCOMPARE(insights.files.size(), qsizetype(std::size(expected)));
        for (qsizetype k = 0; k < insights.files.size(); ++k) {
            QCOMPARE(insights.files[k].path, QString::fromUtf8(expected[k].path));
            QCOMPARE(insights.files[k].reads, expected[k].reads);
            QCOMPARE(insights.files[k].writes, expected[k].writes);
            QCOMPARE(insights.files[k].entries, expected[k].entries);
        }
    }

    void oddEntriesAreSkippedButCounted()
    {
        const Entries entries = {call("t"), "[1, 2]", "\"text\"", "42", "null", "", "{\"tool_name\": \"t\", ", "not json",
                                 "{\"tool_name\": \"t\"} trailing", call("t"), call("t")};
        const Insights insights = run(entries);
        QCOMPARE(insights.entries, 11);
        compareLoops(insights.loops, {{1, 3, {1, 10, 11}, {QStringLiteral("t")}}});
        QVERIFY(!insights.firstFailure);
    }

    void oddTypesEverywhere()
    {
        const Entries entries = {
            R"({"tool_name": ["bash"], "tool_input": {"command": "a"}, "message_type": {"x": "ERROR"}})",
            R"({"tool_name": "bash", "tool_input": {"command": null, "path": ["p"]}, "tool_output": null, "observation": 5})",
            R"({"tool_name": "bash", "tool_input": [{"command": "x"}], "tool_output": {"exit_code": [1], "stderr": 5}})",
            R"({"tool_name": "b\u0061sh", "tool_input": {"comm\u0061nd": "esc\u0061ped", "command": "second"}})",
            R"({"tool_name": "bash", "tool_name": "other", "message_type": "ACTION", "message_type": "ERROR"})",
        };
        const Insights insights = run(entries);
        QCOMPARE(insights.entries, 5);
        QVERIFY(!insights.firstFailure); // the first message_type counts
        QCOMPARE(insights.commands.size(), 1);
        QCOMPARE(insights.commands[0].entry, 4);
        QCOMPARE(insights.commands[0].tool, QStringLiteral("bash"));
        QCOMPARE(insights.commands[0].command, QStringLiteral("escaped"));
        QVERIFY(insights.files.isEmpty());
    }

    void cancelled()
    {
        Entries entries;
        for (int k = 0; k < 5000; ++k)
            entries << call("t");
        std::atomic<bool> cancel{true};
        const Insights insights = InsightsFinder::compute(entries, &cancel);
        QVERIFY(insights.cancelled);
        QVERIFY(insights.loops.isEmpty());
        std::atomic<bool> keepGoing{false};
        QCOMPARE(InsightsFinder::compute(entries, &keepGoing).loops.size(), 1);
    }

    void reportJson()
    {
        const QByteArray json = InsightsReport::toJson(run(smallRun()));
        QJsonParseError error;
        const QJsonDocument actual = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonDocument expected = QJsonDocument::fromJson(R"({
            "entries": 7,
            "loops": [{"period": 1, "repeats": 3, "first_entry": 1, "last_entry": 4,
                       "tools": ["run_bash_command"], "entries": [1, 2, 4]}],
            "repeated_failures": [{"signature": "pytest failed with N errors", "count": 2, "entries": [5, 7]}],
            "first_failure": {"entry": 5, "message_type": "ACTION", "tool_name": "run_bash_command",
                              "signature": "pytest failed with N errors"},
            "commands": [
                {"entry": 1, "tool": "run_bash_command", "command": "ls", "exit_code": 0, "failed": false},
                {"entry": 2, "tool": "run_bash_command", "command": "ls", "exit_code": 0, "failed": false},
                {"entry": 4, "tool": "run_bash_command", "command": "ls", "exit_code": 0, "failed": false},
                {"entry": 5, "tool": "run_bash_command", "command": "pytest -x", "exit_code": 1, "failed": true}],
            "files": [{"path": "src/app.py", "reads": 1, "writes": 1, "entries": [6, 7]}]
        })");
        QVERIFY(expected.isObject());
        QCOMPARE(actual.object(), expected.object());
        QCOMPARE(QJsonDocument::fromJson(InsightsReport::toJson(run({note()}))).object().value(QStringLiteral("first_failure")),
                 QJsonValue(QJsonValue::Null));
    }

    void reportTsv()
    {
        const QByteArray tsv = InsightsReport::toTsv(run(smallRun()));
        const QByteArray expected = "entries\t\t7\n"
                                    "loop\t1\t4\t1\t3\t1,2,4\trun_bash_command\n"
                                    "repeated_failure\t2\t5,7\tpytest failed with N errors\n"
                                    "first_failure\t5\tACTION\trun_bash_command\tpytest failed with N errors\n"
                                    "command\t1\t0\tfalse\trun_bash_command\tls\n"
                                    "command\t2\t0\tfalse\trun_bash_command\tls\n"
                                    "command\t4\t0\tfalse\trun_bash_command\tls\n"
                                    "command\t5\t1\ttrue\trun_bash_command\tpytest -x\n"
                                    "file\t1\t1\t6,7\tsrc/app.py\n";
        QCOMPARE(tsv, expected);
        // Tabs and line breaks in texts are escaped; a null is an empty field.
        const QByteArray odd = InsightsReport::toTsv(run({R"({"message_type": "ERROR", "tool_name": "a\tb", "tool_input": {"command": "x\ny"}})"}));
        QCOMPARE(odd, QByteArray("entries\t\t1\n"
                                 "first_failure\t1\tERROR\ta\\tb\t\n"
                                 "command\t1\t\ttrue\ta\\tb\tx\\ny\n"));
    }

private:
    static Entries smallRun()
    {
        return {
            R"({"message_type": "ACTION", "tool_name": "run_bash_command", "tool_input": {"command": "ls"}, "tool_output": {"exit_code": 0}})",
            R"({"message_type": "ACTION", "tool_name": "run_bash_command", "tool_input": {"command": "ls"}, "tool_output": {"exit_code": 0}})",
            R"({"message_type": "PLAN_EVALUATION", "tool_name": null, "thought": "again"})",
            R"({"message_type": "ACTION", "tool_name": "run_bash_command", "tool_input": {"command": "ls"}, "tool_output": {"exit_code": 0}})",
            R"({"message_type": "ACTION", "tool_name": "run_bash_command", "tool_input": {"command": "pytest -x"},
                "tool_output": {"exit_code": 1, "stderr": "pytest failed with 3 errors\nE  assert 1 == 2"}})",
            R"({"message_type": "ACTION", "tool_name": "view_file", "tool_input": {"path": "src/app.py"}})",
            R"({"message_type": "ERROR", "tool_name": "edit_file", "tool_input": {"path": "src/app.py"},
                "observation": "pytest failed with 12 errors"})",
        };
    }
};

QTEST_GUILESS_MAIN(TestInsights)
#include "tst_insights.moc"
