// SPDX-License-Identifier: MIT
// The query language (issue 25): a table of queries over a small hand-made run, each with the
// entries it must return (written by hand, numbered from 1), and the errors with their
// positions. Every key, every operator, quoting, escapes, OR precedence.

#include "search/queryevaluator.h"
#include "search/queryfacts.h"
#include "search/querylanguage.h"
#include "search/searchcorpus.h"
#include "search/searchtext.h"

#include <QDateTime>
#include <QTest>

#include <memory>

namespace {

struct HandEntry
{
    const char *type;
    const char *tool;      // nullptr: no tool
    const char *time;      // UTC
    const char *members;   // the rest of the entry's JSON members
};

// The run. Times give these gaps: 2:10s 3:10s 4:40s 5:5s 6:5s 7:5s 8:1h28m45s 9:30s 10:14m30s.
// Entries 5-7 are one call three times (a loop); 4 (ERROR) and 5-7 (exit code 1) are failures.
const HandEntry kRun[] = {
    {"USER_MESSAGE", nullptr, "2025-06-01T12:00:00Z", R"("observation": "Please fix the login bug")"},
    {"ACTION", "bash", "2025-06-01T12:00:10Z",
     R"("thought": "look for login", "tool_input": {"command": "grep -rn login src"}, "tool_output": {"exit_code": 0, "stdout": "src/auth.py: def login"})"},
    {"ACTION", "grep_search", "2025-06-01T12:00:20Z",
     R"("tool_input": {"pattern": "Traceback"}, "tool_output": "no matches")"},
    {"ERROR", nullptr, "2025-06-01T12:01:00Z",
     R"("observation": "Traceback (most recent call last):\n  File \"x.py\", line 3")"},
    {"ACTION", "bash", "2025-06-01T12:01:05Z",
     R"("thought": "Run the \"tests\"", "tool_input": {"command": "pytest"}, "tool_output": {"exit_code": 1, "stdout": "1 failed"})"},
    {"ACTION", "bash", "2025-06-01T12:01:10Z", R"("tool_input": {"command": "pytest"}, "tool_output": {"exit_code": 1})"},
    {"ACTION", "bash", "2025-06-01T12:01:15Z", R"("tool_input": {"command": "pytest"}, "tool_output": {"exit_code": 1})"},
    {"PLAN_EVALUATION", nullptr, "2025-06-01T13:30:00Z", R"("thought": "The tests FAIL because of login")"},
    {"ACTION", "str_replace_editor", "2025-06-01T13:30:30Z",
     R"("tool_input": {"path": "src/auth.py", "new_str": "fixed login"}, "tool_output": {"result": "ok"})"},
    {"FINAL_ANSWER", nullptr, "2025-06-01T13:45:00Z", R"("observation": "Fixed the login bug: café")"},
};
constexpr int kEntries = int(sizeof(kRun) / sizeof(kRun[0]));

QByteArray jsonOf(const HandEntry &e)
{
    QByteArray json = "{\"agent_run_id\": 42, \"created_at\": \"" + QByteArray(e.time) + "\", \"message_type\": \""
        + e.type + "\", \"tool_name\": " + (e.tool ? "\"" + QByteArray(e.tool) + "\"" : QByteArray("null"));
    return json + ", " + e.members + "}";
}

SearchCorpus corpus()
{
    SearchCorpus c;
    for (int k = 0; k < kEntries; ++k)
        c.setText(k, SearchText::fromRawEntryJson(jsonOf(kRun[k])));
    return c;
}

QueryFacts facts(bool withNotes)
{
    QStringList types, tools;
    QVector<qint64> times;
    for (const HandEntry &e : kRun) {
        types << QString::fromLatin1(e.type);
        tools << (e.tool ? QString::fromLatin1(e.tool) : QString());
        times << QDateTime::fromString(QString::fromLatin1(e.time), Qt::ISODate).toMSecsSinceEpoch();
    }
    QueryFacts f = QueryFacts::fromEntries(types, tools, times, {1, 7}); // entries 2 and 8 marked
    f.timeZone = QTimeZone::utc();
    if (withNotes)
        f.hasNote = [](int entry) { return entry == 9; }; // entry 10
    return f;
}

// Entries (from 1) the query returns over the run, with the bar's toggles off.
QList<int> found(const char *text, bool withNotes = true, QueryEvaluator::Options options = {})
{
    const ParsedQuery parsed = QueryLanguage::parse(QString::fromUtf8(text));
    if (!parsed.isValid())
        return {-1};
    QueryEvaluator evaluator(parsed, options, facts(withNotes));
    const SearchCorpus c = corpus();
    evaluator.prepare(c);
    QList<int> entries;
    for (int row = 0; row < c.size(); ++row) {
        if (evaluator.countMatches(row, c.at(row)) > 0)
            entries << row + 1;
    }
    return entries;
}

QString q(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class TestQueryLanguage : public QObject
{
    Q_OBJECT
private slots:
    void queries_data();
    void queries();
    void toggles();
    void notesAbsent();
    void matchCounts();
    void notesAreOneMoreField_data();
    void notesAreOneMoreField();
    void noteMatchCounts();
    void errors_data();
    void errors();
    void libraryKeys();
    void highlight();
    void quoting();
    void libraryEvaluation();
    void rewritingKeys();
};

void TestQueryLanguage::queries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("entries");
    using L = QList<int>;
    // Words: case-insensitive substrings, all of them, any field.
    QTest::addRow("word") << q("login") << L{1, 2, 8, 9, 10};
    QTest::addRow("word any case") << q("LOGIN") << L{1, 2, 8, 9, 10};
    QTest::addRow("two words, any fields") << q("login bug") << L{1, 10};
    QTest::addRow("words in different fields") << q("pytest failed") << L{5};
    QTest::addRow("non-ASCII word, folded") << q("CAFÉ") << L{10};
    QTest::addRow("no match") << q("kubernetes") << L{};
    QTest::addRow("path-like word is no regex") << q("/auth.py") << L{2, 9};
    QTest::addRow("word with a slash") << q("src/auth.py") << L{2, 9};
    QTest::addRow("capitalised word") << q("Traceback") << L{3, 4};
    QTest::addRow("key-like word with capitals is a word") << q("Error:x") << L{};
    QTest::addRow("word ending in colon is a word") << q("bug:") << L{10};
    QTest::addRow("lower-case or is a word") << q("login or") << L{2, 9}; // "for", "editor"
    // Phrases and their escapes.
    QTest::addRow("phrase") << q("\"login bug\"") << L{1, 10};
    QTest::addRow("phrase is one needle") << q("\"fix the\"") << L{1};
    QTest::addRow("phrase with escaped quotes") << q("\"Run the \\\"tests\\\"\"") << L{5};
    QTest::addRow("phrase keeps OR") << q("\"login OR\"") << L{};
    // Regular expressions.
    QTest::addRow("regex is case-sensitive") << q("/trace.*last/") << L{};
    QTest::addRow("regex with i flag") << q("/trace.*last/i") << L{4};
    QTest::addRow("regex") << q("/Trace/") << L{3, 4};
    QTest::addRow("regex class") << q("/log[a-z]n/") << L{1, 2, 8, 9, 10};
    QTest::addRow("regex with escaped slash") << q("/src\\/auth/") << L{2, 9};
    // Exclusion.
    QTest::addRow("minus word") << q("login -bug") << L{2, 8, 9};
    QTest::addRow("minus phrase") << q("login -\"login bug\"") << L{2, 8, 9};
    QTest::addRow("minus regex") << q("-/login/") << L{3, 4, 5, 6, 7};
    QTest::addRow("minus key") << q("-tool:bash type:action") << L{3, 9};
    QTest::addRow("double dash is a word") << q("--") << L{};
    QTest::addRow("minus word in a key") << q("-rn") << L{1, 4, 5, 6, 7, 8, 9, 10}; // "-rn", "pattern"
    QTest::addRow("dash and digit is a word") << q("-1") << L{};
    // OR, and AND binding tighter.
    QTest::addRow("or") << q("login OR pytest") << L{1, 2, 5, 6, 7, 8, 9, 10};
    QTest::addRow("and before or") << q("login bug OR pytest") << L{1, 5, 6, 7, 10};
    QTest::addRow("or before and") << q("pytest OR login bug") << L{1, 5, 6, 7, 10};
    QTest::addRow("or of keys") << q("type:error OR tool:grep") << L{3, 4};
    QTest::addRow("three alternatives") << q("entry:1 OR entry:5 OR entry:10") << L{1, 5, 10};
    // type: and tool: prefix, any case, lists.
    QTest::addRow("type") << q("type:error") << L{4};
    QTest::addRow("type prefix any case") << q("type:ERR") << L{4};
    QTest::addRow("type action") << q("type:action") << L{2, 3, 5, 6, 7, 9};
    QTest::addRow("type list") << q("type:user,final") << L{1, 10};
    QTest::addRow("type quoted") << q("type:\"plan_evaluation\"") << L{8};
    QTest::addRow("tool") << q("tool:bash") << L{2, 5, 6, 7};
    QTest::addRow("tool list any case") << q("tool:BASH,grep") << L{2, 3, 5, 6, 7};
    QTest::addRow("tool prefix") << q("tool:str") << L{9};
    QTest::addRow("tool with word") << q("tool:bash login") << L{2};
    QTest::addRow("any tool") << q("tool:*") << L{2, 3, 5, 6, 7, 9};
    QTest::addRow("no tool") << q("-tool:*") << L{1, 4, 8, 10};
    // field:
    QTest::addRow("field thought") << q("field:thought login") << L{2, 8};
    QTest::addRow("field observation") << q("field:observation login") << L{1, 10};
    QTest::addRow("field list") << q("field:tool_input,tool_output login") << L{2, 9};
    QTest::addRow("field alone: entries with it") << q("field:thought") << L{2, 5, 8};
    QTest::addRow("field with regex") << q("field:observation /Trace/") << L{4};
    QTest::addRow("field without field") << q("-field:tool_input type:action") << L{};
    // entry:
    QTest::addRow("entry") << q("entry:3") << L{3};
    QTest::addRow("entry range") << q("entry:3..5") << L{3, 4, 5};
    QTest::addRow("entry greater") << q("entry:>8") << L{9, 10};
    QTest::addRow("entry at least") << q("entry:>=9") << L{9, 10};
    QTest::addRow("entry less") << q("entry:<3") << L{1, 2};
    QTest::addRow("entry up to") << q("entry:..2") << L{1, 2};
    QTest::addRow("entry from") << q("entry:9..") << L{9, 10};
    QTest::addRow("entry excluded") << q("login -entry:1..8") << L{9, 10};
    // gap:
    QTest::addRow("gap more than") << q("gap:>30s") << L{4, 8, 10};
    QTest::addRow("gap at least") << q("gap:30s") << L{4, 8, 9, 10};
    QTest::addRow("gap range minutes to hour") << q("gap:1m..1h") << L{10};
    QTest::addRow("gap less") << q("gap:<10s") << L{5, 6, 7};
    QTest::addRow("gap hours") << q("gap:>1h") << L{8};
    QTest::addRow("gap bare seconds") << q("gap:>=40") << L{4, 8, 10};
    QTest::addRow("gap fraction") << q("gap:>1.5m") << L{8, 10};
    // time: (UTC in this test)
    QTest::addRow("time range") << q("time:12:00..12:01") << L{1, 2, 3, 4, 5, 6, 7};
    QTest::addRow("time minute") << q("time:13:30") << L{8, 9};
    QTest::addRow("time after") << q("time:>13:30") << L{10};
    QTest::addRow("time second") << q("time:12:00:10") << L{2};
    QTest::addRow("time before") << q("time:<12:01") << L{1, 2, 3};
    QTest::addRow("time past midnight") << q("time:13:40..01:00") << L{10};
    // is:, has:
    QTest::addRow("marked") << q("is:marked") << L{2, 8};
    QTest::addRow("not marked with word") << q("login -is:marked") << L{1, 9, 10};
    QTest::addRow("failure") << q("is:failure") << L{4, 5, 6, 7};
    QTest::addRow("loop") << q("is:loop") << L{5, 6, 7};
    QTest::addRow("failure or marked list") << q("is:marked,loop") << L{2, 5, 6, 7, 8};
    QTest::addRow("note") << q("has:note") << L{10};
    QTest::addRow("note or marked") << q("has:note OR is:marked") << L{2, 8, 10};
    // Keys with text.
    QTest::addRow("everything") << q("type:action tool:bash -pytest gap:<1m entry:..5 time:12:00..12:00") << L{2};
}

void TestQueryLanguage::queries()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, entries);
    QCOMPARE(found(query.toUtf8().constData()), entries);
}

