// SPDX-License-Identifier: MIT
// Search what the pane shows (issue 27, stumble 1): queries copied from the detail pane's
// Readable (and JSON) text of a small hand-made run find the entries that show them, with the
// entries (numbered from 1) written by hand. Plain words search as before.

#include "run/entrytext.h"
#include "search/queryevaluator.h"
#include "search/querylanguage.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchtext.h"

#include <QTest>

namespace {

using Mode = EntryText::Mode;

// What the pane shows of each entry, in Readable mode, is in the comment above it.
const char *const kRun[] = {
    // tool_input: command: pytest -q / timeout: 120
    // tool_output: exit_code: 0 / summary: Command succeeded / stdout: all passed
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "run_command",
        "tool_input": {"command": "pytest -q", "timeout": 120},
        "tool_output": {"exit_code": 0, "summary": "Command succeeded", "stdout": "all passed"}})",
    // tool_input: command: pytest / timeout: 45
    // tool_output: exit_code: 1 / summary: Command failed / stderr: AssertionError: 2 != 3
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "run_command",
        "tool_input": {"command": "pytest", "timeout": 45},
        "tool_output": {"exit_code": 1, "summary": "Command failed", "stderr": "AssertionError: 2 != 3"}})",
    // Thought: Check the timeout: it was 30 seconds
    R"({"agent_run_id": 7, "message_type": "PLAN_EVALUATION", "thought": "Check the timeout: it was 30 seconds"})",
    // tool_input: files: / - src/a.cpp / - src/b.cpp
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "read_files",
        "tool_input": {"files": ["src/a.cpp", "src/b.cpp"]}})",
    // summary: Command succeeded (written with an escape in the JSON)
    R"({"agent_run_id": 7, "message_type": "ACTION", "tool_name": "run_command",
        "tool_output": {"summary": "Command succ\u0065eded"}})",
    // Other fields: review_state: approved
    R"({"agent_run_id": 7, "message_type": "PR_EVALUATION", "review_state": "approved"})",
};
constexpr int kEntries = int(sizeof(kRun) / sizeof(kRun[0]));

SearchCorpus corpus()
{
    SearchCorpus c;
    for (int k = 0; k < kEntries; ++k)
        c.setText(k, SearchText::fromRawEntryJson(QByteArray(kRun[k])));
    return c;
}

// Entries (from 1) that a query of the bar finds, the pane in `mode`.
QList<int> found(const QString &query, Mode mode = Mode::Readable)
{
    const ParsedQuery parsed = QueryLanguage::parse(query);
    if (!parsed.isValid())
        return {-1};
    QueryEvaluator evaluator(parsed, QueryEvaluator::Options{false, false, mode});
    const SearchCorpus c = corpus();
    QList<int> entries;
    for (int row = 0; row < c.size(); ++row) {
        if (evaluator.countMatches(row, c.at(row)) > 0)
            entries << row + 1;
    }
    return entries;
}

// The same with the bar's regex toggle on (the whole text one expression).
QList<int> foundByRegex(const QString &pattern, Mode mode = Mode::Readable)
{
    QueryEvaluator evaluator(QueryLanguage::wholeRegex(pattern), QueryEvaluator::Options{false, false, mode});
    const SearchCorpus c = corpus();
    QList<int> entries;
    for (int row = 0; row < c.size(); ++row) {
        if (evaluator.countMatches(row, c.at(row)) > 0)
            entries << row + 1;
    }
    return entries;
}

} // namespace

