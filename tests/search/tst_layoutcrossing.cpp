// SPDX-License-Identifier: MIT
// Which entries a regular expression can match in the pane's text only across its layout
// (issue 25: `(fails|error)\s+handling` rendered a tenth of a run): the gaps read from patterns
// and the run edges found in JSON, written by hand; then random patterns with \s, ':', '-',
// classes and alternations over generated entries (nested objects, multi-line strings, keys such
// as exit_code, top-level fields, entries the pane cannot read) against a reference that renders
// every entry's pane text: the same counts, so the rule never drops an entry the render finds.
// GapLiterals (issue 25: `(fails|error)\s+handling` at 1 GB/s): the literals around a gap meet in
// the JSON as written, written by hand; random patterns over generated entries with escapes, raw
// control bytes and white space that is not ASCII: never a row ruled out that the search text
// matches, and the engine's counts equal to matching every decoded segment. Verbatim patterns
// (no atom matches what an escape makes; the engine matches the JSON once to rule a row out):
// written by hand, and every random one that a segment matches matches the JSON too.
// Which patterns search the pane's text at all (LayoutReach, issue 25: `\|`, `\n`, `.`, `[^a]`
// missed entries): decisions written by hand, hand-made entries with the matching entries
// written by hand, and random patterns of every kind against rendering every entry's pane.

#include "run/entrytext.h"
#include "search/gapliterals.h"
#include "search/layoutcrossing.h"
#include "search/layoutreach.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchtext.h"
#include "randomjson.h"

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
    using RandomJson::Kind;
    static const RandomJson::Shape shape{
        {Kind::String, Kind::Scalar, Kind::Literal, Kind::Array, Kind::Object, Kind::Object},
        3,
        1,
        0,
        randomText,
        randomText,
        [](QRandomGenerator &r) { return r.bounded(2) ? QByteArray::number(r.bounded(200)) : QByteArray("1.5e3"); },
        [](QRandomGenerator &r) { return r.bounded(2) ? QByteArray("true") : QByteArray("false"); }};
    return RandomJson::value(rng, shape, depth);
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

// QRegularExpression's non-empty matches in a text, as the engine counts them.
qint64 countIn(const QString &text, const QRegularExpression &re)
{
    qint64 n = 0;
    QRegularExpressionMatchIterator it = re.globalMatch(text);
    while (it.hasNext())
        n += it.next().capturedLength() > 0 ? 1 : 0;
    return n;
}

// The matches in an entry's search text, each of its segments decoded in full (no prefilter).
qint64 countInSegments(const QByteArray &json, const QRegularExpression &re)
{
    qint64 found = 0;
    for (const QString &segment : QString::fromUtf8(SearchText::fromEntryJson(json).bytes).split(QChar(u'\0')))
        found += countIn(segment, re);
    return found;
}

// What the bar finds in one entry: the matches in the search text, or else those in the pane's
// text, both counted by QRegularExpression over text rendered in full (no prefilter).
qint64 referenceCount(const QByteArray &json, const QRegularExpression &re, EntryText::Mode mode)
{
    const qint64 found = countInSegments(json, re);
    return found > 0 ? found : countIn(EntryText::searchable(json, mode), re);
}


// Entries as the API sends them (thought a string; tool input and output objects; observation an
// object or a string), nested objects and lists, multi-line strings, empty strings and containers,
// keys such as exit_code: no top-level field of their own (Other fields, which the search text
// leaves out on purpose) and no key with a line break (shown written out, `\n`).
QByteArray anyKindText(QRandomGenerator &rng)
{
    static const QList<QByteArray> words = {
        "exit", "code", "exit_code", "line one", "line\\ntwo", "a.py", "x | y", "- item", "key: value", "[1]", "{a}",
        "0", "12", "-3", "Traceback", "module7.cpp", "caf\xC3\xA9", "\\t", "\\\"q\\\"", "\\\\", " ", ",", ":", "|",
        "-", "\xC2\xA0", "\\r\\n", "a", "B", "\\n"};
    QByteArray text;
    for (int k = 0, n = rng.bounded(0, 5); k < n; ++k)
        text += words.at(rng.bounded(int(words.size())));
    return text;
}