void TestQueryLanguage::toggles()
{
    // The bar's Aa and W apply to words and phrases, not to a /regex/ or its i flag.
    QCOMPARE(found("LOGIN", true, {true, false}), QList<int>{});
    QCOMPARE(found("Traceback", true, {true, false}), (QList<int>{3, 4}));
    QCOMPARE(found("/login/i", true, {true, false}), (QList<int>{1, 2, 8, 9, 10}));
    QCOMPARE(found("fix", true, {false, true}), (QList<int>{1}));
    QCOMPARE(found("fix", true, {false, false}), (QList<int>{1, 9, 10}));
    // The regex toggle: the whole text one expression, as before the language.
    const ParsedQuery whole = QueryLanguage::wholeRegex(QStringLiteral("login bug|pytest"));
    QVERIFY(whole.isValid());
    QCOMPARE(whole.groups.size(), 1);
    QCOMPARE(whole.groups.first().first().kind, QueryTerm::Kind::Regex);
    QCOMPARE(whole.groups.first().first().text, QStringLiteral("login bug|pytest"));
    const ParsedQuery bad = QueryLanguage::wholeRegex(QStringLiteral("a(b"));
    QCOMPARE(bad.errorPosition, 3);
}

void TestQueryLanguage::notesAbsent()
{
    // Without notes has:note parses, matches nothing, and is not offered.
    QVERIFY(QueryLanguage::parse(QStringLiteral("has:note")).isValid());
    QCOMPARE(found("has:note", false), QList<int>{});
    QCOMPARE(found("-has:note entry:1", false), QList<int>{1});
    QVERIFY(!QueryLanguage::keys(QueryLanguage::Scope::Run, false).contains(QStringLiteral("has")));
    QVERIFY(QueryLanguage::keys(QueryLanguage::Scope::Run, true).contains(QStringLiteral("has")));
    QVERIFY(QueryLanguage::fixedValues(QStringLiteral("has"), false).isEmpty());
}

