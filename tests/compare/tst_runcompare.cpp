// SPDX-License-Identifier: MIT
// Two runs compared (issue 24) on hand-written pairs: every expected step is written out here by
// hand, never computed by the code under test; and the alignment's length beside a plain O(n·m)
// longest common subsequence on many small random runs.
#include "compare/alignment.h"
#include "compare/comparereport.h"
#include "compare/runcomparer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include <atomic>

namespace {

using Entries = QList<QByteArray>;
using Op = CompareStep::Op;

// A tool call with its input and output (raw JSON).
QByteArray call(const char *tool, const char *input = "{}", const char *output = "\"ok\"")
{
    return QByteArray("{\"message_type\": \"ACTION\", \"tool_name\": \"") + tool + "\", \"tool_input\": " + input
        + ", \"tool_output\": " + output + '}';
}

// Distinct entries a, b, c, … by name: a tool call each.
QByteArray e(char name)
{
    return call(QByteArray(1, name).constData());
}

Entries run(const char *names)
{
    Entries entries;
    for (const char *p = names; *p; ++p)
        entries.append(e(*p));
    return entries;
}

CompareStep same(int l, int r) { return {Op::Same, l, r}; }
CompareStep changed(int l, int r) { return {Op::Changed, l, r}; }
CompareStep onlyLeft(int l) { return {Op::OnlyLeft, l, 0}; }
CompareStep onlyRight(int r) { return {Op::OnlyRight, 0, r}; }

QString stepsText(const QVector<CompareStep> &steps)
{
    QStringList parts;
    for (const CompareStep &step : steps)
        parts << QStringLiteral("%1(%2,%3)").arg(QLatin1String(CompareReport::opName(step.op))).arg(step.leftEntry).arg(step.rightEntry);
    return parts.join(QLatin1Char(' '));
}

// The steps, and the counts that must agree with them.
void verifySteps(const RunComparison &comparison, const QVector<CompareStep> &expected)
{
    QCOMPARE(stepsText(comparison.steps), stepsText(expected));
    int counts[4] = {};
    for (const CompareStep &step : expected)
        ++counts[step.op];
    QCOMPARE(comparison.same, counts[Op::Same]);
    QCOMPARE(comparison.changed, counts[Op::Changed]);
    QCOMPARE(comparison.onlyLeft, counts[Op::OnlyLeft]);
    QCOMPARE(comparison.onlyRight, counts[Op::OnlyRight]);
}

// The plain dynamic programme: the length of a longest common subsequence.
int lcsLength(const QVector<quint64> &a, const QVector<quint64> &b)
{
    QVector<int> previous(b.size() + 1, 0);
    QVector<int> current(b.size() + 1, 0);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j)
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace

class TestRunCompare : public QObject
{
    Q_OBJECT

private slots:
    // The leading `same` steps, told before the alignment (the window's first screen).
    void prefixIsToldFirst()
    {
        QList<int> told;
        const auto tell = [&told](int leadingSame) { told << leadingSame; };
        RunComparer::compare(run("abcxd"), run("abcyd"), nullptr, tell);
        QCOMPARE(told, (QList<int>{3}));
        // A changed pair ends the prefix, as it ends the leading `same` steps.
        told.clear();
        const Entries left{e('a'), call("b", "{}", R"("one")"), e('c')};
        const Entries right{e('a'), call("b", "{}", R"("two")"), e('c')};
        RunComparer::compare(left, right, nullptr, tell);
        QCOMPARE(told, (QList<int>{1}));
        told.clear();
        RunComparer::compare(run("abc"), run("abc"), nullptr, tell);
        QCOMPARE(told, (QList<int>{3}));
        told.clear();
        RunComparer::compare(run("ab"), run("abc"), nullptr, tell);
        QCOMPARE(told, (QList<int>{2}));
        told.clear();
        RunComparer::compare(run("xab"), Entries{}, nullptr, tell);
        QCOMPARE(told, (QList<int>{0}));
    }

    void identicalRuns()
    {
        const RunComparison comparison = RunComparer::compare(run("abc"), run("abc"));
        verifySteps(comparison, {same(1, 1), same(2, 2), same(3, 3)});
        QVERIFY(!comparison.firstDivergence);
        QVERIFY(!comparison.cancelled);
    }

