// SPDX-License-Identifier: MIT
// Search correctness: what text of an entry is searched (decoded JSON, keys, field boundaries),
// plain / case / whole word / regex matching, Unicode, and the byte fast path against the
// Unicode reference path on random text.

#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchtext.h"

#include <QRandomGenerator>
#include <QTest>

namespace {

const QByteArray kEntry = QByteArrayLiteral(
    "{\"agent_run_id\": 987654, \"created_at\": \"2025-06-21 12:06:31.108894\", \"message_type\": \"ACTION\", "
    "\"tool_name\": \"view_file\", \"thought\": \"Let me check the parser.\", \"observation\": {\"status\": \"success\"}, "
    "\"tool_input\": {\"path\": \"src/main.cpp\", \"a\": \"foo\", \"b\": \"bar\", \"flag\": null}, "
    "\"tool_output\": {\"output\": \"line one\\nint main() {\\n    return \\\"ok\\\";\\n}\\n\", \"exit_code\": 0}, "
    "\"x_custom\": \"extra value\"}");

SearchQuery query(const QString &pattern, bool caseSensitive = false, bool wholeWord = false, bool regex = false)
{
    SearchQuery q;
    q.pattern = pattern;
    q.caseSensitive = caseSensitive;
    q.wholeWord = wholeWord;
    q.regex = regex;
    return q;
}

QByteArray thoughtEntry(const QByteArray &jsonStringContent)
{
    return "{\"agent_run_id\": 1, \"message_type\": \"PLAN_EVALUATION\", \"tool_name\": null, \"thought\": \""
        + jsonStringContent + "\"}";
}

} // namespace

class TestSearchEngine : public QObject
{
    Q_OBJECT
private slots:
    void countMatches_data();
    void countMatches();
    void invalidRegex();
    void emptyPattern();
    void searchText();
    void findRanges_data();
    void findRanges();
    void onlyLongSAndKelvinFoldIntoAscii();
    void bytePathAgreesWithUnicodePath();
    void wholeCorpus();
    void malformedJsonIsSearchedAsShown_data();
    void malformedJsonIsSearchedAsShown();
};