void TestQueryLanguage::matchCounts()
{
    QueryEvaluator evaluator(QueryLanguage::parse(QStringLiteral("login src")), {}, facts(true));
    const SearchCorpus c = corpus();
    // Entry 2: "look for login", "grep -rn login src", "src/auth.py: def login": 3 + 2.
    QCOMPARE(evaluator.countMatches(1, c.at(1)), 5);
    QueryEvaluator keysOnly(QueryLanguage::parse(QStringLiteral("type:error")), {}, facts(true));
    QCOMPARE(keysOnly.countMatches(3, c.at(3)), 1);
    QCOMPARE(keysOnly.countMatches(2, c.at(2)), 0);
}

namespace {

// Entry 10 ("Fixed the login bug: café") carries the note "ticket ZEBRA-7 reopened, see café".
QueryFacts factsWithNoteText()
{
    QueryFacts f = facts(true);
    f.noteText = [](int entry) { return entry == 9 ? QStringLiteral("ticket ZEBRA-7 reopened, see café") : QString(); };
    return f;
}

QList<int> foundWithNoteText(const QString &text)
{
    QueryEvaluator evaluator(QueryLanguage::parse(text), {}, factsWithNoteText());
    const SearchCorpus c = corpus();
    evaluator.prepare(c);
    QList<int> entries;
    for (int row = 0; row < c.size(); ++row) {
        if (evaluator.countMatches(row, c.at(row)) > 0)
            entries << row + 1;
    }
    return entries;
}

} // namespace

