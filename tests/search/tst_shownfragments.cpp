// SPDX-License-Identifier: MIT
// The raw-bytes prefilter of "search what the pane shows" (issue 27, stumble 1; issue 25's
// speed): a needle's fragments and the layout around them, written by hand, then the search of
// generated entries full of layout, escapes and multi-line strings against a reference that
// renders every entry's pane text (identical results for every random needle and pattern).

#include "run/entrytext.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchtext.h"
#include "search/shownfragments.h"
#include "randomjson.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

namespace {

using ShownFragments::Fragment;

QString describe(const QList<Fragment> &fragments)
{
    QStringList out;
    for (const Fragment &f : fragments)
        out << QStringLiteral("%1%2%3").arg(f.layoutBefore ? QStringLiteral("|") : QString(),
                                            QString::fromUtf8(f.bytes), f.layoutAfter ? QStringLiteral("|") : QString());
    return out.join(u' ');
}

// Pieces of generated values: words that are also key names, layout the pane uses, every
// escape that decodes to layout, multi-line text, non-ASCII letters.
const QList<QByteArray> &pieces()
{
    static const QList<QByteArray> list = {
        "exit", "code", "exit_code", "exit code 1", "timeout", "Command succeeded", "summary", "a: b", "- item",
        "x | y", "\\n", "\\t", "\\\"", "\\\\", "\\r\\n", " ", ": ", "-", ",", "[", "]", "{", "}", "120", "0",
        "caf\xC3\xA9", "CAF\xC3\x89", "\xE2\x84\xAA" "elvin", "line\\n  indented", "|", "ok"};
    return list;
}

QByteArray randomText(QRandomGenerator &rng)
{
    QByteArray text;
    const int n = rng.bounded(1, 7);
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
        [](QRandomGenerator &r) { return QByteArray::number(r.bounded(200)); },
        [](QRandomGenerator &r) { return r.bounded(2) ? QByteArray("true") : QByteArray("null"); }};
    return RandomJson::value(rng, shape, depth);
}