void TestSearchEngine::countMatches_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<qint64>("expected");

    const auto row = [](const char *name, const QByteArray &json, const QString &pattern, bool cs, bool ww, bool re,
                        qint64 expected) { QTest::addRow("%s", name) << json << pattern << cs << ww << re << expected; };
    const auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };

    // Plain text and case.
    row("plain", kEntry, s("parser"), false, false, false, 1);
    row("plain ci upper", kEntry, s("PARSER"), false, false, false, 1);
    row("plain cs upper", kEntry, s("PARSER"), true, false, false, 0);
    row("plain cs exact", kEntry, s("Let me"), true, false, false, 1);
    row("message type", kEntry, s("action"), false, false, false, 1);
    row("tool name", kEntry, s("view_file"), true, false, false, 1);
    row("nested value", kEntry, s("success"), false, false, false, 1);
    row("unknown field value", kEntry, s("extra value"), false, false, false, 1);
    row("one char, many", thoughtEntry("qqqq"), s("q"), false, false, false, 4);
    row("non-overlapping", thoughtEntry("qqqq"), s("qq"), false, false, false, 2);
    row("needle longer than text", thoughtEntry("ab"), s("abc"), false, false, false, 0);
    row("long text, 40 hits", thoughtEntry(QByteArray("the parser ").repeated(40)), s("parser"), false, false, false, 40);

    // The text as shown: escapes decoded.
    row("across escaped newline", kEntry, s("line one\nint main()"), true, false, false, 1);
    row("escaped quotes", kEntry, s("return \"ok\";"), true, false, false, 1);
    row("raw escape text is not shown", kEntry, s("\\\"ok\\\""), false, false, false, 0);
    row("backslash-n is not shown", kEntry, s("one\\nint"), false, false, false, 0);
    row("\\u00e9 is é", thoughtEntry("caf\\u00e9 au lait"), s("café"), true, false, false, 1);
    row("\\u00e9 is É ci", thoughtEntry("caf\\u00e9"), s("CAFÉ"), false, false, false, 1);
    row("escaped slash", thoughtEntry("src\\/main.cpp"), s("src/main.cpp"), true, false, false, 1);
    row("surrogate pair escape", thoughtEntry("go \\ud83d\\ude80 now"), s("🚀 now"), true, false, false, 1);
    row("CR LF is one break", thoughtEntry("a\\r\\nb"), s("a\nb"), true, false, false, 1);
    row("control shown as escape", thoughtEntry("\\u0007bell"), s("\\u0007bell"), true, false, false, 1);
    row("tab", thoughtEntry("a\\tb"), s("a\tb"), true, false, false, 1);

    // Keys, values and what is left out.
    row("nested key", kEntry, s("path"), true, false, false, 1);
    row("nested number key", kEntry, s("exit_code"), true, false, false, 1);
    row("nested null", kEntry, s("null"), true, false, false, 1); // "flag": null, not the top level
    row("top-level key is a heading", kEntry, s("thought"), false, false, false, 0);
    row("top-level key tool_output", kEntry, s("tool_output"), false, false, false, 0);
    row("unknown top-level key", kEntry, s("x_custom"), true, false, false, 1);
    row("run id left out", kEntry, s("987654"), false, false, false, 0);
    row("created_at left out", kEntry, s("2025-06-21"), false, false, false, 0);

    // Field boundaries.
    row("no match across values", kEntry, s("foobar"), false, false, false, 0);
    row("no match across key and value", kEntry, s("afoo"), false, false, false, 0);
    row("regex dot not across values", kEntry, s("foo.bar"), false, false, true, 0);
    row("regex class not across values", kEntry, s("foo[^x]+bar"), false, false, true, 0);
    row("regex anchors per value", kEntry, s("^foo$"), false, false, true, 1);
    row("regex line anchors", kEntry, s("^line one"), false, false, true, 1);

    // Whole word.
    row("ww", thoughtEntry("test tests testing test_x attest test."), s("test"), false, true, false, 2);
    row("not ww", thoughtEntry("test tests testing test_x attest test."), s("test"), false, false, false, 6);
    row("ww ci", thoughtEntry("Test TEST tEsTs"), s("test"), false, true, false, 2);
    row("ww cs", thoughtEntry("Test TEST test"), s("test"), true, true, false, 1);
    row("ww unicode letter before", thoughtEntry("\\u00e9foo foo"), s("foo"), false, true, false, 1);
    row("ww unicode letter after", thoughtEntry("fooé foo"), s("foo"), false, true, false, 1);
    row("ww digits are word", thoughtEntry("foo1 foo"), s("foo"), false, true, false, 1);
    row("ww punctuation edges", thoughtEntry("f(x) (x)"), s("(x)"), false, true, false, 2);
    row("ww value edges", kEntry, s("foo"), false, true, false, 1);
    row("ww rejected then found", thoughtEntry("foofoo foo"), s("foo"), false, true, false, 1);
    row("ww regex", thoughtEntry("test tests"), s("tes."), false, true, true, 1);
    row("ww regex punctuation", thoughtEntry("f(x) (x)"), s("\\(x\\)"), false, true, true, 2);

    // Unicode.
    row("É/é ci", thoughtEntry("\\u00c9t\\u00e9 \\u00e9t\\u00e9"), s("été"), false, false, false, 2);
    row("É/é cs", thoughtEntry("\\u00c9t\\u00e9 \\u00e9t\\u00e9"), s("été"), true, false, false, 1);
    row("ci needle upper non-ascii", thoughtEntry("été"), s("ÉTÉ"), false, false, false, 1);
    row("ß simple folding: not SS", thoughtEntry("Straße"), s("STRASSE"), false, false, false, 0);
    row("ß ci with ß", thoughtEntry("STRAßE"), s("straße"), false, false, false, 1);
    row("Kelvin sign folds to k", thoughtEntry("\\u212aelvin kelvin"), s("kelvin"), false, false, false, 2);
    row("Kelvin sign cs", thoughtEntry("\\u212aelvin kelvin"), s("kelvin"), true, false, false, 1);
    row("long s folds to s", thoughtEntry("ſtop stop"), s("STOP"), false, false, false, 2);
    row("Greek ci", thoughtEntry("ΣΟΦΊΑ σοφία"), s("σοφία"), false, false, false, 2);
    row("Cyrillic ci", thoughtEntry("Привет ПРИВЕТ"), s("привет"), false, false, false, 2);
    row("emoji", thoughtEntry("done ✅ and ✅"), s("✅"), false, false, false, 2);
    row("emoji astral", thoughtEntry("🚀🚀 🎉"), s("🚀"), true, false, false, 2);
    row("emoji ci", thoughtEntry("Launch 🚀 now"), s("LAUNCH 🚀"), false, false, false, 1);
    row("RTL", thoughtEntry("שלום עולם"), s("עולם"), false, false, false, 1);
    row("RTL ww", thoughtEntry("שלום עולםים עולם"), s("עולם"), false, true, false, 1);
    row("Arabic", thoughtEntry("مرحبا بالعالم"), s("بالعالم"), true, false, false, 1);
    row("CJK", thoughtEntry("解析器返回空值"), s("返回"), true, false, false, 1);
    row("CJK ww inside letters", thoughtEntry("解析器返回空值"), s("返回"), true, true, false, 0);
    row("regex unicode class", thoughtEntry("été"), s("\\wt\\w"), true, false, true, 1);
    row("regex ci unicode", thoughtEntry("ÉTÉ"), s("été"), false, false, true, 1);

    // Regular expressions.
    row("regex", kEntry, s("ma[a-z]n"), true, false, true, 2);
    row("regex ci", kEntry, s("MAIN\\(\\)"), false, false, true, 1);
    row("regex cs", kEntry, s("MAIN\\(\\)"), true, false, true, 0);
    row("regex alternation", kEntry, s("foo|bar"), false, false, true, 2);
    row("regex across escaped newline", kEntry, s("one\\nint"), false, false, true, 1);
    row("regex empty matches do not count", kEntry, s("z*"), false, false, true, 0);
    row("regex plain metachar is literal", thoughtEntry("a.c abc"), s("a.c"), false, false, false, 1);
    row("regex metachar", thoughtEntry("a.c abc"), s("a.c"), false, false, true, 2);

    row("not JSON: shown as is", QByteArray("plain text, not JSON"), s("not json"), false, false, false, 1);
}