void TestQueryLanguage::notesAreOneMoreField_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("entries");
    using L = QList<int>;
    QTest::addRow("a word of the note") << q("zebra") << L{10};
    QTest::addRow("words of the note") << q("ticket reopened") << L{10};
    QTest::addRow("one word in the note, one in the entry") << q("zebra bug") << L{10};
    QTest::addRow("a word in neither") << q("zebra pytest") << L{};
    QTest::addRow("phrase in the note") << q("\"ZEBRA-7 reopened\"") << L{10};
    QTest::addRow("regex in the note") << q("/ZEBRA-[0-9]/") << L{10};
    QTest::addRow("regex is case-sensitive in the note too") << q("/zebra-[0-9]/") << L{};
    QTest::addRow("excluded by the note") << q("login -zebra") << L{1, 2, 8, 9};
    QTest::addRow("excluded phrase in the note") << q("login -\"see café\"") << L{1, 2, 8, 9};
    QTest::addRow("note with its entry's key") << q("zebra type:final") << L{10};
    QTest::addRow("note with another key") << q("zebra type:error") << L{};
    QTest::addRow("note and has:note") << q("has:note ticket") << L{10};
    QTest::addRow("OR: the note's group") << q("pytest OR zebra") << L{5, 6, 7, 10};
    QTest::addRow("field: is not the note") << q("field:observation zebra") << L{};
    QTest::addRow("field: names the entry's part") << q("field:observation café") << L{10};
}