QByteArray anyKindKey(QRandomGenerator &rng)
{
    static const QList<QByteArray> keys = {"exit_code", "output", "files", "a", "b c", "path", "x-y", "k:v", "", "stderr",
                                           "l|m", "n0"};
    return keys.at(rng.bounded(int(keys.size())));
}

QByteArray anyKindValue(QRandomGenerator &rng, int depth)
{
    using RandomJson::Kind;
    static const RandomJson::Shape shape{
        {Kind::String, Kind::String, Kind::Scalar, Kind::EmptyContainer, Kind::Array, Kind::Object},
        4,
        2,
        1,
        anyKindText,
        anyKindKey,
        [](QRandomGenerator &r) {
            return QList<QByteArray>{"0", "137", "-1", "1.5", "true", "false", "null"}.at(r.bounded(7));
        },
        {}};
    return RandomJson::value(rng, shape, depth);
}

QByteArray anyKindObject(QRandomGenerator &rng)
{
    QByteArray object = "{";
    for (int k = 0, n = rng.bounded(1, 4); k < n; ++k)
        object += (k ? ", \"" : "\"") + anyKindKey(rng) + "\": " + anyKindValue(rng, 1);
    return object + '}';
}

QList<QByteArray> anyKindEntries(QRandomGenerator &rng, int count)
{
    QList<QByteArray> entries;
    for (int i = 0; i < count; ++i) {
        QByteArray entry = "{\"agent_run_id\": 7, \"message_type\": \"ACTION\", \"tool_name\": \"bash\"";
        if (rng.bounded(2))
            entry += ", \"thought\": \"" + anyKindText(rng) + '"';
        if (rng.bounded(3))
            entry += ", \"tool_input\": " + anyKindObject(rng);
        if (rng.bounded(3))
            entry += ", \"tool_output\": " + anyKindObject(rng);
        if (rng.bounded(2))
            entry += ", \"observation\": " + (rng.bounded(2) ? anyKindObject(rng) : '"' + anyKindText(rng) + '"');
        entries.append(entry + '}');
    }
    return entries;
}

// Random patterns of every kind: literals, escapes, classes, negated classes, `.`, alternations,
// quantifiers, layout characters as themselves, anchors, lookarounds, (?i). A third of them are
// built without any atom that may match layout (the fast cases), the others with some.
QString anyKindPattern(QRandomGenerator &rng)
{
    static const char *const solidAtoms[] = {
        "exit", "code", "_", "line", "one", "a", "py", "0", "1", "item", "value", "Traceback", "x", "y", "e", "t",
        "\\d", "\\w", "\\.", "\\x41", "\\Qa.\\E", "[a-z]", "[0-9_]", "[\\d\\w]", "(exit|code)", "(?:e|t)", "\\b",
        "^", "$", "(?=e)", "(?<![a-z])", "\\p{L}"};
    static const char *const layoutAtoms[] = {
        "\\|", "\\n", "\\[", "\\]", "\\{", "\\}", "\\-", "\\:", "\\x3a", "\\x20", "\\x22", "\\t", "\\W", "\\D", "\\S",
        "\\s", "\\p{Zs}", "\\Q:\\E", "[:]", "[ ]", "[:\\-]", "[[:punct:]]", "[|]", "[^a]", "[^a-z]", "[^\\w]",
        "[^:]", "[^\\s\\d]", ".", ":", " ", "-", "\"", ",", "(a|\\|)", "(?:x|-)", "(?<=\\s)", "(?!\\s)"};
    static const char *const quantifiers[] = {"+", "*", "?", "{1,2}", "+?"};
    const bool withLayout = rng.bounded(3) != 0;
    QString pattern = rng.bounded(4) == 0 ? QStringLiteral("(?i)") : QString();
    for (int b = 0, nb = rng.bounded(1, 3); b < nb; ++b) {
        if (b)
            pattern += u'|';
        for (int k = 0, n = rng.bounded(1, 5); k < n; ++k) {
            const QLatin1String atom(withLayout && rng.bounded(5) < 2 ? layoutAtoms[rng.bounded(int(std::size(layoutAtoms)))]
                                                                      : solidAtoms[rng.bounded(int(std::size(solidAtoms)))]);
            pattern += atom;
            const bool quantifiable = !atom.startsWith(QLatin1String("(?")) && atom != QLatin1String("\\b")
                && atom != QLatin1String("^") && atom != QLatin1String("$");
            if (quantifiable && rng.bounded(4) == 0)
                pattern += QLatin1String(quantifiers[rng.bounded(int(std::size(quantifiers)))]);
        }
    }
    return pattern;
}

