// SPDX-License-Identifier: MIT
// The Compare window's filters (a tool's or a message type's count clicked) and its search, over
// hand-written runs; the expected steps written out.
#include "compare/comparesearch.h"
#include "compare/comparestepfilter.h"
#include "compare/runcomparer.h"
#include "search/searchengine.h"

#include <QTest>

namespace {
QByteArray entry(const char *type, const char *tool, const char *thought)
{
    return QByteArray(R"({"agent_run_id":1,"message_type":")") + type + R"(","tool_name":")" + tool
           + R"(","tool_input":{},"thought":")" + thought + "\"}";
}

// Steps (from 0):  0 same ls | 1 same ls | 2 changed edit | 3 only_left ERROR | 4 only_right view_file
QList<QByteArray> leftRun()
{
    return {entry("ACTION", "ls", "look around"), entry("ACTION", "ls", "look again"),
            entry("ACTION", "edit", "fix the Parser"), entry("ERROR", "edit", "it broke: \\u00e9t\\u00e9")};
}
QList<QByteArray> rightRun()
{
    return {entry("ACTION", "ls", "look around"), entry("ACTION", "ls", "look again"),
            entry("ACTION", "edit", "fix the lexer"), entry("ACTION", "view_file", "read the parser")};
}
} // namespace

class TestCompareFilterSearch : public QObject
{
    Q_OBJECT
private slots:
    void theSteps();
    void filterByTool();
    void filterByMessageType();
    void search();
    void cancelled();
};

void TestCompareFilterSearch::theSteps()
{
    const RunComparison comparison = RunComparer::compare(leftRun(), rightRun());
    QCOMPARE(comparison.steps.size(), 5);
    QCOMPARE(comparison.steps.at(2).op, CompareStep::Changed);
    QCOMPARE(comparison.steps.at(3).op, CompareStep::OnlyLeft);
    QCOMPARE(comparison.steps.at(4).op, CompareStep::OnlyRight);
}

void TestCompareFilterSearch::filterByTool()
{
    const RunComparison comparison = RunComparer::compare(leftRun(), rightRun());
    using CompareStepFilter::Facet;
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::Tool, QStringLiteral("edit")}),
             (QVector<int>{2, 3}));
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::Tool, QStringLiteral("view_file")}),
             (QVector<int>{4}));
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::Tool, QStringLiteral("ls")}),
             (QVector<int>{0, 1}));
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::Tool, QStringLiteral("nope")}),
             QVector<int>{});
}

void TestCompareFilterSearch::filterByMessageType()
{
    const RunComparison comparison = RunComparer::compare(leftRun(), rightRun());
    using CompareStepFilter::Facet;
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::MessageType, QStringLiteral("ERROR")}),
             (QVector<int>{3}));
    QCOMPARE(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {Facet::MessageType, QStringLiteral("ACTION")}),
             (QVector<int>{0, 1, 2, 4}));
}

void TestCompareFilterSearch::search()
{
    const RunComparison comparison = RunComparer::compare(leftRun(), rightRun());
    using Hit = CompareSearch::Hit;
    // Case-insensitive by default: "parser" in the left's step 2 ("Parser") and the right's step 4.
    CompareSearch::Result result = CompareSearch::search(comparison.steps, leftRun(), rightRun(),
                                                         SearchEngine(SearchQuery{QStringLiteral("parser")}));
    QCOMPARE(result.hits, (QVector<Hit>{{2, true, false}, {4, false, true}}));
    QCOMPARE(result.matchingEntries, 2);
    // On both sides of the same steps.
    result = CompareSearch::search(comparison.steps, leftRun(), rightRun(), SearchEngine(SearchQuery{QStringLiteral("look")}));
    QCOMPARE(result.hits, (QVector<Hit>{{0, true, true}, {1, true, true}}));
    QCOMPARE(result.matchingEntries, 4);
    // The text as shown: escapes decoded.
    result = CompareSearch::search(comparison.steps, leftRun(), rightRun(), SearchEngine(SearchQuery{QStringLiteral("été")}));
    QCOMPARE(result.hits, (QVector<Hit>{{3, true, false}}));
    // Case-sensitive.
    SearchQuery sensitive{QStringLiteral("Parser")};
    sensitive.caseSensitive = true;
    result = CompareSearch::search(comparison.steps, leftRun(), rightRun(), SearchEngine(sensitive));
    QCOMPARE(result.hits, (QVector<Hit>{{2, true, false}}));
    // created_at and agent_run_id are not searched; an empty pattern finds nothing.
    result = CompareSearch::search(comparison.steps, leftRun(), rightRun(), SearchEngine(SearchQuery{QStringLiteral("agent_run_id")}));
    QVERIFY(result.hits.isEmpty());
    result = CompareSearch::search(comparison.steps, leftRun(), rightRun(), SearchEngine(SearchQuery{}));
    QVERIFY(result.hits.isEmpty());
}

void TestCompareFilterSearch::cancelled()
{
    const RunComparison comparison = RunComparer::compare(leftRun(), rightRun());
    std::atomic<bool> cancel{true};
    const CompareSearch::Result result = CompareSearch::search(comparison.steps, leftRun(), rightRun(),
                                                               SearchEngine(SearchQuery{QStringLiteral("look")}), &cancel);
    QVERIFY(result.cancelled);
    QVERIFY(result.hits.isEmpty());
    QVERIFY(CompareStepFilter::stepsWith(comparison, leftRun(), rightRun(), {CompareStepFilter::Facet::Tool, QStringLiteral("ls")}, &cancel)
                .isEmpty());
}

QTEST_APPLESS_MAIN(TestCompareFilterSearch)
#include "tst_comparefiltersearch.moc"