void TestQueryLanguage::notesAreOneMoreField()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, entries);
    QCOMPARE(foundWithNoteText(query), entries);
}

void TestQueryLanguage::noteMatchCounts()
{
    const SearchCorpus c = corpus();
    // "café": once in entry 10's observation, once in its note.
    QueryEvaluator evaluator(QueryLanguage::parse(QStringLiteral("café")), {}, factsWithNoteText());
    qint64 inNote = -1;
    QCOMPARE(evaluator.countMatches(9, c.at(9), &inNote), 2);
    QCOMPARE(inNote, 1);
    // "zebra bug": one in each.
    QueryEvaluator split(QueryLanguage::parse(QStringLiteral("zebra bug")), {}, factsWithNoteText());
    QCOMPARE(split.countMatches(9, c.at(9), &inNote), 2);
    QCOMPARE(inNote, 1);
    // A group of keys alone holds on the entry: nothing in the note.
    QueryEvaluator keys(QueryLanguage::parse(QStringLiteral("type:final")), {}, factsWithNoteText());
    QCOMPARE(keys.countMatches(9, c.at(9), &inNote), 1);
    QCOMPARE(inNote, 0);
    // Across the library the note comes with the entry's facts.
    QueryEntryFacts entry;
    entry.entry = 9;
    entry.messageType = QStringLiteral("FINAL_ANSWER");
    entry.hasNote = true;
    entry.noteText = QStringLiteral("ticket ZEBRA-7 reopened, see café");
    QueryEvaluator library(QueryLanguage::parse(QStringLiteral("zebra type:final"), QueryLanguage::Scope::Library), {});
    QCOMPARE(library.countMatches(entry, c.at(9), &inNote), 1);
    QCOMPARE(inNote, 1);
    entry.noteText.clear();
    QCOMPARE(library.countMatches(entry, c.at(9), &inNote), 0);
}