class TestShownSearch : public QObject
{
    Q_OBJECT

private slots:
    void queriesCopiedFromThePane_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<int>>("entries");
        QTest::newRow("exit_code: 0") << QStringLiteral("exit_code: 0") << QList<int>{1};
        QTest::newRow("exit_code: 1 as a phrase") << QStringLiteral("\"exit_code: 1\"") << QList<int>{2};
        // Words are each anywhere, as always: entry 1 shows "exit_code:" and "120".
        QTest::newRow("exit_code: 1 as words") << QStringLiteral("exit_code: 1") << QList<int>{1, 2};
        QTest::newRow("exit_code: 9") << QStringLiteral("exit_code: 9") << QList<int>{};
        QTest::newRow("timeout: 120") << QStringLiteral("timeout: 120") << QList<int>{1};
        QTest::newRow("timeout: as a phrase") << QStringLiteral("\"timeout: 45\"") << QList<int>{2};
        QTest::newRow("summary: Command succeeded") << QStringLiteral("summary: Command succeeded") << QList<int>{1, 5};
        QTest::newRow("summary phrase") << QStringLiteral("\"summary: Command succeeded\"") << QList<int>{1, 5};
        QTest::newRow("summary: Command failed") << QStringLiteral("\"summary: Command failed\"") << QList<int>{2};
        QTest::newRow("a value's own colon") << QStringLiteral("\"stderr: AssertionError: 2 != 3\"") << QList<int>{2};
        QTest::newRow("a list item") << QStringLiteral("\"- src/b.cpp\"") << QList<int>{4};
        QTest::newRow("a key above a list") << QStringLiteral("files:") << QList<int>{4};
        QTest::newRow("another field") << QStringLiteral("\"review_state: approved\"") << QList<int>{6};
        QTest::newRow("a thought's words") << QStringLiteral("\"timeout: it was\"") << QList<int>{3};
        QTest::newRow("key of one, value of another") << QStringLiteral("\"exit_code: Command\"") << QList<int>{};
        // Headings are the pane's titles, not the entry's text.
        QTest::newRow("a heading") << QStringLiteral("\"Tool output\"") << QList<int>{};
        QTest::newRow("JSON's quotes in Readable") << QStringLiteral("\"\\\"timeout\\\": 120\"") << QList<int>{};
    }

    void queriesCopiedFromThePane()
    {
        QFETCH(QString, query);
        QFETCH(QList<int>, entries);
        QCOMPARE(found(query), entries);
    }

    void plainWordsAsBefore_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<int>>("entries");
        QTest::newRow("a key") << QStringLiteral("exit_code") << QList<int>{1, 2};
        QTest::newRow("a value") << QStringLiteral("succeeded") << QList<int>{1, 5};
        QTest::newRow("the tool, shown in the table") << QStringLiteral("run_command") << QList<int>{1, 2, 5};
        QTest::newRow("the type, shown in the table") << QStringLiteral("PLAN_EVALUATION") << QList<int>{3};
        QTest::newRow("a value's phrase") << QStringLiteral("\"Command succeeded\"") << QList<int>{1, 5};
    }

    void plainWordsAsBefore()
    {
        QFETCH(QString, query);
        QFETCH(QList<int>, entries);
        QCOMPARE(found(query), entries);
    }

    void regexOverTheShownText()
    {
        QCOMPARE(foundByRegex(QStringLiteral("exit_code: [01]")), (QList<int>{1, 2}));
        QCOMPARE(foundByRegex(QStringLiteral("summary: Command \\w+ed")), (QList<int>{1, 2, 5}));
        QCOMPARE(foundByRegex(QStringLiteral("timeout: \\d{3}")), (QList<int>{1}));
        QCOMPARE(foundByRegex(QStringLiteral("^- src/a")), (QList<int>{}));
    }

    void jsonModeSearchesTheJsonView()
    {
        // The JSON view shows "timeout": 120 and "exit_code": 0.
        QCOMPARE(found(QStringLiteral("\"\\\"timeout\\\": 120\""), Mode::Json), (QList<int>{1}));
        QCOMPARE(foundByRegex(QStringLiteral("\"exit_code\": 0,"), Mode::Json), (QList<int>{1}));
        QCOMPARE(foundByRegex(QStringLiteral("\"exit_code\": 0,"), Mode::Readable), (QList<int>{}));
        // Readable's form is not the JSON view's.
        QCOMPARE(found(QStringLiteral("\"timeout: 120\""), Mode::Json), (QList<int>{}));
        // Plain words as before, whatever the mode.
        QCOMPARE(found(QStringLiteral("succeeded"), Mode::Json), (QList<int>{1, 5}));
    }

    void countsOnTheShownText()
    {
        SearchQuery query;
        query.pattern = QStringLiteral("exit_code: ");
        const SearchEngine engine(query, Mode::Readable);
        QVERIFY(engine.searchesShownText());
        QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(QByteArray(kRun[0]))), 1);
        QVERIFY(!SearchEngine(query).searchesShownText()); // only when asked
        query.pattern = QStringLiteral("exit_code");
        QVERIFY(!SearchEngine(query, Mode::Readable).searchesShownText());
    }

    void highlightHitsTheShownText()
    {
        // The pane highlights with the query's highlight expression over the text it shows.
        const QString shown = EntryText::render(QByteArray(kRun[0]), Mode::Readable).text;
        QueryEvaluator evaluator(QueryLanguage::parse(QStringLiteral("\"summary: Command succeeded\"")), {});
        const SearchEngine highlight(evaluator.highlightQuery());
        const QList<TextRange> ranges = highlight.findRanges(shown);
        QCOMPARE(ranges.size(), 1);
        QCOMPARE(shown.mid(ranges.at(0).start, ranges.at(0).length), QStringLiteral("summary: Command succeeded"));
    }

    void searchableTextLeavesOutHeadings()
    {
        const QString text = EntryText::searchable(QByteArray(kRun[0]), Mode::Readable);
        QCOMPARE(text, QStringLiteral("command: pytest -q\ntimeout: 120\n\n"
                                      "exit_code: 0\nsummary: Command succeeded\nstdout: all passed\n\n"));
    }
};

QTEST_GUILESS_MAIN(TestShownSearch)
#include "tst_shownsearch.moc"