void TestSearchEngine::countMatches()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);
    QFETCH(qint64, expected);

    const SearchEngine engine(query(pattern, caseSensitive, wholeWord, regex));
    QVERIFY(engine.isValid());
    const SearchText text = SearchText::fromEntryJson(json);
    QCOMPARE(engine.countMatches(text), expected);
    QCOMPARE(engine.matches(text), expected > 0);
    if (expected > 1)
        QCOMPARE(engine.countMatches(text, 1), 1);
}

void TestSearchEngine::invalidRegex()
{
    const SearchQuery q = query(QStringLiteral("foo(bar"), false, false, true);
    QVERIFY(!q.isValid());
    QVERIFY(q.errorOffset() >= 0);
    QVERIFY2(q.errorText().contains(QStringLiteral("at character")), qPrintable(q.errorText()));
    QVERIFY2(q.errorText().contains(QStringLiteral("parenthes")), qPrintable(q.errorText()));

    const SearchEngine engine(q);
    QVERIFY(!engine.isValid());
    QVERIFY(engine.isNull());
    QCOMPARE(engine.errorText(), q.errorText());
    QCOMPARE(engine.countMatches(SearchText::fromEntryJson(kEntry)), 0);
    QVERIFY(engine.findRanges(u"foo(bar").isEmpty());

    SearchCorpus corpus;
    corpus.setText(0, SearchText::fromEntryJson(kEntry));
    const SearchResult result = engine.search(corpus);
    QCOMPARE(result.error, q.errorText());
    QCOMPARE(result.entryCount, 0);

    // The same text as plain text is valid and found; whole word does not make an invalid
    // expression valid (the wrapper must not hide the user's error).
    QVERIFY(query(QStringLiteral("foo(bar")).isValid());
    QVERIFY(!query(QStringLiteral("a)|(b"), false, true, true).isValid());
    QVERIFY(!query(QStringLiteral("[z-a]"), false, false, true).isValid());
    QVERIFY(!query(QStringLiteral("\\"), false, false, true).errorText().isEmpty());
    QVERIFY(query(QStringLiteral("a(b)c"), false, false, true).errorText().isEmpty());
}

void TestSearchEngine::emptyPattern()
{
    const SearchEngine engine(query(QString()));
    QVERIFY(engine.isValid());
    QVERIFY(engine.isNull());
    QCOMPARE(engine.countMatches(SearchText::fromEntryJson(kEntry)), 0);
    QVERIFY(engine.findRanges(u"anything").isEmpty());
    // A NUL can never be shown, so it never matches (and never the separators).
    const SearchEngine nul(query(QString(QChar(0))));
    QCOMPARE(nul.countMatches(SearchText::fromEntryJson(kEntry)), 0);
}

