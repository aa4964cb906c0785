// SPDX-License-Identifier: MIT
// Which entries a regular expression can match in the pane's text only across its layout
// (issue 25: `(fails|error)\s+handling` rendered a tenth of a run): the gaps read from patterns
// and the run edges found in JSON, written by hand; then random patterns with \s, ':', '-',
// classes and alternations over generated entries (nested objects, multi-line strings, keys such
// as exit_code, top-level fields, entries the pane cannot read) against a reference that renders
// every entry's pane text: the same counts, so the rule never drops an entry the render finds.

#include "run/entrytext.h"
#include "search/layoutcrossing.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <iterator>

namespace {

QString describe(const LayoutCrossing::Rule &rule)
{
    if (!rule.known)
        return QStringLiteral("unknown");
    QStringList branches;
    for (const QList<LayoutCrossing::Gap> &gaps : rule.branches) {
        QStringList out;
        for (const LayoutCrossing::Gap &gap : gaps)
            out << QString::fromUtf8(gap.before.join('|') + '_' + gap.after.join('|'));
        branches << out.join(u' ');
    }
    return branches.join(QStringLiteral(" / "));
}

// Pieces of generated text: the words of the patterns, the layout the pane uses, escapes that
// decode to layout, multi-line text, white space that is not ASCII (NBSP, U+2028).
const QList<QByteArray> &pieces()
{
    static const QList<QByteArray> list = {
        "fails", "error", "handling", "fails handling", "error\\nhandling", "handling\\n", "\\n  handling",
        " ", ": ", "- ", "exit", "code", "exit_code", "exit code 3", "module7.cpp:12", ".cpp", "12", "0", "\\t",
        "\\\"", "\\\\", "\\r\\n", "|", "x | y", ",", "[", "]", "{", "}", "caf\xC3\xA9", "\xC2\xA0", "\xE2\x80\xA8",
        "true", "ok", "a", "b", "FAILS", "fails ", " handling", "error\\n", "\\n handling", "code\\t", "\\texit"};
    return list;
}

QByteArray randomText(QRandomGenerator &rng)
{
    QByteArray text;
    const int n = rng.bounded(1, 6);
    for (int k = 0; k < n; ++k)
        text += pieces().at(rng.bounded(int(pieces().size())));
    return text;
}

QByteArray randomValue(QRandomGenerator &rng, int depth)
{
    switch (depth > 1 ? rng.bounded(3) : rng.bounded(6)) {
    case 0:
        return '"' + randomText(rng) + '"';
    case 1:
        return rng.bounded(2) ? QByteArray::number(rng.bounded(200)) : QByteArray("1.5e3");
    case 2:
        return rng.bounded(2) ? QByteArray("true") : QByteArray("false");
    case 3: {
        QByteArray array = "[";
        for (int k = 0, n = rng.bounded(0, 4); k < n; ++k)
            array += (k ? ", " : "") + randomValue(rng, depth + 1);
        return array + ']';
    }
    default: {
        QByteArray object = "{";
        for (int k = 0, n = rng.bounded(0, 4); k < n; ++k)
            object += (k ? ", \"" : "\"") + randomText(rng) + "\": " + randomValue(rng, depth + 1);
        return object + '}';
    }
    }
}

// Entries with the pane's sections, top-level fields of their own (keys and scalars the search
// text leaves out), and now and then one cut short (the pane shows its raw text).
QList<QByteArray> generatedEntries(QRandomGenerator &rng, int count)
{
    static const QList<QByteArray> fields = {"thought", "observation", "tool_input", "tool_output", "review_state"};
    QList<QByteArray> entries;
    for (int i = 0; i < count; ++i) {
        QByteArray entry = "{\"agent_run_id\": 7, \"message_type\": \"ACTION\"";
        for (int k = 0, n = rng.bounded(1, 5); k < n; ++k) {
            if (rng.bounded(5) == 0) {
                entry += ", \"" + randomText(rng) + "\": " + randomValue(rng, 1);
                continue;
            }
            const QByteArray &field = fields.at(rng.bounded(int(fields.size())));
            const bool text = field == "thought" || (field == "observation" && rng.bounded(2));
            entry += ", \"" + field + "\": " + (text ? '"' + randomText(rng) + '"' : randomValue(rng, 0));
        }
        entries.append(rng.bounded(25) == 0 ? entry : entry + '}');
    }
    return entries;
}

// Pieces of random patterns: literals, groups of literals, gaps (layout only), solid atoms
// (no layout), and some the reader does not know.
QString randomPattern(QRandomGenerator &rng)
{
    static const char *const literals[] = {"fails", "error", "handling", "exit", "code", "exit_code", "module",
                                           "\\.cpp", "12", "0", "ok", "a", "b", "true", "(fails|error)",
                                           "(?:exit|code)", "(a|b)", "(0|1)"};
    static const char *const gaps[] = {"\\s+", "\\s*", "\\s", " ", ": ", ":", "-", "- ", "[ :]+", "[\\s-]", "\\n",
                                       "\\s?", ",", "\\|", "\\[", "\\]", "\\\\", "\"", "\\t"};
    static const char *const solids[] = {"\\d+", "\\w+", "[0-9]*", "[a-z]+", "x?", "\\d", "(a|b)+", "[1-9][0-9]*"};
    static const char *const unknown[] = {".", "\\b", "^", "\\S+", "[^a]"};
    const auto pick = [&rng](const auto &from) {
        return QLatin1String(from[rng.bounded(int(std::size(from)))]);
    };
    // A third like the bar's: a literal, a gap, a literal.
    if (rng.bounded(3) == 0)
        return pick(literals) + pick(gaps) + pick(literals);
    QStringList branches;
    for (int b = 0, nb = rng.bounded(1, 3); b < nb; ++b) {
        QString branch;
        for (int k = 0, n = rng.bounded(1, 6); k < n; ++k) {
            const int kind = rng.bounded(20);
            branch += kind < 8 ? pick(literals) : kind < 15 ? pick(gaps) : kind < 19 ? pick(solids) : pick(unknown);
        }
        branches << branch;
    }
    return branches.join(u'|');
}

// What the bar finds in one entry: the matches in the search text, or else those in the pane's
// text, both counted by QRegularExpression over text rendered in full (no prefilter).
qint64 referenceCount(const QByteArray &json, const QRegularExpression &re, EntryText::Mode mode)
{
    const auto count = [&re](const QString &text) {
        qint64 n = 0;
        QRegularExpressionMatchIterator it = re.globalMatch(text);
        while (it.hasNext())
            n += it.next().capturedLength() > 0 ? 1 : 0;
        return n;
    };
    qint64 found = 0;
    for (const QString &segment : QString::fromUtf8(SearchText::fromEntryJson(json).bytes).split(QChar(u'\0')))
        found += count(segment);
    return found > 0 ? found : count(EntryText::searchable(json, mode));
}

} // namespace