void TestQueryLanguage::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("position"); // 0-based
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown key") << q("login foo:bar") << 6 << q("unknown key `foo:` at character 7");
    QTest::addRow("unknown key first") << q("foo:bar") << 0 << q("unknown key `foo:` at character 1");
    QTest::addRow("or first") << q("OR login") << 0 << q("`OR` needs a term before it at character 1");
    QTest::addRow("or last") << q("login OR") << 6 << q("`OR` needs a term after it at character 7");
    QTest::addRow("or twice") << q("login OR OR x") << 9 << q("`OR` needs a term before it at character 10");
    QTest::addRow("unclosed quote") << q("a \"login") << 2 << q("the quote at character 3 is never closed");
    QTest::addRow("empty phrase") << q("\"\"") << 0 << q("empty phrase at character 1");
    QTest::addRow("entry not a number") << q("entry:abc") << 6
                                        << q("`entry:` needs an entry number or a range like 100..200 at character 7");
    QTest::addRow("entry list") << q("entry:1,2") << 8 << q("`entry:` takes one value, not a list, at character 9");
    QTest::addRow("gap unit") << q("gap:>3x") << 4 << q("`gap:` needs a duration like 30s, >2m or 1m..1h at character 5");
    QTest::addRow("time of day") << q("x time:25:00") << 7
                                 << q("`time:` needs a time of day like 12:00..13:30 or >9:30 at character 8");
    QTest::addRow("is value") << q("is:happy") << 3
                              << q("unknown value `happy` for `is:` at character 4 (one of: marked, failure, loop)");
    QTest::addRow("field value") << q("field:body x") << 6
                                 << q("unknown value `body` for `field:` at character 7 (one of: thought, tool_input, tool_output, observation)");
    QTest::addRow("has value") << q("has:link") << 4 << q("unknown value `link` for `has:` at character 5 (one of: note)");
    QTest::addRow("missing list value") << q("type:a,") << 7 << q("a value is missing at character 8");
    QTest::addRow("unclosed quoted value") << q("tool:\"bash") << 5 << q("the quote at character 6 is never closed");
    QTest::addRow("text after quoted value") << q("tool:\"bash\"x") << 11
                                             << q("unexpected character at character 12: put a value holding it in quotes");
    QTest::addRow("run key in a run") << q("run:42") << 0
                                      << q("`run:` works across runs only (Search All Runs, `runlog --search`), at character 1");
    QTest::addRow("regex error") << q("x /a(b/") << 6 << q("missing closing parenthesis in the regular expression, at character 7");
    QTest::addRow("percent in a value stays") << q("is:%1") << 3
                                              << q("unknown value `%1` for `is:` at character 4 (one of: marked, failure, loop)");
}

void TestQueryLanguage::errors()
{
    QFETCH(QString, query);
    QFETCH(int, position);
    QFETCH(QString, message);
    const ParsedQuery parsed = QueryLanguage::parse(query);
    QVERIFY(!parsed.isValid());
    QVERIFY(parsed.groups.isEmpty());
    QCOMPARE(parsed.error, message);
    QCOMPARE(parsed.errorPosition, position);
}