void TestSearchEngine::searchText()
{
    const SearchText text = SearchText::fromEntryJson(kEntry);
    QVERIFY(text.isIndexed());
    QVERIFY(!text.hasNonAscii());
    const QList<QByteArray> segments = text.bytes.split('\0');
    const QList<QByteArray> expected = {"ACTION", "view_file", "Let me check the parser.", "status", "success",
                                        "path", "src/main.cpp", "a", "foo", "b", "bar", "flag", "null",
                                        "output", "line one\nint main() {\n    return \"ok\";\n}\n", "exit_code", "0",
                                        "x_custom", "extra value"};
    QCOMPARE(segments, expected);
    QVERIFY(text.bytes.size() <= kEntry.size());

    const SearchText accents = SearchText::fromEntryJson(thoughtEntry("\\u212a"));
    QVERIFY(accents.hasNonAscii());
    QVERIFY(accents.foldsIntoAscii());
    QVERIFY(!SearchText::fromEntryJson(thoughtEntry("été")).foldsIntoAscii());
}

void TestSearchEngine::findRanges_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<QList<TextRange>>("expected");

    const auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };
    QTest::addRow("ci accents") << s("Héllo wörld, HÉLLO") << s("héllo") << false << false << false
                                << QList<TextRange>{{0, 5}, {13, 5}};
    QTest::addRow("cs") << s("Héllo wörld, HÉLLO") << s("HÉLLO") << true << false << false
                        << QList<TextRange>{{13, 5}};
    QTest::addRow("astral in UTF-16 units") << s("a🚀b🚀") << s("🚀") << true << false << false
                                            << QList<TextRange>{{1, 2}, {4, 2}};
    QTest::addRow("ww") << s("test tests test") << s("test") << false << true << false
                        << QList<TextRange>{{0, 4}, {11, 4}};
    QTest::addRow("regex") << s("a1 b22 c333") << s("\\d+") << false << false << true
                           << QList<TextRange>{{1, 1}, {4, 2}, {8, 3}};
    QTest::addRow("regex empty alternatives") << s("ab") << s("x*|b") << false << false << true
                                              << QList<TextRange>{{1, 1}};
    QTest::addRow("across lines") << s("one\ntwo") << s("e\nt") << false << false << false
                                  << QList<TextRange>{{2, 3}};
}

void TestSearchEngine::findRanges()
{
    QFETCH(QString, text);
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);
    QFETCH(QList<TextRange>, expected);

    const SearchEngine engine(query(pattern, caseSensitive, wholeWord, regex));
    const QList<TextRange> ranges = engine.findRanges(text);
    QCOMPARE(ranges.size(), expected.size());
    for (qsizetype k = 0; k < ranges.size(); ++k) {
        QCOMPARE(ranges.at(k).start, expected.at(k).start);
        QCOMPARE(ranges.at(k).length, expected.at(k).length);
    }
    if (!expected.isEmpty())
        QCOMPARE(engine.findRanges(text, 1).size(), 1);
}

void TestSearchEngine::onlyLongSAndKelvinFoldIntoAscii()
{
    // SearchText flags rows holding these so that the ASCII fast path is exact; if Qt's tables
    // ever gain another such character, this fails and the list in searchtext.cpp must grow.
    QList<char32_t> found;
    for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
        if (QChar::toCaseFolded(cp) < 0x80)
            found.append(cp);
    }
    QCOMPARE(found, (QList<char32_t>{0x17F, 0x212A}));
}

void TestSearchEngine::bytePathAgreesWithUnicodePath()
{
    // The byte scan (SSE2, folded on the fly) must count what QStringMatcher finds in the same
    // text as one piece: random text over a small alphabet full of traps.
    const QStringList alphabet = {QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("b"), QStringLiteral("k"),
                                  QStringLiteral("K"), QString(QChar(0x212A)), QString(QChar(0x17F)), QStringLiteral("s"),
                                  QStringLiteral("S"), QString::fromUtf8("é"), QString::fromUtf8("É"),
                                  QString::fromUtf8("ß"), QString::fromUtf8("🚀"), QStringLiteral(" "),
                                  QStringLiteral("_"), QStringLiteral("."), QStringLiteral("1")};
    QRandomGenerator rng(42);
    const auto randomText = [&](int maxLength) {
        QString t;
        const int n = int(rng.bounded(maxLength + 1));
        for (int k = 0; k < n; ++k)
            t += alphabet.at(rng.bounded(int(alphabet.size())));
        return t;
    };
    int compared = 0;
    for (int round = 0; round < 4000; ++round) {
        const QString text = randomText(80);
        QString needle = randomText(4);
        if (needle.isEmpty())
            needle = QStringLiteral("a");
        const SearchText searchText = SearchText::fromSegments({text.toUtf8()});
        for (int mode = 0; mode < 4; ++mode) {
            const SearchEngine engine(query(needle, mode & 1, mode & 2));
            const qint64 reference = engine.findRanges(text).size();
            const qint64 fast = engine.countMatches(searchText);
            if (fast != reference) {
                QFAIL(qPrintable(QStringLiteral("text \"%1\" needle \"%2\" cs %3 ww %4: %5 vs %6")
                                     .arg(text, needle)
                                     .arg(mode & 1)
                                     .arg(mode & 2)
                                     .arg(fast)
                                     .arg(reference)));
            }
            ++compared;
        }
    }
    QVERIFY(compared > 0);
}