class TestLayoutCrossing : public QObject
{
    Q_OBJECT

private slots:
    void gapsOfPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<QString>("gaps"); // per branch: before_after for each gap
        QTest::addRow("alternation, white space, word") << QStringLiteral("(fails|error)\\s+handling") << false
                                                        << QStringLiteral("fails|error_handling");
        QTest::addRow("words and a number") << QStringLiteral("exit code [1-9][0-9]*") << false
                                            << QStringLiteral("exit_code code_");
        QTest::addRow("file and line") << QStringLiteral("module\\d+\\.cpp:\\d+") << false << QStringLiteral(".cpp_");
        QTest::addRow("lower-cased") << QStringLiteral("Exit: (A|b)C") << false << QStringLiteral("exit_ac|bc");
        QTest::addRow("case kept") << QStringLiteral("Exit: (A|b)C") << true << QStringLiteral("Exit_AC|bC");
        QTest::addRow("branches") << QStringLiteral("a b|cd|e-") << true << QStringLiteral("a_b /  / e_");
        QTest::addRow("quantified literal is no literal") << QStringLiteral("ab+ c") << true << QStringLiteral("_c");
        QTest::addRow("class of layout") << QStringLiteral("x[ :\\s-]y") << true << QStringLiteral("x_y");
        QTest::addRow("class of both") << QStringLiteral("x[ a]y") << true << QStringLiteral("unknown");
        QTest::addRow("dot") << QStringLiteral("fails.handling") << true << QStringLiteral("unknown");
        QTest::addRow("word boundary") << QStringLiteral("\\bfails\\s") << true << QStringLiteral("unknown");
        QTest::addRow("negated class") << QStringLiteral("a[^b]c") << true << QStringLiteral("unknown");
        QTest::addRow("nested group") << QStringLiteral("((a))") << true << QStringLiteral("unknown");
        QTest::addRow("inline option") << QStringLiteral("(?i)a b") << true << QStringLiteral("unknown");
        QTest::addRow("non-ASCII") << QStringLiteral("caf\u00e9 au") << true << QStringLiteral("unknown");
    }

    void gapsOfPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, caseSensitive);
        QFETCH(QString, gaps);
        QCOMPARE(describe(LayoutCrossing::of(pattern, caseSensitive)), gaps);
    }

    void runEdgesInTheJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("mayCross");
        // (fails|error)\s+handling: "fails"/"error" must end a run, "handling" start one.
        QTest::addRow("words apart in prose") << QByteArray(R"({"t": "error in the handling of fails"})") << false;
        QTest::addRow("value then key") << QByteArray(R"({"o": {"s": "it fails", "handling": 1}})") << true;
        QTest::addRow("trailing space") << QByteArray(R"({"o": {"s": "it fails  ", "handling": 1}})") << true;
        QTest::addRow("line break") << QByteArray(R"({"t": "an error\n  handling it"})") << true;
        QTest::addRow("word inside a word") << QByteArray(R"({"a": "errors", "b": "xhandling"})") << false;
        QTest::addRow("only one side") << QByteArray(R"({"a": "error", "b": "the handling"})") << false;
        QTest::addRow("any case") << QByteArray(R"({"a": "ERROR", "HANDLING": "b"})") << true;
        // \s matches white space that is not ASCII (no-break space, line separator).
        QTest::addRow("no-break space") << QByteArray("{\"o\": {\"s\": \"it fails\xC2\xA0\", \"handling\": 1}}") << true;
        QTest::addRow("line separator") << QByteArray("{\"a\": \"error\", \"t\": \"\xE2\x80\xA8handling\"}") << true;
        QTest::addRow("line separator in a word") << QByteArray("{\"a\": \"error\", \"t\": \"x\xE2\x80\xA8handling\"}")
                                                  << false;
    }

    void runEdgesInTheJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, mayCross);
        const LayoutCrossing::Rule rule = LayoutCrossing::of(QStringLiteral("(fails|error)\\s+handling"), false);
        QCOMPARE(LayoutCrossing::mayCross(json, rule, true), mayCross);
    }

    void numbersEndAtAnyLayout()
    {
        // `0\s+1` in `[0, 1]`: the pane shows "- 0" and "- 1" on lines of their own.
        const LayoutCrossing::Rule rule = LayoutCrossing::of(QStringLiteral("0\\s+1"), true);
        QVERIFY(LayoutCrossing::mayCross(R"({"a": [0, 1]})", rule, false));
        QVERIFY(!LayoutCrossing::mayCross(R"({"a": "0x 1"})", rule, false));
    }

    void theBarsAlternation()
    {
        SearchQuery query;
        query.pattern = QStringLiteral("(fails|error)\\s+handling");
        query.regex = true;
        const SearchEngine engine(query, EntryText::Mode::Readable);
        const auto count = [&](const char *json) { return engine.countMatches(SearchText::fromRawEntryJson(json)); };
        QCOMPARE(count(R"({"agent_run_id": 7, "thought": "error in the handling of it"})"), 0);
        QCOMPARE(count(R"({"agent_run_id": 7, "thought": "error  handling"})"), 1);
        // The pane shows "status: fails" then "handling: none".
        QCOMPARE(count(R"({"agent_run_id": 7, "tool_output": {"status": "it fails", "handling": "none"}})"), 1);
        // Other fields: a top-level key the search text leaves out.
        QCOMPARE(count(R"({"agent_run_id": 7, "fails handling": 1})"), 1);
        // An entry the pane cannot read: its raw text.
        QCOMPARE(count(R"({"agent_run_id": 7, "x": "error", "handling": )"), 0);
        QCOMPARE(count(R"({"agent_run_id": 7, x: error handling)"), 1);
    }

    void topLevelKeysWithEscapes_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addRow("white space") << QStringLiteral("fails handling\\s+x");
        QTest::addRow("quote") << QStringLiteral("fails\"\\s*handling");
    }

    void topLevelKeysWithEscapes()
    {
        // A top-level key (Other fields) is not in the search text, and the pane shows its
        // escapes decoded: not the JSON as written.
        QFETCH(QString, pattern);
        SearchQuery query;
        query.pattern = pattern;
        query.regex = true;
        const SearchEngine engine(query, EntryText::Mode::Readable);
        QVERIFY(engine.searchesShownText());
        const QRegularExpression re(query.pattern, QRegularExpression::UseUnicodePropertiesOption);
        qint64 found = 0;
        for (const char *json : {R"({"agent_run_id": 7, "fails handling\nx": 1})", R"({"agent_run_id": 7, "fails handling\tx": 1})",
                                 R"({"agent_run_id": 7, "fails handling\r\nx": 1})", R"({"agent_run_id": 7, "fails\thandling": 1})",
                                 "{\"agent_run_id\": 7, \"fails\\\"handling\": 1}",
                                 "{\"agent_run_id\": 7, \"o\": {\"fails\\\"handling\": 1}}"}) {
            const qint64 expected = referenceCount(json, re, EntryText::Mode::Readable);
            QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(json)), expected);
            found += expected;
        }
        QVERIFY(found > 0);
    }

    void randomPatternsMatchTheRenderedPane()
    {
        QRandomGenerator rng(20261207);
        const QList<QByteArray> json = generatedEntries(rng, 200);
        qint64 matched = 0;
        qint64 unmatched = 0;
        qint64 ruledOut = 0; // rows the rule alone answers (so the comparison tests it)
        for (int k = 0; k < 700; ++k) {
            SearchQuery query;
            query.caseSensitive = rng.bounded(2) == 0;
            query.regex = true;
            query.pattern = randomPattern(rng);
            if (!query.isValid())
                continue;
            const EntryText::Mode mode = rng.bounded(4) == 0 ? EntryText::Mode::Json : EntryText::Mode::Readable;
            const SearchEngine engine(query, mode);
            // Patterns without ':', ' ', '"', ',' or \s search the search text alone (as before).
            if (!engine.searchesShownText())
                continue;
            QRegularExpression re(query.pattern, QRegularExpression::UseUnicodePropertiesOption);
            if (!query.caseSensitive)
                re.setPatternOptions(re.patternOptions() | QRegularExpression::CaseInsensitiveOption);
            const LayoutCrossing::Rule rule = LayoutCrossing::of(query.pattern, query.caseSensitive);
            for (const QByteArray &entry : json) {
                const qint64 expected = referenceCount(entry, re, mode);
                const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(entry));
                if (counted != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 (%2, %3) in %4: %5, rendered %6")
                                         .arg(query.pattern, query.caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                                              mode == EntryText::Mode::Json ? QStringLiteral("JSON") : QStringLiteral("Readable"),
                                              QString::fromUtf8(entry))
                                         .arg(counted)
                                         .arg(expected)));
                (expected > 0 ? matched : unmatched) += 1;
                if (rule.known && !LayoutCrossing::mayCross(entry, rule, !query.caseSensitive))
                    ++ruledOut;
            }
        }
        QVERIFY2(matched > 2000 && unmatched > 20000 && ruledOut > 5000,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(matched).arg(unmatched).arg(ruledOut)));
    }
};

QTEST_GUILESS_MAIN(TestLayoutCrossing)
#include "tst_layoutcrossing.moc"