void TestQueryLanguage::libraryKeys()
{
    using Scope = QueryLanguage::Scope;
    const ParsedQuery parsed =
        QueryLanguage::parse(QStringLiteral("run:42,43 org:7 status:Fail source:GITHUB after:2025-06-01 before:2025-07-01 login"),
                             Scope::Library);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    const QList<QueryTerm> &terms = parsed.groups.first();
    QCOMPARE(terms.size(), 7);
    QCOMPARE(terms.at(0).numbers, (QList<qint64>{42, 43}));
    QCOMPARE(terms.at(1).numbers, QList<qint64>{7});
    QCOMPARE(terms.at(2).values, QStringList{QStringLiteral("fail")});
    QCOMPARE(terms.at(3).values, QStringList{QStringLiteral("github")});
    QCOMPARE(terms.at(4).low, QDateTime(QDate(2025, 6, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(terms.at(5).low, QDateTime(QDate(2025, 7, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(QueryLanguage::parse(QStringLiteral("after:2025-13-01"), Scope::Library).error,
             QStringLiteral("`after:` needs a date like 2025-06-01 at character 7"));
    QCOMPARE(QueryLanguage::parse(QStringLiteral("org:x"), Scope::Library).errorPosition, 4);
}

void TestQueryLanguage::highlight()
{
    QueryEvaluator evaluator(QueryLanguage::parse(QStringLiteral("a.b -skip /x+y/ tool:bash OR \"c d\"")), {}, facts(true));
    const SearchQuery h = evaluator.highlightQuery();
    QVERIFY(h.regex);
    QCOMPARE(h.pattern, QStringLiteral("(?i:a\\.b)|(?:x+y)|(?i:c\\ d)"));
    QueryEvaluator none(QueryLanguage::parse(QStringLiteral("type:error -x")), {}, facts(true));
    QVERIFY(none.highlightQuery().isEmpty());
}

void TestQueryLanguage::quoting()
{
    QCOMPARE(QueryLanguage::quoteValue(QStringLiteral("bash")), QStringLiteral("bash"));
    QCOMPARE(QueryLanguage::quoteValue(QStringLiteral("str replace")), QStringLiteral("\"str replace\""));
    QCOMPARE(QueryLanguage::quoteValue(QStringLiteral("a\"b,c")), QStringLiteral("\"a\\\"b,c\""));
    // What quoteValue writes reads back as the value.
    const ParsedQuery parsed = QueryLanguage::parse(QStringLiteral("tool:") + QueryLanguage::quoteValue(QStringLiteral("A\"b,c")));
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.groups.first().first().values, QStringList{QStringLiteral("a\"b,c")});
}

void TestQueryLanguage::libraryEvaluation()
{
    using Scope = QueryLanguage::Scope;
    const auto evaluator = [](const char *query) {
        const ParsedQuery parsed = QueryLanguage::parse(QString::fromUtf8(query), Scope::Library);
        return std::make_unique<QueryEvaluator>(parsed, QueryEvaluator::Options{});
    };
    const qint64 june2 = QDateTime(QDate(2025, 6, 2), QTime(8, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const QueryRunFacts run42{42, 7, QStringLiteral("FAILED"), QStringLiteral("https://api.codegen.com"), june2};
    const QueryRunFacts run43{43, 8, QStringLiteral("complete"), QStringLiteral("file /tmp/a.jsonl"), LogEntry::kNoTime};
    const auto mayMatch = [&](const char *query, const QueryRunFacts &run) {
        auto e = evaluator(query);
        e->setRun(run);
        return e->runMayMatch();
    };
    QVERIFY(mayMatch("run:42", run42));
    QVERIFY(!mayMatch("run:42", run43));
    QVERIFY(mayMatch("run:1,43", run43));
    QVERIFY(mayMatch("org:7 status:fail", run42));
    QVERIFY(!mayMatch("status:fail", run43));
    QVERIFY(mayMatch("-status:fail", run43));
    QVERIFY(mayMatch("source:https", run42));
    QVERIFY(mayMatch("source:FILE", run43));
    QVERIFY(mayMatch("after:2025-06-02", run42));
    QVERIFY(!mayMatch("after:2025-06-03", run42));
    QVERIFY(mayMatch("before:2025-06-03", run42));
    QVERIFY(!mayMatch("before:2025-06-02", run42));
    QVERIFY(!mayMatch("after:2025-01-01", run43)); // no time: neither after nor before
    QVERIFY(mayMatch("run:43 OR status:fail", run42));
    QVERIFY(mayMatch("login", run43));               // words rule no run out

    // An entry of a stored run by its own facts.
    const SearchCorpus c = corpus();
    QueryEntryFacts fifth;
    fifth.entry = 4;
    fifth.messageType = QStringLiteral("ACTION");
    fifth.toolName = QStringLiteral("bash");
    fifth.createdAtMsecs = QDateTime(QDate(2025, 6, 1), QTime(12, 1, 5), QTimeZone::utc()).toMSecsSinceEpoch();
    const auto matches = [&](const char *query) {
        auto e = evaluator(query);
        e->setRun(run42);
        return e->countMatches(fifth, c.at(4)) > 0;
    };
    QVERIFY(matches("pytest tool:BA type:act entry:5 run:42"));
    QVERIFY(!matches("pytest run:43"));
    QVERIFY(!matches("entry:1..4"));
    QVERIFY(matches("field:thought tests"));
    QVERIFY(!matches("-tool:bash"));

    // Keys of one run are no keys of the library, and the other way round.
    QCOMPARE(QueryLanguage::parse(QStringLiteral("x is:failure"), Scope::Library).error,
             QStringLiteral("`is:` works within one run (the search bar, `runlog SOURCE --search`), at character 3"));
    QCOMPARE(QueryLanguage::parse(QStringLiteral("gap:>1m"), Scope::Library).errorPosition, 0);
    QVERIFY(!QueryLanguage::keys(Scope::Library, true).contains(QStringLiteral("is")));
    // Notes are kept in the library with their runs: has:note works across runs too.
    QVERIFY(QueryLanguage::parse(QStringLiteral("x has:note"), Scope::Library).isValid());
    QVERIFY(QueryLanguage::keys(Scope::Library, true).contains(QStringLiteral("has")));
    QVERIFY(QueryLanguage::keys(Scope::Library, true).contains(QStringLiteral("status")));
    QVERIFY(!QueryLanguage::keys(Scope::Run, true).contains(QStringLiteral("status")));
}

void TestQueryLanguage::rewritingKeys()
{
    // What the Filter menu and the statistics write into the bar.
    using QueryLanguage::keyValues;
    using QueryLanguage::withKeyValues;
    QCOMPARE(withKeyValues(QString(), QStringLiteral("type"), {QStringLiteral("ERROR")}, false), QStringLiteral("type:ERROR"));
    QCOMPARE(withKeyValues(QStringLiteral("login type:ERROR is:failure"), QStringLiteral("type"),
                           {QStringLiteral("ERROR"), QStringLiteral("PLAN EVALUATION")}, false),
             QStringLiteral("type:ERROR,\"PLAN EVALUATION\" login is:failure"));
    QCOMPARE(withKeyValues(QStringLiteral("login tool:bash,grep"), QStringLiteral("tool"), {}, false), QStringLiteral("login"));
    QCOMPARE(withKeyValues(QStringLiteral("login tool:bash"), QStringLiteral("tool"), {}, true), QStringLiteral("-tool:* login"));
    QCOMPARE(withKeyValues(QStringLiteral("tool:bash -tool:*"), QStringLiteral("type"), {QStringLiteral("x")}, false),
             QStringLiteral("type:x tool:bash -tool:*"));
    // The other terms stay as typed: a phrase's and a regex's spaces too.
    QCOMPARE(withKeyValues(QStringLiteral("\"exit  code\"   tool:bash /a  b/"), QStringLiteral("tool"), {}, false),
             QStringLiteral("\"exit  code\" /a  b/"));
    // AND binds tighter than OR: the new term goes into every group, so that every entry shown
    // has the tool ticked in the menu.
    QCOMPARE(withKeyValues(QStringLiteral("error OR failed"), QStringLiteral("tool"), {QStringLiteral("bash")}, false),
             QStringLiteral("tool:bash error OR tool:bash failed"));
    QCOMPARE(keyValues(QStringLiteral("tool:bash error OR tool:bash failed"), QStringLiteral("tool")),
             QStringList{QStringLiteral("bash")});
    QCOMPARE(withKeyValues(QStringLiteral("a OR b"), QStringLiteral("tool"), {}, true), QStringLiteral("-tool:* a OR -tool:* b"));
    QCOMPARE(withKeyValues(QStringLiteral("login OR tool:bash"), QStringLiteral("tool"), {QStringLiteral("grep")}, false),
             QStringLiteral("tool:grep login OR tool:grep"));
    QCOMPARE(withKeyValues(QStringLiteral("tool:bash OR tool:grep"), QStringLiteral("tool"), {QStringLiteral("x")}, false),
             QStringLiteral("tool:x"));
    // A group left without terms goes with its OR (a dangling OR would not parse).
    QCOMPARE(withKeyValues(QStringLiteral("tool:bash OR login tool:grep OR x"), QStringLiteral("tool"), {}, false),
             QStringLiteral("login OR x"));
    // A query that does not parse keeps its text, the term in front.
    QCOMPARE(withKeyValues(QStringLiteral("\"open"), QStringLiteral("tool"), {QStringLiteral("bash")}, false),
             QStringLiteral("tool:bash \"open"));

    bool none = false;
    QCOMPARE(keyValues(QStringLiteral("x tool:Bash,\"str replace\" y"), QStringLiteral("tool"), &none),
             (QStringList{QStringLiteral("Bash"), QStringLiteral("str replace")}));
    QVERIFY(!none);
    QCOMPARE(keyValues(QStringLiteral("-tool:* x"), QStringLiteral("tool"), &none), QStringList{});
    QVERIFY(none);
    QCOMPARE(keyValues(QStringLiteral("type:ERROR"), QStringLiteral("tool"), &none), QStringList{});
    QVERIFY(!none);
}

QTEST_GUILESS_MAIN(TestQueryLanguage)
#include "tst_querylanguage.moc"