// An entry's search text (its segments) and its pane's text, each rendered once.
struct RenderedEntry
{
    QByteArray json;
    QStringList segments;
    QString pane;
};

qint64 referenceCount(const RenderedEntry &entry, const QRegularExpression &re)
{
    qint64 found = 0;
    for (const QString &segment : entry.segments)
        found += countIn(segment, re);
    return found > 0 ? found : countIn(entry.pane, re);
}

// The hand-made entries of entriesMatchingLayoutPatterns.
const QList<QByteArray> &handMadeEntries()
{
    static const QList<QByteArray> list = {
        R"({"agent_run_id": 1, "thought": "plain words here"})",                      // 0
        R"({"agent_run_id": 1, "tool_output": {"text": "line one\nline two"}})",     // 1: a block, ` |`
        R"({"agent_run_id": 1, "tool_input": {"files": ["a.py", "b.py"]}})",         // 2: items, `- `
        R"({"agent_run_id": 1, "tool_input": {"exit_code": 0}})",                    // 3: `exit_code: 0`
        R"({"agent_run_id": 1, "tool_output": {"list": [], "obj": {}}})",            // 4: `[]`, `{}`
        R"({"agent_run_id": 1, "tool_output": {"empty": ""}})",                      // 5: `""`
        R"({"agent_run_id": 1, "thought": "x | y"})",                                // 6: a bar in a value
    };
    return list;
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
        QTest::addRow("branches") << QStringLiteral("a b|cd|e:") << true << QStringLiteral("a_b /  / e_");
        // Gaps of closed layout only (`-`, `|`, quotes, brackets), in a branch that always consumes
        // a character that is not layout: that branch never crosses.
        QTest::addRow("a date") << QStringLiteral("\\d{4}-\\d{2}-\\d{2}T\\d") << false << QString();
        QTest::addRow("dashed words") << QStringLiteral("foo-bar|--force") << true << QStringLiteral(" / ");
        QTest::addRow("bar and brackets") << QStringLiteral("a\\|[\\[\\]\"]+b") << true << QString();
        QTest::addRow("digits around a dash") << QStringLiteral("\\d+-\\d+") << true << QString();
        QTest::addRow("optional digits") << QStringLiteral("\\d*-\\d{0,2}") << true << QStringLiteral("_");
        QTest::addRow("optional letter") << QStringLiteral("a?-") << true << QStringLiteral("_");
        QTest::addRow("dash and space") << QStringLiteral("e- ") << true << QStringLiteral("e_");
        QTest::addRow("dash or space") << QStringLiteral("e[- ]x") << true << QStringLiteral("e_x");
        QTest::addRow("backslash") << QStringLiteral("e\\\\x") << true << QStringLiteral("e_x");
        QTest::addRow("quantified literal is no literal") << QStringLiteral("ab+ c") << true << QStringLiteral("_c");
        QTest::addRow("class of layout") << QStringLiteral("x[ :\\s-]y") << true << QStringLiteral("x_y");
        QTest::addRow("class of both") << QStringLiteral("x[ a]y") << true << QStringLiteral("unknown");
        // \t, \n, \r and \f are characters in a class, where a range may start: `[\t-,]` holds '!'.
        QTest::addRow("range from a tab") << QStringLiteral("x[\\t-,]y") << true << QStringLiteral("unknown");
        QTest::addRow("range of controls") << QStringLiteral("x[\\t-\\r ]y") << true << QStringLiteral("x_y");
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
            // Patterns that cannot match layout search the search text alone (randomPatternsOfAnyKind...).
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

    void gapLiteralsRules_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("active");
        QTest::addRow("alternation, white space, word") << QStringLiteral("(fails|error)\\s+handling") << true;
        QTest::addRow("words apart") << QStringLiteral("exit code [1-9]") << true;
        QTest::addRow("a word alone") << QStringLiteral("handling") << false;
        QTest::addRow("digits after the gap") << QStringLiteral("error:\\s*\\d+") << false;
        QTest::addRow("a branch without a gap") << QStringLiteral("error handling|fails") << false;
        QTest::addRow("each branch a gap") << QStringLiteral("error handling|fails:x") << true;
        QTest::addRow("a dot") << QStringLiteral("error.handling") << false;
        QTest::addRow("a date (closed layout)") << QStringLiteral("\\d{4}-\\d{2}-\\d{2}T\\d") << false;
        QTest::addRow("dashed words") << QStringLiteral("foo-bar") << true;
    }

    void gapLiteralsRules()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, active);
        QCOMPARE(GapLiterals::of(LayoutCrossing::of(pattern, false), {}).active, active);
    }

    void verbatimPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("verbatim");
        QTest::addRow("digits and letters") << QStringLiteral("\\d{5}[g-k]{4}") << true;
        QTest::addRow("a date") << QStringLiteral("\\d{4}-\\d{2}-\\d{2}T\\d") << true;
        QTest::addRow("colon and space") << QStringLiteral("exit: [1-9]") << true;
        QTest::addRow("a class of layout written as is") << QStringLiteral("x[ :,|-]y") << true;
        QTest::addRow("white space") << QStringLiteral("a\\s+b") << false;
        QTest::addRow("a tab") << QStringLiteral("a\\tb") << false;
        QTest::addRow("a quote") << QStringLiteral("a\"b") << false;
        QTest::addRow("a backslash") << QStringLiteral("a\\\\b") << false;
        QTest::addRow("a class with a line break") << QStringLiteral("a[x\\n]b") << false;
        QTest::addRow("a class with a quote") << QStringLiteral("a[x\"]b") << false;
        QTest::addRow("a control character as itself") << QStringLiteral("a\tb") << false;
        QTest::addRow("not known: a dot") << QStringLiteral("a.b") << false;
        QTest::addRow("not known: an anchor") << QStringLiteral("^ab") << false;
    }

    void verbatimPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, verbatim);
        const LayoutCrossing::Rule rule = LayoutCrossing::of(pattern, false);
        QCOMPARE(rule.known && rule.verbatim, verbatim);
    }

    void theJsonPassStopsWhereItRulesNothingOut()
    {
        // A verbatim pattern with a match in nearly every entry stops asking the JSON first once
        // it has seen that (SearchEngine's tally); one with few matches keeps asking. Either way
        // the counts are those of every decoded segment, on one engine and on its copy.
        QRandomGenerator rng(20261208);
        QList<QByteArray> json = generatedEntries(rng, 700);
        for (int k = 0; k < 700; k += 50)
            json[k] = "{\"agent_run_id\": 7, \"thought\": \"id 12345ghij and 678\"}";
        for (const char *pattern : {"[a-z]+", "\\d{5}[g-k]{4}", "[0-9]+"}) {
            SearchQuery query;
            query.regex = true;
            query.caseSensitive = true;
            query.pattern = QLatin1String(pattern);
            const SearchEngine engine(query);
            const SearchEngine copy = engine;
            const QRegularExpression re(query.pattern, QRegularExpression::UseUnicodePropertiesOption);
            for (qsizetype k = 0; k < json.size(); ++k) {
                const qint64 expected = countInSegments(json.at(k), re);
                const SearchEngine &searching = k % 2 ? copy : engine;
                QCOMPARE(searching.countMatches(SearchText::fromRawEntryJson(json.at(k))), expected);
            }
        }
    }

    void gapLiteralsMeetInTheJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("mayMatch");
        QTest::addRow("apart in prose") << QByteArray(R"({"t": "error in the handling of fails"})") << false;
        QTest::addRow("a space") << QByteArray(R"({"t": "the error handling"})") << true;
        QTest::addRow("any case") << QByteArray(R"({"t": "ERROR   Handling"})") << true;
        QTest::addRow("no space") << QByteArray(R"({"t": "errorhandling"})") << true;
        QTest::addRow("a letter between") << QByteArray(R"({"t": "errors handling"})") << false;
        QTest::addRow("an escaped line break") << QByteArray(R"({"t": "fails\n  handling"})") << true;
        QTest::addRow("escaped tab and CR LF") << QByteArray(R"({"t": "fails\t\r\nhandling"})") << true;
        QTest::addRow("raw CR and tab") << QByteArray("{\"t\": \"fails\r\thandling\"}") << true;
        QTest::addRow("no-break space") << QByteArray("{\"t\": \"fails\xC2\xA0handling\"}") << true;
        QTest::addRow("ideographic space") << QByteArray("{\"t\": \"error\xE3\x80\x80handling\"}") << true;
        QTest::addRow("n without a backslash") << QByteArray(R"({"t": "error nhandling"})") << false;
        // Keys and values apart: quotes and commas are layout (the rule reads the JSON's bytes,
        // not its segments: it may keep a row the walk then finds no match in, never the reverse).
        QTest::addRow("a value then a key") << QByteArray(R"({"o": {"s": "it fails", "handling": 1}})") << true;
        QTest::addRow("a key between") << QByteArray(R"({"a": "error", "b": "handling"})") << false;
        QTest::addRow("at the text's start") << QByteArray("error handling") << true;
        QTest::addRow("many occurrences after") << QByteArray(R"({"t": "handling handling handling"})") << false;
        QTest::addRow("the last of many") << QByteArray(R"({"t": "handling handling fails handling"})") << true;
    }

    void gapLiteralsMeetInTheJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, mayMatch);
        const LayoutCrossing::Rule read = LayoutCrossing::of(QStringLiteral("(fails|error)\\s+handling"), false);
        // Found by the rule's own scan, and at the spans the prefilter found (its strongest
        // requirement is the string after the gap).
        const GapLiterals::Rule scanning = GapLiterals::of(read, {});
        QCOMPARE(GapLiterals::mayMatch(json, scanning, true), mayMatch);
        const GapLiterals::Rule atSpans = GapLiterals::of(read, {QByteArray("handling")});
        std::vector<SearchText::ByteSpan> spans;
        const QByteArray lower = json.toLower();
        for (qsizetype at = lower.indexOf("handling"); at >= 0; at = lower.indexOf("handling", at + 1))
            spans.push_back({at, at + 8});
        QCOMPARE(GapLiterals::mayMatch(json, atSpans, true, &spans), mayMatch);
        // Case kept: "ERROR   Handling" holds neither literal as written.
        const GapLiterals::Rule caseKept =
            GapLiterals::of(LayoutCrossing::of(QStringLiteral("(fails|error)\\s+handling"), true), {});
        QCOMPARE(GapLiterals::mayMatch(json, caseKept, false), mayMatch && !json.contains("ERROR"));
    }

    // A range in a class that starts at \t, \n, \r or \f holds the characters up to its end, not
    // only layout: GapLiterals once read `a[\t-,]b` as literals around a gap and ruled out "a!b".
    void rangesFromAnEscapedControl_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("tab to comma") << QStringLiteral("a[\\t-,]b") << QByteArray(R"({"x": "a!b"})");
        QTest::addRow("line feed to colon") << QStringLiteral("a[\\n-:]b") << QByteArray(R"({"x": "a5b"})");
        QTest::addRow("CR to dash") << QStringLiteral("error[\\r-\\-]handling") << QByteArray(R"({"x": "Error+handling"})");
        QTest::addRow("form feed to brace") << QStringLiteral("x[\\f-}]+y") << QByteArray(R"({"o": {"k": "xAby"}})");
    }

    void rangesFromAnEscapedControl()
    {
        QFETCH(QString, pattern);
        QFETCH(QByteArray, json);
        SearchQuery query;
        query.regex = true;
        query.pattern = pattern;
        QVERIFY(query.isValid());
        const SearchText raw = SearchText::fromRawEntryJson(json);
        QCOMPARE(SearchEngine(query).countMatches(raw), 1);
        QCOMPARE(SearchEngine(query, EntryText::Mode::Readable).countMatches(raw), 1);
    }

    void gapLiteralsNeverRuleOutAMatch()
    {
        QRandomGenerator rng(20261208);
        QList<QByteArray> json = generatedEntries(rng, 200);
        // Raw control bytes the pane shows as line breaks and tabs, an escaped backslash before
        // an n, K (which matches k ignoring case), and escapes that make other characters.
        for (const QByteArray &text : {QByteArray("fails\r\nhandling"), QByteArray("error\t\rhandling"),
                                       QByteArray("error\\\\nhandling"), QByteArray("error\\\\ handling"),
                                       QByteArray("exit \xE2\x84\xAA code"), QByteArray("fails\\u0020handling")})
            json.append("{\"agent_run_id\": 7, \"thought\": \"" + text + "\"}");
        qint64 matched = 0;
        qint64 ruledOut = 0;
        qint64 verbatimMatched = 0;
        for (int k = 0; k < 1500; ++k) {
            SearchQuery query;
            query.caseSensitive = rng.bounded(2) == 0;
            query.regex = true;
            query.pattern = randomPattern(rng);
            if (!query.isValid())
                continue;
            const LayoutCrossing::Rule read = LayoutCrossing::of(query.pattern, query.caseSensitive);
            const GapLiterals::Rule rule = GapLiterals::of(read, {});
            const SearchEngine engine(query);
            QRegularExpression re(query.pattern, QRegularExpression::UseUnicodePropertiesOption);
            if (!query.caseSensitive)
                re.setPatternOptions(re.patternOptions() | QRegularExpression::CaseInsensitiveOption);
            for (const QByteArray &entry : std::as_const(json)) {
                const qint64 expected = countInSegments(entry, re);
                const SearchText raw = SearchText::fromRawEntryJson(entry);
                QCOMPARE(engine.countMatches(raw), expected);
                // A verbatim pattern matches the JSON as written wherever a segment holds a match.
                if (read.known && read.verbatim && !raw.needsDecoding() && expected > 0
                    && !re.match(QString::fromUtf8(entry)).hasMatch())
                    QFAIL(qPrintable(QStringLiteral("%1 (verbatim) matches a segment of %2, not its JSON")
                                         .arg(query.pattern, QString::fromUtf8(entry))));
                verbatimMatched += read.known && read.verbatim && expected > 0 ? 1 : 0;
                // The rule's own answer, where the search asks it.
                if (!rule.active || raw.needsDecoding() || (!query.caseSensitive && raw.foldsIntoAscii()))
                    continue;
                const bool may = GapLiterals::mayMatch(entry, rule, !query.caseSensitive);
                if (expected > 0 && !may)
                    QFAIL(qPrintable(QStringLiteral("%1 (%2) ruled out %3, which holds %4 matches")
                                         .arg(query.pattern, query.caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                                              QString::fromUtf8(entry))
                                         .arg(expected)));
                matched += expected > 0 ? 1 : 0;
                ruledOut += may ? 0 : 1;
            }
        }
        QVERIFY2(matched > 500 && ruledOut > 50000 && verbatimMatched > 1000,
                 qPrintable(QStringLiteral("%1 %2 %3").arg(matched).arg(ruledOut).arg(verbatimMatched)));
    }

    void whichPatternsReachLayout_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("reaches");
        // May match (or look at) a byte the pane's layout inserts.
        for (const char *pattern : {"\\|", "\\n", "\\[", "\\]", ".", "[^a]", "[^a-z]x", "\\W", "\\D", "\\S", "\\s",
                                    "\\x20", "[ ]", "\\t", "\\x3a", "\\x{3a}", "\\072", "\\cJ", "\\p{Zs}", "\\p{P}",
                                    "[:\\-]", "[:]", "(?x)a", "\\:", "\\-", "a-b", "x\\}", "\\{x", "x{,2}", "\\R",
                                    "\\X", "\\N", "\\h", "\\v", "\\Q:\\E", "[[:punct:]]", "[[:space:]]", "[\\W]",
                                    "[^\\w]", "[]a]", "(?m)^a", "(?<=\\s)a", "a(?!-)", "(a)\\1", "\\G", "(*UTF)a",
                                    "(?s)a.", "(?-i)a b", "(?i:x\\|)", "(?<n>a)\\k<n>", "\\e", "\\f", "\\r", "\\\\"})
            QTest::addRow("%s", pattern) << QString::fromUtf8(pattern) << true;
        // Never: the fast cases, which must not render panes.
        for (const char *pattern : {"module\\d+\\.cpp", "get[A-Z][a-z]+Data", "Traceback", "(?i)traceback", "\\bfoo\\b",
                                    "^foo$", "a{2,3}", "[a-z_0-9]+", "(?:a|b)+", "(?<name>x)y", "(?'q'x)y", "(?P<p>x)y",
                                    "(?=abc)a", "(?<!\\w)a", "\\Qa.b\\E", "\\x41", "\\p{L}+", "\\pL", "[[:alpha:]]+",
                                    "caf\u00e9\\w+", "(?#note)a", "x*?y+?z??", "\\d{4}", "(?>ab)", "(?|(a)|(b))",
                                    "\\Aab\\z", "a\\Kb", "[^\\x00-\\x7f]", "(?i)[k]", "x|"})
            QTest::addRow("%s", pattern) << QString::fromUtf8(pattern) << false;
    }

    void whichPatternsReachLayout()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, reaches);
        QVERIFY(QRegularExpression(pattern).isValid());
        QCOMPARE(LayoutReach::mayReachLayout(pattern, QRegularExpression::UseUnicodePropertiesOption), reaches);
        QCOMPARE(LayoutReach::mayReachLayout(pattern, QRegularExpression::UseUnicodePropertiesOption
                                                          | QRegularExpression::CaseInsensitiveOption),
                 reaches);
    }

    void fastPatternsNeedNoPaneText_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("wholeWord");
        for (const char *pattern : {"module\\d+\\.cpp", "get[A-Z][a-z]+Data", "Traceback", "xyzzy_\\w+", "qwerty[0-9]+",
                                    "[A-Z][a-z]+Error", "\\w+", "caf\u00e9\\w+"}) {
            for (int variant = 0; variant < 4; ++variant)
                QTest::addRow("%s %d", pattern, variant) << QString::fromUtf8(pattern) << bool(variant & 1) << bool(variant & 2);
        }
    }

    void fastPatternsNeedNoPaneText()
    {
        // The engine's decision, not a time: these patterns never render an entry's pane.
        QFETCH(QString, pattern);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, wholeWord);
        SearchQuery query;
        query.pattern = pattern;
        query.regex = true;
        query.caseSensitive = caseSensitive;
        query.wholeWord = wholeWord;
        QVERIFY(!SearchEngine(query, EntryText::Mode::Readable).searchesShownText());
        QVERIFY(!SearchEngine(query, EntryText::Mode::Json).searchesShownText());
    }

    void entriesMatchingLayoutPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QList<int>>("entries"); // of handMadeEntries, worked out from the pane's text
        const QList<int> all{0, 1, 2, 3, 4, 5, 6};
        const QList<int> withKeys{1, 2, 3, 4, 5};
        // The block marker of a multi-line string (` |`), and a bar in a value.
        QTest::addRow("bar") << QStringLiteral("\\|") << QList<int>{1, 6};
        // Every pane ends its sections with line breaks.
        QTest::addRow("line break") << QStringLiteral("\\n") << all;
        QTest::addRow("opening bracket") << QStringLiteral("\\[") << QList<int>{4};
        QTest::addRow("empty object") << QStringLiteral("\\{\\}") << QList<int>{4};
        QTest::addRow("empty string") << QStringLiteral("\\x22\\x22") << QList<int>{5};
        // `exit_code: 0`: "e", a colon, a space, "0".
        QTest::addRow("dot") << QStringLiteral("e..0") << QList<int>{3};
        // `- a.py`: a space before the "a", where the search text has the value's start.
        QTest::addRow("not a letter, then a") << QStringLiteral("[^a-z]a") << QList<int>{2};
        QTest::addRow("item marker") << QStringLiteral("\\-") << QList<int>{2};
        QTest::addRow("space then a") << QStringLiteral("\\x20a\\.") << QList<int>{2};
        // Not a word character: the prose's spaces, and the layout of every other pane.
        QTest::addRow("non-word") << QStringLiteral("\\W") << all;
        QTest::addRow("colon, hex") << QStringLiteral("\\x3a") << withKeys;
        QTest::addRow("colon, class") << QStringLiteral("[:]") << withKeys;
        QTest::addRow("colon or dash") << QStringLiteral("[:\\-]") << withKeys;
        QTest::addRow("key's end") << QStringLiteral("e\\x3a") << QList<int>{3};
        QTest::addRow("space separator") << QStringLiteral("\\p{Zs}0") << QList<int>{3};
        QTest::addRow("extended mode") << QStringLiteral("(?x) e : \\  0") << QList<int>{3};
        QTest::addRow("escaped colon") << QStringLiteral("code\\:") << QList<int>{3};
        QTest::addRow("lookbehind") << QStringLiteral("(?<=\\s)b\\.py") << QList<int>{2};
        QTest::addRow("none") << QStringLiteral("Traceback") << QList<int>{};
    }

    void entriesMatchingLayoutPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QList<int>, entries);
        SearchQuery query;
        query.pattern = pattern;
        query.regex = true;
        query.caseSensitive = true;
        const SearchEngine engine(query, EntryText::Mode::Readable);
        QList<int> found;
        for (int i = 0; i < handMadeEntries().size(); ++i) {
            if (engine.countMatches(SearchText::fromRawEntryJson(handMadeEntries().at(i))) > 0)
                found.append(i);
        }
        QCOMPARE(found, entries);
    }

    void randomPatternsOfAnyKindMatchTheRenderedPane()
    {
        // Every pattern, whether or not the engine renders panes for it, against a reference
        // that renders every entry's pane and matches it and the values.
        QRandomGenerator rng(20261207);
        QList<RenderedEntry> entries;
        for (const QByteArray &json : anyKindEntries(rng, 150)) {
            RenderedEntry entry{json, QString::fromUtf8(SearchText::fromEntryJson(json).bytes).split(QChar(u'\0')),
                                EntryText::searchable(json, EntryText::Mode::Readable)};
            entries.append(entry);
        }
        int withoutPane = 0;    // patterns the engine answers from the values alone
        int withPane = 0;       // ... and those it also looks for in the pane's text
        qint64 paneOnly = 0;    // entries only the pane's text holds a match in
        qint64 matched = 0;
        qint64 unmatched = 0;
        for (int k = 0; k < 1500; ++k) {
            SearchQuery query;
            query.caseSensitive = rng.bounded(2) == 0;
            query.wholeWord = rng.bounded(5) == 0;
            query.regex = true;
            query.pattern = anyKindPattern(rng);
            if (!query.isValid())
                continue;
            const SearchEngine engine(query, EntryText::Mode::Readable);
            (engine.searchesShownText() ? withPane : withoutPane) += 1;
            const QRegularExpression re = query.regularExpression();
            for (const RenderedEntry &entry : std::as_const(entries)) {
                const qint64 expected = referenceCount(entry, re);
                const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(entry.json));
                if (counted != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 (%2%3) in %4: %5, rendered %6")
                                         .arg(query.pattern, query.caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                                              query.wholeWord ? QStringLiteral(", whole word") : QString(),
                                              QString::fromUtf8(entry.json))
                                         .arg(counted)
                                         .arg(expected)));
                (expected > 0 ? matched : unmatched) += 1;
                bool inValues = false;
                for (const QString &segment : entry.segments)
                    inValues = inValues || re.match(segment).hasMatch();
                if (expected > 0 && !inValues)
                    ++paneOnly;
            }
        }
        qInfo("patterns answered from the values %d, also from the pane %d; entries only the pane holds a match in "
              "%lld, matched %lld, unmatched %lld",
              withoutPane, withPane, paneOnly, matched, unmatched);
        QVERIFY2(withoutPane > 400 && withPane > 500 && paneOnly > 2000 && matched > 20000 && unmatched > 20000,
                 qPrintable(QStringLiteral("%1 %2 %3 %4 %5").arg(withoutPane).arg(withPane).arg(paneOnly).arg(matched).arg(unmatched)));
    }
};

QTEST_GUILESS_MAIN(TestLayoutCrossing)
#include "tst_layoutcrossing.moc"