QList<QByteArray> generatedEntries(QRandomGenerator &rng, int count)
{
    static const QList<QByteArray> fields = {"thought", "observation", "tool_input", "tool_output", "review_state"};
    QList<QByteArray> entries;
    for (int i = 0; i < count; ++i) {
        QByteArray entry = "{\"agent_run_id\": 7, \"message_type\": \"ACTION\"";
        for (int k = 0, n = rng.bounded(1, 4); k < n; ++k) {
            const QByteArray &field = fields.at(rng.bounded(int(fields.size())));
            const bool text = field == "thought" || (field == "observation" && rng.bounded(2));
            entry += ", \"" + field + "\": " + (text ? '"' + randomText(rng) + '"' : randomValue(rng, 0));
        }
        entries.append(entry + '}');
    }
    return entries;
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

class TestShownFragments : public QObject
{
    Q_OBJECT

private slots:
    void fragments_data()
    {
        QTest::addColumn<QByteArray>("needle");
        QTest::addColumn<bool>("asciiOnly");
        QTest::addColumn<QString>("fragments"); // |x: layout before, x|: after
        QTest::addRow("words") << QByteArray("exit code ") << false << QStringLiteral("exit| |code|");
        QTest::addRow("key and value") << QByteArray("exit_code: 0") << false << QStringLiteral("exit_code| |0");
        QTest::addRow("list item") << QByteArray("- src/b.cpp") << false << QStringLiteral("|src/b.cpp");
        QTest::addRow("no layout") << QByteArray("parser") << false << QStringLiteral("parser");
        QTest::addRow("only layout") << QByteArray(": -") << false << QString();
        QTest::addRow("non-ASCII splits, is no layout") << QByteArray("caf\xC3\xA9 bar") << true << QStringLiteral("caf |bar");
        QTest::addRow("non-ASCII kept") << QByteArray("caf\xC3\xA9 bar") << false
                                        << QStringLiteral("caf\u00e9| |bar");
    }

    void fragments()
    {
        QFETCH(QByteArray, needle);
        QFETCH(bool, asciiOnly);
        QFETCH(QString, fragments);
        QCOMPARE(describe(ShownFragments::of(needle, asciiOnly)), fragments);
    }

    void layoutAroundInTheJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("holds");
        // "exit code " needs "exit" then layout, and "code" after layout, then layout.
        QTest::addRow("a key name only") << QByteArray(R"({"exit_code": 0, "x": "error code"})") << false;
        QTest::addRow("the words as written") << QByteArray(R"({"x": "exit code 1"})") << true;
        QTest::addRow("a value, then a key") << QByteArray(R"({"a": "exit", "code": 1})") << true;
        QTest::addRow("after an escape") << QByteArray(R"({"a": "exit\ncode\n"})") << true;
        QTest::addRow("exiting") << QByteArray(R"({"a": "exiting codes"})") << false;
        QTest::addRow("at the ends") << QByteArray("exit code") << true;
        QTest::addRow("any case") << QByteArray(R"({"a": "EXIT CODE"})") << true;
    }

    void layoutAroundInTheJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, holds);
        QCOMPARE(ShownFragments::allIn(json, ShownFragments::of("exit code ", false), true), holds);
    }

    void keyNamesNoLongerRenderEveryToolCall()
    {
        // The bar's `exit code [1-9]`: a tool call's `exit_code` key holds both words, but not
        // as the pane could show them with a space between, so its entry is not rendered; one
        // whose output says "exit code 2" in a value is found.
        SearchQuery query;
        query.pattern = QStringLiteral("exit code [1-9]");
        query.regex = true;
        const SearchEngine engine(query, EntryText::Mode::Readable);
        QVERIFY(engine.searchesShownText());
        QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(
                     R"({"agent_run_id": 7, "tool_output": {"exit_code": 2, "summary": "Command failed"}})")),
                 0);
        QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(
                     R"({"agent_run_id": 7, "tool_output": {"status": "exit", "code": 2}})")),
                 0); // the pane shows "status: exit" and "code: 2" on lines of their own
        QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(
                     R"({"agent_run_id": 7, "tool_output": {"stderr": "failed with exit code 2"}})")),
                 1);
        QCOMPARE(engine.countMatches(
                     SearchText::fromRawEntryJson(R"({"agent_run_id": 7, "thought": "the last exit\ncode 3 came"})")),
                 0);
        QCOMPARE(engine.countMatches(
                     SearchText::fromRawEntryJson(R"({"agent_run_id": 7, "review": ["exit", "code 3"]})")),
                 0);
    }

    void randomNeedlesMatchTheRenderedPane()
    {
        QRandomGenerator rng(20261207);
        const QList<QByteArray> json = generatedEntries(rng, 120);
        QStringList shown[2];
        for (const QByteArray &entry : json) {
            shown[0] << EntryText::searchable(entry, EntryText::Mode::Readable);
            shown[1] << EntryText::searchable(entry, EntryText::Mode::Json);
        }
        qint64 matched = 0;
        qint64 unmatched = 0;
        for (int k = 0; k < 1200; ++k) {
            const int modeIndex = rng.bounded(2);
            const EntryText::Mode mode = modeIndex ? EntryText::Mode::Json : EntryText::Mode::Readable;
            // A cut of some entry's pane text that spans its layout, as a user copies it.
            const QString &from = shown[modeIndex].at(rng.bounded(int(json.size())));
            if (from.size() < 3)
                continue;
            const qsizetype start = rng.bounded(int(from.size()) - 2);
            QString cut = from.mid(start, rng.bounded(3, 16));
            // Needles without these are searched in the search text alone, as plain words are.
            if (!cut.contains(u' ') && !cut.contains(u':') && !cut.contains(u'"') && !cut.contains(u','))
                continue;
            if (rng.bounded(3) == 0)
                cut = rng.bounded(2) ? cut.toUpper() : cut.toLower();
            SearchQuery query;
            query.caseSensitive = rng.bounded(2) == 0;
            query.regex = rng.bounded(2) == 0;
            query.pattern = query.regex ? QRegularExpression::escape(cut) : cut;
            if (query.regex && rng.bounded(2))
                query.pattern.replace(QStringLiteral("\\ "), QStringLiteral("\\s+")).replace(QStringLiteral("0"), QStringLiteral("\\d"));
            if (!query.isValid() || query.pattern.contains(QChar(0)))
                continue;
            const SearchEngine engine(query, mode);
            QRegularExpression re(query.regex ? query.pattern : QRegularExpression::escape(query.pattern),
                                  QRegularExpression::UseUnicodePropertiesOption);
            if (!query.caseSensitive)
                re.setPatternOptions(re.patternOptions() | QRegularExpression::CaseInsensitiveOption);
            for (const QByteArray &entry : json) {
                const qint64 expected = referenceCount(entry, re, mode);
                const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(entry));
                // Plain needles fold case as QStringMatcher does, not as PCRE2: compare whether
                // they are found; expressions by their counts.
                const bool same = query.regex ? counted == expected : (counted > 0) == (expected > 0);
                if (!same)
                    QFAIL(qPrintable(QStringLiteral("%1 %2 (%3, %4) in %5: %6, rendered %7")
                                         .arg(query.regex ? QStringLiteral("regex") : QStringLiteral("needle"), query.pattern,
                                              query.caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                                              modeIndex ? QStringLiteral("JSON") : QStringLiteral("Readable"),
                                              QString::fromUtf8(entry))
                                         .arg(counted)
                                         .arg(expected)));
                (expected > 0 ? matched : unmatched) += 1;
            }
        }
        QVERIFY2(matched > 2000 && unmatched > 20000, qPrintable(QStringLiteral("%1 %2").arg(matched).arg(unmatched)));
    }
};

QTEST_GUILESS_MAIN(TestShownFragments)
#include "tst_shownfragments.moc"