    void insertion()
    {
        const RunComparison comparison = RunComparer::compare(run("abc"), run("axbc"));
        verifySteps(comparison, {same(1, 1), onlyRight(2), same(2, 3), same(3, 4)});
        QCOMPARE(comparison.firstDivergence, 2);
    }

    void deletion()
    {
        const RunComparison comparison = RunComparer::compare(run("abc"), run("ac"));
        verifySteps(comparison, {same(1, 1), onlyLeft(2), same(3, 2)});
        QCOMPARE(comparison.firstDivergence, 2);
    }

    void changedOutputIsChanged()
    {
        const Entries left{e('a'), call("run_bash_command", R"({"command": "ls"})", R"("one")")};
        const Entries right{e('a'), call("run_bash_command", R"({"command": "ls"})", R"("two")")};
        const RunComparison comparison = RunComparer::compare(left, right);
        verifySteps(comparison, {same(1, 1), changed(2, 2)});
        QCOMPARE(comparison.firstDivergence, 2);
    }

    void changedThoughtOrObservationIsChanged()
    {
        const Entries left{R"({"message_type": "ACTION", "tool_name": "t", "thought": "x", "observation": null})"};
        const Entries thought{R"({"message_type": "ACTION", "tool_name": "t", "thought": "y", "observation": null})"};
        const Entries observation{R"({"message_type": "ACTION", "tool_name": "t", "thought": "x", "observation": "o"})"};
        verifySteps(RunComparer::compare(left, thought), {changed(1, 1)});
        verifySteps(RunComparer::compare(left, observation), {changed(1, 1)});
    }

    void changedInputIsAMismatch()
    {
        const Entries left{e('a'), call("run_bash_command", R"({"command": "ls"})")};
        const Entries right{e('a'), call("run_bash_command", R"({"command": "ls -l"})")};
        const RunComparison comparison = RunComparer::compare(left, right);
        verifySteps(comparison, {same(1, 1), onlyLeft(2), onlyRight(2)});
        QCOMPARE(comparison.firstDivergence, 2);
    }

    void otherMessageTypeOrToolIsAMismatch()
    {
        const Entries left{R"({"message_type": "ACTION", "tool_name": "t"})"};
        const Entries otherType{R"({"message_type": "ERROR", "tool_name": "t"})"};
        const Entries otherTool{R"({"message_type": "ACTION", "tool_name": "u"})"};
        verifySteps(RunComparer::compare(left, otherType), {onlyLeft(1), onlyRight(1)});
        verifySteps(RunComparer::compare(left, otherTool), {onlyLeft(1), onlyRight(1)});
    }

    void differentLengths()
    {
        const RunComparison comparison = RunComparer::compare(run("abcde"), run("ac"));
        verifySteps(comparison, {same(1, 1), onlyLeft(2), same(3, 2), onlyLeft(4), onlyLeft(5)});
        QCOMPARE(comparison.left.entries, 5);
        QCOMPARE(comparison.right.entries, 2);
    }

    void emptySide()
    {
        RunComparison comparison = RunComparer::compare({}, run("ab"));
        verifySteps(comparison, {onlyRight(1), onlyRight(2)});
        QCOMPARE(comparison.firstDivergence, 1);
        comparison = RunComparer::compare(run("a"), {});
        verifySteps(comparison, {onlyLeft(1)});
        QCOMPARE(comparison.firstDivergence, 1);
        comparison = RunComparer::compare({}, {});
        verifySteps(comparison, {});
        QVERIFY(!comparison.firstDivergence);
        QCOMPARE(comparison.left.entries, 0);
        QVERIFY(!comparison.left.durationSeconds);
    }