void TestSearchEngine::wholeCorpus()
{
    SearchCorpus corpus;
    corpus.resize(5);
    corpus.setText(1, SearchText::fromEntryJson(thoughtEntry("parser parser")));
    corpus.setText(3, SearchText::fromEntryJson(thoughtEntry("nothing")));
    corpus.setText(4, SearchText::fromEntryJson(thoughtEntry("the PARSER")));
    QCOMPARE(corpus.indexedCount(), 3);
    const SearchResult result = SearchEngine(query(QStringLiteral("parser"))).search(corpus);
    QCOMPARE(result.matchingRows, (QVector<int>{1, 4}));
    QCOMPARE(result.matchCount, 3);
    QCOMPARE(result.entryCount, 2);
    QCOMPARE(result.searchedRows, 3);
    QVERIFY(result.complete);

    // Snapshots are independent of later changes.
    const SearchCorpus snapshot = corpus;
    corpus.setText(0, SearchText::fromEntryJson(thoughtEntry("parser")));
    corpus.clearText(1);
    QCOMPARE(SearchEngine(query(QStringLiteral("parser"))).search(snapshot).matchingRows, (QVector<int>{1, 4}));
    QCOMPARE(SearchEngine(query(QStringLiteral("parser"))).search(corpus).matchingRows, (QVector<int>{0, 4}));
    corpus.resize(2);
    QCOMPARE(corpus.indexedCount(), 1);
}

void TestSearchEngine::malformedJsonIsSearchedAsShown_data()
{
    // The expected texts follow SearchText's documented rules, worked out by hand: a key below
    // the top level or an unknown top-level key is a segment, every string value is one, a
    // broken escape stays as written, a raw control byte becomes its "\u00XX" text, and text
    // that does not start an object is one segment, exactly as given.
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("text");
    const QByteArray sep(1, '\0');
    QTest::addRow("empty") << QByteArray() << QByteArray();
    QTest::addRow("open brace") << QByteArray("{") << QByteArray();
    QTest::addRow("key only") << QByteArray("{\"a\"") << QByteArray("a");
    QTest::addRow("key and colon") << QByteArray("{\"a\":") << QByteArray("a");
    QTest::addRow("unterminated string") << QByteArray("{\"a\": \"unterminated") << "a" + sep + "unterminated";
    QTest::addRow("backslash at the end") << QByteArray("{\"a\": \"x\\") << "a" + sep + "x\\";
    QTest::addRow("short \\u escape") << QByteArray("{\"a\": \"\\u12\"}") << "a" + sep + "\\u12";
    QTest::addRow("lone surrogate") << QByteArray("{\"a\": \"\\ud800\"}") << "a" + sep + "\xEF\xBF\xBD";
    QTest::addRow("array") << QByteArray("[1, 2]") << QByteArray("[1, 2]");
    QTest::addRow("string") << QByteArray("\"just a string\"") << QByteArray("\"just a string\"");
    QTest::addRow("nested arrays") << QByteArray("{\"a\": [[[[[[[[\"deep\"]]]]]]]]}") << "a" + sep + "deep";
    QTest::addRow("trailing text") << QByteArray("{\"a\": \"x\"} trailing") << "a" + sep + "x";
    QTest::addRow("raw NUL in a string") << QByteArray("{\"a\": \"\0\"}", 11) << "a" + sep + "\\u0000";
    QTest::addRow("closers only") << QByteArray("}}}]]]") << QByteArray("}}}]]]");
    QTest::addRow("invalid UTF-8") << QByteArray("{\"\xff\xfe\": \"\xc3\"}") << "\xff\xfe" + sep + "\xc3";
}

void TestSearchEngine::malformedJsonIsSearchedAsShown()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, text);
    const SearchText searched = SearchText::fromEntryJson(input);
    QVERIFY(searched.isIndexed());
    QCOMPARE(searched.bytes, text);
    // Searching it never fails either; a word of its own is found exactly where it is.
    QCOMPARE(SearchEngine(query(QStringLiteral("a"))).countMatches(searched), qint64(text.count('a')));
}

QTEST_GUILESS_MAIN(TestSearchEngine)
#include "tst_searchengine.moc"