    void memberOrderAndNumberSpellingDoNotMatter()
    {
        const Entries left{R"({"message_type": "ACTION", "tool_name": "t", "tool_input": {"a": 1, "b": [1.0, 2, {"x": -0, "y": "\u0041"}]},
                              "tool_output": {"n": 10, "m": [true, null]}, "created_at": "2024-01-01T00:00:00Z", "id": 1})"};
        const Entries right{R"({"tool_output": {"m": [true, null], "n": 1e1}, "tool_input": {"b": [1, 2e0, {"y": "A", "x": 0}], "a": 1.0},
                               "tool_name": "t", "id": 2, "message_type": "ACTION", "created_at": "2025-06-01T10:00:00Z"})"};
        verifySteps(RunComparer::compare(left, right), {same(1, 1)});
    }

    void absentMembersAreNull()
    {
        const Entries left{R"({"message_type": "ACTION", "tool_name": null, "tool_input": null, "thought": null})"};
        const Entries right{R"({"message_type": "ACTION"})"};
        verifySteps(RunComparer::compare(left, right), {same(1, 1)});
        // A string "null" is no null, nor is a number its text.
        verifySteps(RunComparer::compare(left, {R"({"message_type": "ACTION", "tool_name": "null"})"}),
                    {onlyLeft(1), onlyRight(1)});
        verifySteps(RunComparer::compare({R"({"message_type": 1})"}, {R"({"message_type": "1"})"}),
                    {onlyLeft(1), onlyRight(1)});
    }

    void entriesThatAreNoObjectsMatchTheirOwnBytes()
    {
        const Entries left{"[1, 2]", "not json", e('a')};
        const Entries right{"[1, 2]", "not json!", e('a')};
        verifySteps(RunComparer::compare(left, right), {same(1, 1), onlyLeft(2), onlyRight(2), same(3, 3)});
    }

    void runComparedWithItself()
    {
        Entries entries;
        for (int i = 0; i < 200; ++i) {
            // Repeats on purpose: the same calls come back, as in a loop.
            const QByteArray input = "{\"command\": \"step " + QByteArray::number(i % 7) + "\"}";
            entries.append(call(i % 3 ? "run_bash_command" : "view_file", input.constData(), i % 5 ? "\"ok\"" : "{\"exit_code\": 1}"));
        }
        const RunComparison comparison = RunComparer::compare(entries, entries);
        QCOMPARE(comparison.same, 200);
        QCOMPARE(comparison.steps.size(), 200);
        for (int i = 0; i < 200; ++i)
            QCOMPARE(stepsText({comparison.steps[i]}), stepsText({same(i + 1, i + 1)}));
        QVERIFY(!comparison.firstDivergence);
    }

    // A greedy alignment that takes the first match it sees (x with x) keeps one pair; the
    // longest keeps three.
    void longerThanGreedy()
    {
        verifySteps(RunComparer::compare(run("xabc"), run("abcx")),
                    {onlyLeft(1), same(2, 1), same(3, 2), same(4, 3), onlyRight(4)});
        verifySteps(RunComparer::compare(run("abcxy"), run("xyabc")),
                    {onlyRight(1), onlyRight(2), same(1, 3), same(2, 4), same(3, 5), onlyLeft(4), onlyLeft(5)});
        // Greedy on the right's first entry (b) would pair it with the left's b and lose a, c, d.
        verifySteps(RunComparer::compare(run("acdb"), run("bacd")),
                    {onlyRight(1), same(1, 2), same(2, 3), same(3, 4), onlyLeft(4)});
    }

    void firstDivergenceCountsLeadingSameOnly()
    {
        const Entries left{e('a'), e('b'), call("c", "{}", "\"one\""), e('d')};
        const Entries right{e('a'), e('b'), call("c", "{}", "\"two\""), e('d')};
        RunComparison comparison = RunComparer::compare(left, right);
        verifySteps(comparison, {same(1, 1), same(2, 2), changed(3, 3), same(4, 4)});
        QCOMPARE(comparison.firstDivergence, 3);
        // A leading changed pair ends the leading stretch at once.
        comparison = RunComparer::compare({call("a", "{}", "1")}, {call("a", "{}", "2")});
        verifySteps(comparison, {changed(1, 1)});
        QCOMPARE(comparison.firstDivergence, 1);
        // Only the trailing entries differ.
        comparison = RunComparer::compare(run("abc"), run("ab"));
        verifySteps(comparison, {same(1, 1), same(2, 2), onlyLeft(3)});
        QCOMPARE(comparison.firstDivergence, 3);
    }

    void sidesAsStatsCountThem()
    {
        const Entries left{
            R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "run_bash_command", "created_at": "2024-01-01T00:00:00Z"})",
            R"({"agent_run_id": 1, "message_type": "error", "tool_name": null, "created_at": "2024-01-01T00:00:10.5Z"})",
            R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "run_bash_command", "created_at": "2024-01-01T00:01:00Z"})",
        };
        const Entries right{
            R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "view_file"})",
            R"({"agent_run_id": 1, "tool_name": "run_bash_command", "created_at": "2024-01-01T00:00:00Z"})",
        };
        const RunComparison comparison = RunComparer::compare(left, right);
        QCOMPARE(comparison.left.entries, 3);
        QCOMPARE(comparison.left.errors, 1);
        QCOMPARE(comparison.left.durationSeconds, 60.0);
        QCOMPARE(comparison.right.errors, 0);
        QCOMPARE(comparison.right.durationSeconds, 0.0);
        QCOMPARE(comparison.tools.keys(), (QStringList{QStringLiteral("run_bash_command"), QStringLiteral("view_file")}));
        QCOMPARE(comparison.tools.value(QStringLiteral("run_bash_command")).left, 2);
        QCOMPARE(comparison.tools.value(QStringLiteral("run_bash_command")).right, 1);
        QCOMPARE(comparison.tools.value(QStringLiteral("view_file")).left, 0);
        QCOMPARE(comparison.tools.value(QStringLiteral("view_file")).right, 1);
        QCOMPARE(comparison.messageTypes.keys(), (QStringList{QStringLiteral("ACTION"), QStringLiteral("error")}));
        QCOMPARE(comparison.messageTypes.value(QStringLiteral("ACTION")).left, 2);
        QCOMPARE(comparison.messageTypes.value(QStringLiteral("ACTION")).right, 1);
        QCOMPARE(comparison.messageTypes.value(QStringLiteral("error")).left, 1);
    }

    void alignmentIsLongestOnRandomRuns()
    {
        // Small alphabets repeat keys (many longest subsequences); large ones leave keys on one
        // side only (which the alignment leaves out before Myers' diff).
        QRandomGenerator random(24);
        for (int round = 0; round < 5000; ++round) {
            const int alphabet = 1 + int(random.bounded(round % 2 ? 4 : 40));
            QVector<quint64> a(int(random.bounded(24)));
            QVector<quint64> b(int(random.bounded(24)));
            for (quint64 &key : a)
                key = random.bounded(alphabet);
            for (quint64 &key : b)
                key = random.bounded(alphabet);
            const Alignment::Matches matches = Alignment::longestCommonSubsequence(a, b);
            int matched = 0;
            int lastRight = -1;
            for (qsizetype i = 0; i < a.size(); ++i) {
                const int j = matches.rightOfLeft[i];
                if (j < 0)
                    continue;
                QVERIFY(j > lastRight && j < b.size()); // in order, each right entry once
                QCOMPARE(a[i], b[j]);
                lastRight = j;
                ++matched;
            }
            QCOMPARE(matched, lcsLength(a, b));
        }
    }

    // Long runs with little in common: 20 shared keys, in order, among 20,000 of each side's own.
    void unrelatedRunsKeepWhatTheyShare()
    {
        QVector<quint64> a, b;
        for (quint64 i = 0; i < 20000; ++i) {
            a.append(i % 1000 == 500 ? 1000000 + i : 2000000 + i);
            b.append(i % 1000 == 700 ? 1000000 + i - 200 : 3000000 + i);
        }
        const Alignment::Matches matches = Alignment::longestCommonSubsequence(a, b);
        QVector<int> expected(20000, -1);
        for (int k = 0; k < 20; ++k)
            expected[k * 1000 + 500] = k * 1000 + 700;
        QCOMPARE(matches.rightOfLeft, expected);
    }

    void comparisonIsLongestOnRandomRuns()
    {
        QRandomGenerator random(2024);
        for (int round = 0; round < 300; ++round) {
            const char names[] = "abcd";
            const int alphabet = 1 + int(random.bounded(4));
            QByteArray left, right;
            for (int i = int(random.bounded(12)); i > 0; --i)
                left += names[random.bounded(alphabet)];
            for (int i = int(random.bounded(12)); i > 0; --i)
                right += names[random.bounded(alphabet)];
            const RunComparison comparison = RunComparer::compare(run(left.constData()), run(right.constData()));
            QVector<quint64> a, b;
            for (char c : left)
                a.append(quint64(c));
            for (char c : right)
                b.append(quint64(c));
            QCOMPARE(comparison.same + comparison.changed, lcsLength(a, b));
            QCOMPARE(comparison.same + comparison.changed + comparison.onlyLeft, int(left.size()));
            QCOMPARE(comparison.same + comparison.changed + comparison.onlyRight, int(right.size()));
            // Each side's entries once, in order; a pair's entries are equal.
            int nextLeft = 1, nextRight = 1;
            for (const CompareStep &step : comparison.steps) {
                if (step.op != Op::OnlyRight)
                    QCOMPARE(step.leftEntry, nextLeft++);
                if (step.op != Op::OnlyLeft)
                    QCOMPARE(step.rightEntry, nextRight++);
                if (step.op == Op::Same || step.op == Op::Changed)
                    QCOMPARE(left[step.leftEntry - 1], right[step.rightEntry - 1]);
            }
            QCOMPARE(nextLeft, int(left.size()) + 1);
            QCOMPARE(nextRight, int(right.size()) + 1);
        }
    }

    void cancelled()
    {
        const std::atomic<bool> cancel{true};
        QVERIFY(RunComparer::compare(run("abc"), run("abd"), &cancel).cancelled);
    }

    void jsonReport()
    {
        const Entries left{R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "t", "created_at": "2024-01-01T00:00:00Z"})",
                           R"({"agent_run_id": 1, "message_type": "ERROR", "tool_name": null, "created_at": "2024-01-01T00:00:01.5Z"})"};
        const Entries right{R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "t"})", R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "u"})"};
        const QByteArray json = CompareReport::toJson(RunComparer::compare(left, right), QStringLiteral("a.json"), QStringLiteral("12345"));
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        // The members in the contract's order.
        const char *order[] = {"\"left\"", "\"right\"", "\"first_divergence\"", "\"counts\"", "\"steps\"", "\"tools\"", "\"message_types\""};
        qsizetype at = 0;
        for (const char *member : order) {
            const qsizetype found = json.indexOf(member, at);
            QVERIFY2(found > at, member);
            at = found;
        }
        QCOMPARE(root.value(QStringLiteral("left")).toObject(),
                 QJsonDocument::fromJson(R"({"source": "a.json", "entries": 2, "errors": 1, "duration_seconds": 1.5})").object());
        QCOMPARE(root.value(QStringLiteral("right")).toObject(),
                 QJsonDocument::fromJson(R"({"source": "12345", "entries": 2, "errors": 0, "duration_seconds": null})").object());
        QCOMPARE(root.value(QStringLiteral("first_divergence")).toObject(),
                 QJsonDocument::fromJson(R"({"left_entry": 2, "right_entry": 2})").object());
        QCOMPARE(root.value(QStringLiteral("counts")).toObject(),
                 QJsonDocument::fromJson(R"({"same": 1, "changed": 0, "only_left": 1, "only_right": 1})").object());
        QCOMPARE(root.value(QStringLiteral("steps")).toArray(), QJsonDocument::fromJson(R"([
            {"op": "same", "left_entry": 1, "right_entry": 1},
            {"op": "only_left", "left_entry": 2, "right_entry": null},
            {"op": "only_right", "left_entry": null, "right_entry": 2}])").array());
        QCOMPARE(root.value(QStringLiteral("tools")).toObject(),
                 QJsonDocument::fromJson(R"({"t": {"left": 1, "right": 1}, "u": {"left": 0, "right": 1}})").object());
        QCOMPARE(root.value(QStringLiteral("message_types")).toObject(),
                 QJsonDocument::fromJson(R"({"ACTION": {"left": 1, "right": 2}, "ERROR": {"left": 1, "right": 0}})").object());
    }

    void tsvReport()
    {
        const Entries left{R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "t\tx"})", R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "u"})"};
        const Entries right{R"({"agent_run_id": 1, "message_type": "ACTION", "tool_name": "t\tx", "thought": "new"})"};
        const QByteArray tsv = CompareReport::toTsv(RunComparer::compare(left, right), QStringLiteral("a\nb.json"), QStringLiteral("7"));
        QCOMPARE(tsv, QByteArray("side\tleft\t2\t0\t\ta\\nb.json\n"
                                 "side\tright\t1\t0\t\t7\n"
                                 "first_divergence\t1\t1\n"
                                 "count\tsame\t0\n"
                                 "count\tchanged\t1\n"
                                 "count\tonly_left\t1\n"
                                 "count\tonly_right\t0\n"
                                 "tool\t1\t1\tt\\tx\n"
                                 "tool\t1\t0\tu\n"
                                 "message_type\t2\t1\tACTION\n"
                                 "changed\t1\t1\n"
                                 "only_left\t2\t\n"));
    }
};

QTEST_GUILESS_MAIN(TestRunCompare)
#include "tst_runcompare.moc"
