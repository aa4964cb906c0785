// SPDX-License-Identifier: MIT
// The raw form of SearchText (an entry's JSON bytes and flags, decoded only when a row may
// match) counts exactly what the decoded text counts; its flags say when the raw bytes can
// hide a match; a corpus keeps the borrowed bytes of its rows alive, copies included.

#include "rows/logtablemodel.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchindexer.h"
#include "search/searchquery.h"
#include "search/searchtext.h"

#include <QRandomGenerator>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <sys/mman.h>
#include <unistd.h>
#endif
#include <cstring>

#include <memory>

namespace {

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
    return "{\"agent_run_id\": 987654, \"created_at\": \"2025-06-21 12:06:31.108894\", \"message_type\": \"ACTION\", "
           "\"thought\": \""
        + jsonStringContent + "\"}";
}

// Entries full of the places where raw JSON and the text search sees differ.
const QList<QByteArray> &entries()
{
    static const QList<QByteArray> list = {
        thoughtEntry("plain words, a parser and a file"),
        thoughtEntry("line one\\nparser\\tfile\\r\\nend"),
        thoughtEntry("say \\\"hi\\\" to C:\\\\dir\\\\file"),
        thoughtEntry("path a\\/b and a/b"),
        thoughtEntry("caf\\u00e9 and \\u0041bc and abc"),
        thoughtEntry("caf\xC3\xA9 \xC3\x89T\xC3\x89 \xE2\x84\xAA" "elvin \xC5\xBF" "ecret"),
        thoughtEntry("kelvin as an escape: \\u212aelvin"),
        thoughtEntry("back\\bspace form\\ffeed"),
        thoughtEntry("escaped backslash then u0041: \\\\u0041"),
        thoughtEntry(QByteArray("raw control \x01 byte", 18)),
        "{\"agent_run_id\": 987654, \"created_at\": \"2025-06-21\", \"thought\": \"nothing\", "
        "\"x_custom\": \"abc\", \"x_count\": 42, \"x_none\": null, "
        "\"tool_input\": {\"path\": \"src/parser.cpp\", \"n\": [1,2], \"flag\": null, \"deep\": {\"file\": true}}}",
        "[\"not an object\", \"parser\", \"a/b\"]",
        QByteArray("[\"not an object, with a NUL: \0 u0000\"]", 38),
        "{\"x_a\": \"unterminated parser",
        "{\"x_a\": \"backslash at the end\\",
        "{\"x_a\": \"short \\u12 escape\"}",
        "{\"x_a\": [[[[\"deep file\"]]]]} trailing parser",
        "}}}]]] parser",
        "{\"\xff\xfe\": \"\xc3 abc \xe2\x84\"}",
    };
    return list;
}

// What SearchText::visitSegments hands over for an entry's JSON, joined by separators as
// fromEntryJson joins its segments (the two must agree byte for byte).
QByteArray visitedText(QByteArrayView json)
{
    struct Joined
    {
        QByteArray text;
        int segments = 0;
    } joined;
    SearchText::visitSegments(json, [](void *context, QByteArrayView segment) {
        Joined &out = *static_cast<Joined *>(context);
        if (out.segments++ > 0)
            out.text.append(SearchText::kSeparator);
        out.text.append(segment.data(), segment.size());
        return true;
    }, &joined);
    return joined.text;
}

// The message of an entry whose visited text is not fromEntryJson's.
QString visitedDiffers(const QByteArray &json, const QByteArray &visited, const QByteArray &expected)
{
    return QStringLiteral("%1: %2 vs %3")
        .arg(QString::fromLatin1(json.toPercentEncoding(" {}[]\":,")), QString::fromLatin1(visited.toPercentEncoding()),
             QString::fromLatin1(expected.toPercentEncoding()));
}

} // namespace

class TestRawSearchText : public QObject
{
    Q_OBJECT
private slots:
    void rawCountsWhatDecodedCounts_data();
    void rawCountsWhatDecodedCounts();
    void countsWhereRawBytesMislead_data();
    void countsWhereRawBytesMislead();
    void randomEntriesAgree();
    void manyOccurrencesCountAsDecoded();
    void aNeedleHoldingAByteOrderMarkCountsAsDecoded();
    void visitedSegmentsAreTheDecodedText();
    void backslashRunsAndBlockEdgesAgree();
    void visitingReadsNothingPastTheEntry();
    void rawFlags_data();
    void rawFlags();
    void randomRawFlagsAgree();
    void rawFormSharesTheBytes();
    void corpusCopyKeepsBorrowedBytes();
    void ownerLetGoWithItsLastRow();
    void indexerSnapshotOutlivesItsFile();
};

void TestRawSearchText::rawCountsWhatDecodedCounts_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");

    const auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };
    QTest::addRow("plain") << s("parser") << false << false << false;
    QTest::addRow("plain cs") << s("Parser") << true << false << false;
    QTest::addRow("whole word") << s("file") << false << true << false;
    QTest::addRow("whole word cs") << s("abc") << true << true << false;
    QTest::addRow("one letter") << s("e") << false << false << false;
    QTest::addRow("key below top level") << s("path") << false << false << false;
    QTest::addRow("top-level key") << s("thought") << false << false << false;
    QTest::addRow("top-level custom key") << s("x_custom") << false << false << false;
    QTest::addRow("created_at") << s("2025") << false << false << false;
    QTest::addRow("agent_run_id") << s("987654") << false << false << false;
    QTest::addRow("number") << s("42") << false << false << false;
    QTest::addRow("across array") << s("1,2") << false << false << false;
    QTest::addRow("null") << s("null") << false << false << false;
    QTest::addRow("true") << s("true") << false << false << false;
    QTest::addRow("escape letter") << s("nparser") << false << false << false;
    QTest::addRow("after escape, whole word") << s("parser") << false << true << false;
    QTest::addRow("slash") << s("a/b") << false << false << false;
    QTest::addRow("escaped slash as written") << s("a\\/b") << false << false << false;
    QTest::addRow("quote") << s("\"hi\"") << false << false << false;
    QTest::addRow("backslash") << s("C:\\dir") << false << false << false;
    QTest::addRow("key and value") << s("custom\": \"abc") << false << false << false;
    QTest::addRow("\\u0041 ci") << s("abc") << false << false << false;
    QTest::addRow("\\u0041 cs") << s("Abc") << true << false << false;
    QTest::addRow("literal u0041") << s("u0041") << false << false << false;
    QTest::addRow("\\b shown") << s("u0008") << false << false << false;
    QTest::addRow("\\f shown") << s("u000c") << false << false << false;
    QTest::addRow("control shown") << s("u0001") << false << false << false;
    QTest::addRow("non-ASCII cs") << s("é") << true << false << false;
    QTest::addRow("non-ASCII ci") << s("É") << false << false << false;
    QTest::addRow("non-ASCII ci upper") << s("été") << false << false << false;
    QTest::addRow("Kelvin folds to k") << s("kelvin") << false << false << false;
    QTest::addRow("long s folds to s") << s("secret") << false << false << false;
    QTest::addRow("Kelvin cs") << s("Kelvin") << true << false << false;
    QTest::addRow("line break") << s("one\nparser") << false << false << false;
    QTest::addRow("regex") << s("a.b") << false << false << true;
    QTest::addRow("regex anchored") << s("^Abc and") << true << false << true;
    QTest::addRow("regex escape") << s("\\\\u0041") << false << false << true;
    QTest::addRow("regex word") << s("\\bfile\\b") << false << false << true;
}

void TestRawSearchText::rawCountsWhatDecodedCounts()
{
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);

    const SearchEngine engine(query(pattern, caseSensitive, wholeWord, regex));
    QVERIFY(engine.isValid());
    for (const QByteArray &json : entries()) {
        // The reference: today's decoded text, built by the decoding builder alone.
        const qint64 expected = engine.countMatches(SearchText::fromEntryJson(json));
        const SearchText raw = SearchText::fromRawEntryJson(json);
        QVERIFY(raw.isRaw());
        QCOMPARE(raw.bytes, json);
        const qint64 counted = engine.countMatches(raw);
        QVERIFY2(counted == expected, qPrintable(QStringLiteral("%1 vs %2 in %3")
                                                     .arg(counted)
                                                     .arg(expected)
                                                     .arg(QString::fromUtf8(json))));
        QCOMPARE(engine.matches(raw), expected > 0);
        if (expected > 1)
            QCOMPARE(engine.countMatches(raw, 1), 1);
    }
}

void TestRawSearchText::countsWhereRawBytesMislead_data()
{
    // Expected counts worked out by hand from SearchText's rules (what the detail pane shows),
    // in cases where a search of the raw bytes alone would count wrong.
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("wholeWord");
    QTest::addColumn<bool>("regex");
    QTest::addColumn<qint64>("expected");

    const auto s = [](const char *utf8) { return QString::fromUtf8(utf8); };
    QTest::addRow("top-level key name") << thoughtEntry("x") << s("thought") << false << false << false << qint64(0);
    QTest::addRow("created_at") << thoughtEntry("x") << s("12:06") << false << false << false << qint64(0);
    QTest::addRow("agent_run_id") << thoughtEntry("x") << s("987654") << false << false << false << qint64(0);
    QTest::addRow("\\u0041bc vs abc") << thoughtEntry("\\u0041bc") << s("abc") << false << false << false << qint64(1);
    QTest::addRow("\\u0041bc vs Abc cs") << thoughtEntry("\\u0041bc") << s("Abc") << true << false << false << qint64(1);
    QTest::addRow("\\u0041bc vs abc cs") << thoughtEntry("\\u0041bc") << s("abc") << true << false << false << qint64(0);
    QTest::addRow("a\\/b vs a/b") << thoughtEntry("a\\/b") << s("a/b") << false << false << false << qint64(1);
    QTest::addRow("word edge after \\n") << thoughtEntry("x\\nfoo") << s("foo") << false << true << false << qint64(1);
    QTest::addRow("escape letter is no text") << thoughtEntry("x\\nfoo") << s("nfoo") << false << false << false << qint64(0);
    QTest::addRow("\\b shown as u0008") << thoughtEntry("a\\bc") << s("u0008") << false << false << false << qint64(1);
    QTest::addRow("\\f shown as u000c") << thoughtEntry("a\\fc") << s("u000C") << false << false << false << qint64(1);
    QTest::addRow("raw control byte shown") << thoughtEntry(QByteArray("a\x02z", 3)) << s("u0002") << false << false << false << qint64(1);
    QTest::addRow("\\u00e9 vs É") << thoughtEntry("caf\\u00e9") << s("CAFÉ") << false << false << false << qint64(1);
    QTest::addRow("\\u00e9 vs é cs") << thoughtEntry("caf\\u00e9") << s("café") << true << false << false << qint64(1);
    QTest::addRow("escaped Kelvin vs k") << thoughtEntry("\\u212a\\u212a") << s("kk") << false << false << false << qint64(1);
    QTest::addRow("Kelvin vs k") << thoughtEntry("\xE2\x84\xAA") << s("k") << false << false << false << qint64(1);
    QTest::addRow("\\\\u0078 is text") << thoughtEntry("\\\\u0078") << s("x") << true << false << false << qint64(0);
    QTest::addRow("\\\\u0078 as shown") << thoughtEntry("\\\\u0078") << s("\\u0078") << true << false << false << qint64(1);
    QTest::addRow("across values") << QByteArray("{\"tool_input\": {\"n\": [1,2]}}") << s("1,2") << false << false << false << qint64(0);
    QTest::addRow("top-level null") << QByteArray("{\"x_none\": null}") << s("null") << false << false << false << qint64(0);
    QTest::addRow("nested null") << QByteArray("{\"tool_input\": {\"f\": null}}") << s("null") << false << false << false << qint64(1);
    QTest::addRow("regex over decoded") << thoughtEntry("\\u0041bc") << s("^Abc$") << true << false << true << qint64(1);
    QTest::addRow("Unicode needle's ASCII part, other case") << thoughtEntry("Caf\xC3\xA9") << s("cAFÉ") << false << false << false << qint64(1);
    QTest::addRow("Unicode needle's ASCII part escaped") << thoughtEntry("\\u0041\xC3\xA9") << s("aÉ") << false << false << false << qint64(1);
    QTest::addRow("Kelvin for a Unicode needle's k") << thoughtEntry("\xE2\x84\xAA\xC3\xA9") << s("kÉ") << false << false << false << qint64(1);
    QTest::addRow("long s for a Unicode needle's s") << QByteArray("{\"thought\": \"\xC3\xA9\xC5\xBF\"}") << s("És") << false << false << false << qint64(1);
    QTest::addRow("Unicode needle's ASCII part absent") << thoughtEntry("caf\xC3\xA9") << s("xAFÉ") << false << false << false << qint64(0);
    // QString::fromUtf8 drops a byte order mark at the start of the text only; the shown text
    // keeps one anywhere else as U+FEFF.
    QTest::addRow("BOM starting a non-object") << QByteArray("\xEF\xBB\xBF[1]") << s(".") << false << false << true << qint64(3);
    QTest::addRow("BOM starting the first value") << QByteArray("{\"\xEF\xBB\xBFk\": \"v\"}") << s(".") << false << false << true << qint64(2);
    QTest::addRow("BOM starting a later value") << QByteArray("{\"x_a\": \"b\", \"x_b\": \"\xEF\xBB\xBF" "c\"}") << s(".") << false << false << true << qint64(9);
    QTest::addRow("quote needle") << thoughtEntry("say \\\"hi\\\"") << s("\"hi\"") << false << false << false << qint64(1);
}

void TestRawSearchText::countsWhereRawBytesMislead()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pattern);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, wholeWord);
    QFETCH(bool, regex);
    QFETCH(qint64, expected);

    const SearchEngine engine(query(pattern, caseSensitive, wholeWord, regex));
    QCOMPARE(engine.countMatches(SearchText::fromEntryJson(json)), expected);
    QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(json)), expected);
}

void TestRawSearchText::randomEntriesAgree()
{
    // Entries glued from fragments full of traps (escapes, quotes, keys, control bytes, broken
    // structure); every needle counts the same over the raw and the decoded form.
    const QList<QByteArray> fragments = {
        "{\"", "\"", "\": \"", "\", \"", "thought", "created_at", "x_k", "tool_input", ": ", ",", "[", "]", "{", "}",
        "a", "b", "ab", "A", " ", "null", "12", "\\n", "\\t", "\\r\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f",
        "\\u0041", "\\u212a", "\\u00e9", "\\ud800", "\\u12", "\xE2\x84\xAA", "\xC5\xBF", "\xC3\xA9", "\xC3",
        "\xE2\x84", "\xF0\x9F\x9A", "\x80", "\xEF\xBB\xBF", "\\ufeff",
        QByteArray(1, '\x01'), QByteArray(1, '\0'), "\n", "u0008"};
    const QStringList needles = {QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("b a"), QStringLiteral("A"),
                                 QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral("/"), QStringLiteral("u0041"),
                                 QStringLiteral("u0008"), QStringLiteral("k"), QStringLiteral("s"), QStringLiteral("12"),
                                 QStringLiteral("null"), QString::fromUtf8("é"), QString::fromUtf8("É"),
                                 QStringLiteral("thought"), QStringLiteral("a\nb"), QString::fromUtf8("aÉ"),
                                 QString::fromUtf8("KÉ"), QString::fromUtf8("é\"a"), QString::fromUtf8("ÉsA")};
    QList<SearchEngine> engines;
    for (const QString &needle : needles) {
        for (int mode = 0; mode < 4; ++mode)
            engines.append(SearchEngine(query(needle, mode & 1, mode & 2)));
    }
    engines.append(SearchEngine(query(QStringLiteral("a+b?"), false, false, true)));
    engines.append(SearchEngine(query(QStringLiteral("\\bA"), true, false, true)));
    // Invalid UTF-8 shown as U+FFFD, as many as the decoded row converted whole holds.
    engines.append(SearchEngine(query(QStringLiteral("."), false, false, true)));
    engines.append(SearchEngine(query(QStringLiteral("\\x{FFFD}+"), false, false, true)));
    engines.append(SearchEngine(query(QString(QChar(0xFFFD)), false, false, false)));
    engines.append(SearchEngine(query(QString(QChar(0xFEFF)), false, false, false)));

    QRandomGenerator rng(1103);
    int matched = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray json = rng.bounded(10) ? QByteArray("{\"x_k\": \"") : QByteArray();
        const int parts = int(rng.bounded(1, 24));
        for (int k = 0; k < parts; ++k)
            json += fragments.at(rng.bounded(int(fragments.size())));
        const SearchText raw = SearchText::fromRawEntryJson(json);
        const SearchText decoded = SearchText::fromEntryJson(json);
        for (const SearchEngine &engine : engines) {
            const qint64 expected = engine.countMatches(decoded);
            const qint64 counted = engine.countMatches(raw);
            if (counted != expected) {
                // One arg() for all: the percent-encoded JSON holds "%5C" and the like.
                QFAIL(qPrintable(QStringLiteral("needle \"%1\" cs %2 ww %3 in %4: %5 vs %6")
                                     .arg(engine.query().pattern, QString::number(engine.query().caseSensitive),
                                          QString::number(engine.query().wholeWord),
                                          QString::fromLatin1(json.toPercentEncoding(" {}[]\":,")),
                                          QString::number(counted), QString::number(expected))));
            }
            matched += expected > 0 ? 1 : 0;
        }
    }
    QVERIFY(matched > 1000);
}

void TestRawSearchText::manyOccurrencesCountAsDecoded()
{
    // Rows with up to hundreds of occurrences of a plain word, in values, in keys at and below the
    // top level, in created_at and agent_run_id, beside escapes and a byte order mark: counted
    // over the raw form (around the JSON's occurrences, as many as there are or the first ones)
    // as over the decoded form, whatever the limit.
    const QList<QByteArray> values = {"a", "ab", "aaaa", "b a b", "xaby", "\\n", "\\\"", "A", "AB", " ", "12", "\xC3\xA9"};
    const QList<QByteArray> keys = {"thought", "ab", "created_at", "agent_run_id", "tool_input", "a"};
    QRandomGenerator rng(4711);
    QList<SearchEngine> engines;
    for (const char *needle : {"a", "ab", "b a", "AB"}) {
        for (int mode = 0; mode < 2; ++mode)
            engines.append(SearchEngine(query(QString::fromLatin1(needle), mode & 1, false)));
    }
    int beyondTheFirst64 = 0;
    for (int round = 0; round < 1500; ++round) {
        QByteArray json = rng.bounded(10) ? QByteArray("{") : QByteArray("\xEF\xBB\xBF{");
        const int members = int(rng.bounded(1, 12));
        for (int m = 0; m < members; ++m) {
            if (m)
                json += ", ";
            json += "\"" + keys.at(rng.bounded(int(keys.size()))) + "\": ";
            QByteArray value;
            for (int k = 0, n = int(rng.bounded(0, 60)); k < n; ++k)
                value += values.at(rng.bounded(int(values.size())));
            switch (rng.bounded(3)) {
            case 0:
                json += "{\"" + keys.at(rng.bounded(int(keys.size()))) + "\": \"" + value + "\"}";
                break;
            case 1:
                json += "[\"" + value + "\", 12]";
                break;
            default:
                json += "\"" + value + "\"";
            }
        }
        json += "}";
        const SearchText raw = SearchText::fromRawEntryJson(json);
        const SearchText decoded = SearchText::fromEntryJson(json);
        for (const SearchEngine &engine : engines) {
            const qint64 all = engine.countMatches(decoded);
            beyondTheFirst64 += all > 64 ? 1 : 0;
            for (const qint64 limit : {qint64(1), qint64(2), qint64(63), qint64(64), qint64(65), qint64(200),
                                       std::numeric_limits<qint64>::max()}) {
                const qint64 expected = engine.countMatches(decoded, limit);
                const qint64 counted = engine.countMatches(raw, limit);
                if (counted != expected)
                    QFAIL(qPrintable(QStringLiteral("needle \"%1\" cs %2 limit %3 in %4: %5 vs %6")
                                         .arg(engine.query().pattern, QString::number(engine.query().caseSensitive),
                                              QString::number(limit), QString::fromLatin1(json.toPercentEncoding(" {}[]\":,")),
                                              QString::number(counted), QString::number(expected))));
            }
        }
    }
    QVERIFY(beyondTheFirst64 > 100);
}

void TestRawSearchText::aNeedleHoldingAByteOrderMarkCountsAsDecoded()
{
    // A case-sensitive needle that holds U+FEFF, where the entry's first value starts with a byte
    // order mark: the raw row counts what its decoded text counts (the walk around occurrences
    // leaves that mark out of the first value; the decoded bytes and countBytesInSegments keep it).
    const QByteArray row = "{\"thought\": \"\xEF\xBB\xBF" "ab\", \"x\": \"\xEF\xBB\xBF" "ab\"}";
    const SearchEngine engine(query(QString(QChar(0xFEFF)) + QLatin1String("a"), true, false));
    QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(row)), engine.countMatches(SearchText::fromEntryJson(row)));
    const QByteArray alone = "{\"thought\": \"\xEF\xBB\xBF" "ab\"}";
    QCOMPARE(engine.countMatches(SearchText::fromRawEntryJson(alone)), engine.countMatches(SearchText::fromEntryJson(alone)));
}

void TestRawSearchText::visitedSegmentsAreTheDecodedText()
{
    // visitSegments decodes a string with escapes itself (runs between escapes copied 16 bytes a
    // step); fromEntryJson decodes with JsonTokens::appendDecodedString. Byte for byte the same
    // text, for strings long enough to take the 16-byte steps.
    const QList<QByteArray> fragments = {
        "{\"", "\"", "\": \"", "\", \"", "thought", "x_k", ": ", ",", "[", "]", "{", "}", "null", "12",
        "abcdefghijklmnopqrstuvwxyz", "0123456789abcdef", " ", "\\n", "\\t", "\\r", "\\r\\n", "\\\"", "\\\\",
        "\\/", "\\b", "\\f", "\\u0041", "\\u000d", "\\u000a", "\\u12", "\\x", "\xC3\xA9", "\xE2\x84\xAA",
        "\x80", QByteArray(1, '\x01'), QByteArray(1, '\0'), "\n", "\r", "\r\n", "\t", "\\"};
    QRandomGenerator rng(2506);
    for (int round = 0; round < 4000; ++round) {
        QByteArray json("{\"x_k\": \"");
        const int parts = int(rng.bounded(1, 40));
        for (int k = 0; k < parts; ++k)
            json += fragments.at(rng.bounded(int(fragments.size())));
        const QByteArray visited = visitedText(json);
        const QByteArray expected = SearchText::fromEntryJson(json).bytes;
        if (visited != expected)
            QFAIL(qPrintable(visitedDiffers(json, visited, expected)));
    }
}

void TestRawSearchText::backslashRunsAndBlockEdgesAgree()
{
    // The searches find a string's end 16 bytes a step (a quote after an odd run of backslashes
    // is escaped); fromEntryJson, the reference, with JsonTokens. Strings whose quotes follow
    // runs of 0 to 5 backslashes and whose lengths put their quotes and escapes on each side of
    // the 16- and 64-byte edges, in keys (known fields and others) and values, nested or not,
    // closed or cut short, brackets inside strings, containers stepped over before the values
    // that hold a match: the same segments, and the same counts through the searches.
    const QList<QByteArray> keys = {"thought", "tool_output", "x_k", "created_at", "agent_run_id", "tool_input",
                                    "observation", "message_type", "tool_name", "caf\xC3\xA9", "a\\\"b"};
    const QList<QByteArray> fillers = {"a", "module7", " error handling ", "\xC3\xA9t\xC3\xA9", "\xE2\x9C\x85",
                                       "\\n", "\\t", "\\u00e9", "\\r\\n", "12", "x_y", "}", "]", "{[", "}\\\"]"};
    const auto content = [&](QRandomGenerator &rng) {
        QByteArray out;
        const int length = int(rng.bounded(0, 70));
        while (out.size() < length) {
            if (rng.bounded(4) == 0) // a run of backslashes, then a quote or a letter
                out += QByteArray(int(rng.bounded(0, 6)), '\\') + (rng.bounded(2) ? "\"" : "n");
            else
                out += fillers.at(int(rng.bounded(fillers.size())));
        }
        return out;
    };
    QList<SearchEngine> engines;
    for (const char *pattern : {"\\w+", "\\d+", "module\\d+", "(fails|error)\\s+handling", "\"", "\\\\", "n\"", "b"})
        engines.append(SearchEngine(query(QString::fromUtf8(pattern), false, false, true)));
    engines.append(SearchEngine(query(QStringLiteral("module"))));
    QRandomGenerator rng(1207);
    int matched = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray json("{");
        const int fields = int(rng.bounded(1, 6));
        for (int f = 0; f < fields; ++f) {
            if (f)
                json += rng.bounded(2) ? ", " : ",";
            json += '"' + keys.at(int(rng.bounded(keys.size()))) + "\": ";
            switch (rng.bounded(4)) {
            case 0: json += '"' + content(rng) + '"'; break;
            case 1: json += "{\"" + content(rng) + "\": [\"" + content(rng) + "\", 12, null]}"; break;
            case 2: json += "[\"" + content(rng) + "\", {\"k\": \"" + content(rng) + "\"}]"; break;
            default: json += rng.bounded(2) ? "null" : "-1.5e3"; break;
            }
        }
        if (rng.bounded(8)) // else cut short, maybe inside a string
            json += '}';
        else
            json.chop(int(rng.bounded(0, 4)));
        const QByteArray visited = visitedText(json);
        const SearchText decoded = SearchText::fromEntryJson(json);
        if (visited != decoded.bytes)
            QFAIL(qPrintable(visitedDiffers(json, visited, decoded.bytes)));
        const SearchText raw = SearchText::fromRawEntryJson(json);
        for (const SearchEngine &engine : engines) {
            const qint64 expected = engine.countMatches(decoded);
            const qint64 counted = engine.countMatches(raw);
            if (counted != expected)
                QFAIL(qPrintable(QStringLiteral("%1 in %2: %3 vs %4")
                                     .arg(engine.query().pattern,
                                          QString::fromLatin1(json.toPercentEncoding(" {}[]\":,")),
                                          QString::number(counted), QString::number(expected))));
            matched += expected > 0 ? 1 : 0;
        }
    }
    QVERIFY(matched > 5000);
}

void TestRawSearchText::visitingReadsNothingPastTheEntry()
{
#if defined(Q_OS_UNIX)
    // The entry is a view ending right before a page that cannot be read (a row at a mapped
    // file's end): the walk's 16-byte steps over strings, escapes and containers, cut short
    // anywhere (inside a string, after a backslash), read no byte past it, and visit what
    // fromEntryJson decodes.
    const long page = sysconf(_SC_PAGESIZE);
    void *mapped = mmap(nullptr, size_t(3 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(mapped != MAP_FAILED);
    char *const guard = static_cast<char *>(mapped) + 2 * page;
    QCOMPARE(mprotect(guard, size_t(page), PROT_NONE), 0);
    const QList<QByteArray> fragments = {"{\"", "\"", "\": \"", "\", \"", "thought", "x_k", ": ", ",", "[", "]", "{", "}",
                                         "null", "12", "abcdefghijklmnopqrstuvwxyz", "0123456789abcdef", "\\n", "\\\"",
                                         "\\\\", "\\u00e9", "\\", "\xC3\xA9", "\n"};
    QRandomGenerator rng(2807);
    for (int round = 0; round < 6000; ++round) {
        QByteArray json("{\"x_k\": \"");
        const int parts = int(rng.bounded(1, 50));
        for (int k = 0; k < parts; ++k)
            json += fragments.at(rng.bounded(int(fragments.size())));
        json.chop(int(rng.bounded(0, qMin<qsizetype>(json.size() - 1, 20))));
        char *const start = guard - json.size();
        std::memcpy(start, json.constData(), size_t(json.size()));
        const QByteArray visited = visitedText(QByteArrayView(start, json.size()));
        const QByteArray expected = SearchText::fromEntryJson(json).bytes;
        if (visited != expected)
            QFAIL(qPrintable(visitedDiffers(json, visited, expected)));
    }
    munmap(mapped, size_t(3 * page));
#else
    QSKIP("needs mmap and mprotect");
#endif
}

void TestRawSearchText::rawFlags_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("needsDecoding");
    QTest::addColumn<bool>("nonAscii");
    QTest::addColumn<bool>("foldsIntoAscii");

    QTest::addRow("plain") << thoughtEntry("plain") << false << false << false;
    QTest::addRow("harmless escapes") << thoughtEntry("\\n\\t\\r\\\"\\\\") << false << false << false;
    QTest::addRow("raw tab LF CR") << QByteArray("{\"a\":\r\n\t\"b\"}") << false << false << false;
    QTest::addRow("\\u") << thoughtEntry("\\u0041") << true << false << false;
    QTest::addRow("\\/") << thoughtEntry("a\\/b") << true << false << false;
    QTest::addRow("\\b") << thoughtEntry("\\b") << true << false << false;
    QTest::addRow("\\f") << thoughtEntry("\\f") << true << false << false;
    QTest::addRow("escaped backslash, then u") << thoughtEntry("\\\\u0041") << false << false << false;
    QTest::addRow("escaped backslash, then \\u") << thoughtEntry("\\\\\\u0041") << true << false << false;
    QTest::addRow("control byte") << thoughtEntry(QByteArray("\x1f", 1)) << true << false << false;
    QTest::addRow("NUL") << QByteArray("{\"a\": \"\0\"}", 11) << true << false << false;
    QTest::addRow("non-ASCII") << thoughtEntry("\xC3\xA9") << false << true << false;
    QTest::addRow("Kelvin") << thoughtEntry("\xE2\x84\xAA") << false << true << true;
    QTest::addRow("long s") << thoughtEntry("\xC5\xBF") << false << true << true;
    QTest::addRow("escaped Kelvin") << thoughtEntry("\\u212a") << true << false << false;
    // Escapes at every offset around the 16-byte blocks of the vector scan, one straddling two.
    for (int pad = 10; pad <= 36; ++pad) {
        const QByteArray padding(pad, 'x');
        QTest::addRow("\\u after %d", pad) << thoughtEntry(padding + "\\u0041") << true << false << false;
        QTest::addRow("\\\\u after %d", pad) << thoughtEntry(padding + "\\\\u0041") << false << false << false;
        QTest::addRow("non-ASCII after %d", pad) << thoughtEntry(padding + "\xC3\xA9") << false << true << false;
    }
}

void TestRawSearchText::rawFlags()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, needsDecoding);
    QFETCH(bool, nonAscii);
    QFETCH(bool, foldsIntoAscii);

    const SearchText raw = SearchText::fromRawEntryJson(json);
    QVERIFY(raw.isIndexed());
    QVERIFY(raw.isRaw());
    QCOMPARE(raw.needsDecoding(), needsDecoding);
    QCOMPARE(raw.hasNonAscii(), nonAscii);
    QCOMPARE(raw.foldsIntoAscii(), foldsIntoAscii);

    // Its decoded form is the decoded text, flags and all.
    const SearchText decoded = raw.decoded();
    const SearchText reference = SearchText::fromEntryJson(json);
    QVERIFY(!decoded.isRaw());
    QCOMPARE(decoded.bytes, reference.bytes);
    QCOMPARE(decoded.flags, reference.flags);
}

namespace {
// The flags as their definition reads (SearchText::Flag), byte by byte, escape pairs read left
// to right: what the vector scan of fromRawEntryJson must give for any bytes.
quint8 referenceRawFlags(const QByteArray &json)
{
    bool needsDecoding = false;
    bool nonAscii = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const uchar c = uchar(json.at(i));
        nonAscii = nonAscii || c >= 0x80;
        if (c == '\\' && i + 1 < json.size()) {
            const uchar escaped = uchar(json.at(++i));
            nonAscii = nonAscii || escaped >= 0x80;
            needsDecoding = needsDecoding || escaped == 'u' || escaped == '/' || escaped == 'b' || escaped == 'f';
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            needsDecoding = true;
        }
    }
    const bool folds = nonAscii && (json.contains("\xC5\xBF") || json.contains("\xE2\x84\xAA"));
    return quint8(SearchText::Indexed | SearchText::Raw | (needsDecoding ? SearchText::NeedsDecoding : 0)
                  | (nonAscii ? SearchText::NonAscii : 0) | (folds ? SearchText::FoldsIntoAscii : 0));
}
} // namespace

void TestRawSearchText::randomRawFlagsAgree()
{
    // Runs of plain bytes between the bytes that matter, so that escapes, control and non-ASCII
    // bytes fall at every offset of the 16-byte blocks, alone or several in a block, and escape
    // pairs straddle two blocks.
    const QList<QByteArray> fragments = {
        "a", "abcdefghijklmnopq", "0123456", "\\", "\\n", "\\\"", "\\\\", "\\u", "\\/", "\\b", "\\f",
        "\\t", "\t", "\n", "\r", QByteArray(1, '\x01'), QByteArray(1, '\0'), QByteArray(1, '\x1f'), "\x7f",
        "\xC3\xA9", "\xC5\xBF", "\xE2\x84\xAA", "\x80", "\xC5", "\xE2", "\xE2\x84", "\xBF", "\x84\xAA",
        "\\\xC3\xA9", "\\\xC5\xBF", "\\\xE2\x84\xAA", "\\\x01"};
    QRandomGenerator rng(2026);
    for (int round = 0; round < 20000; ++round) {
        QByteArray json;
        const int parts = int(rng.bounded(0, 30));
        for (int k = 0; k < parts; ++k)
            json += fragments.at(rng.bounded(int(fragments.size())));
        const SearchText raw = SearchText::fromRawEntryJson(json);
        if (raw.flags != referenceRawFlags(json))
            QFAIL(qPrintable(QStringLiteral("flags %1, expected %2 for %3")
                                 .arg(raw.flags)
                                 .arg(referenceRawFlags(json))
                                 .arg(QString::fromLatin1(json.toHex()))));
    }
}

void TestRawSearchText::rawFormSharesTheBytes()
{
    const QByteArray json = thoughtEntry("shared, not copied");
    const SearchText raw = SearchText::fromRawEntryJson(json);
    QCOMPARE(raw.bytes.constData(), json.constData());

    SearchCorpus corpus;
    corpus.setText(0, raw);
    corpus.setText(1, SearchText::fromRawEntryJson(thoughtEntry("x")));
    // What a search scans: the raw bytes.
    QCOMPARE(corpus.byteCount(), qint64(json.size() + thoughtEntry("x").size()));
    QCOMPARE(corpus.at(0).bytes.constData(), json.constData());
}

void TestRawSearchText::corpusCopyKeepsBorrowedBytes()
{
    // Bytes borrowed from a buffer that only its owner keeps alive, as a mapped file's are.
    auto file = std::make_shared<QByteArray>(thoughtEntry("borrowed needle") + thoughtEntry("other"));
    const std::weak_ptr<QByteArray> watch = file;
    const qsizetype split = thoughtEntry("borrowed needle").size();
    SearchCorpus corpus;
    corpus.setText(0, SearchText::fromRawEntryJson(QByteArray::fromRawData(file->constData(), split)), file);
    corpus.setText(1, SearchText::fromRawEntryJson(QByteArray::fromRawData(file->constData() + split, file->size() - split)),
                   file);
    QCOMPARE(corpus.ownerCount(), 1);
    file.reset();

    SearchCorpus snapshot = corpus;
    corpus.clear(); // the indexer resets for another file
    QCOMPARE(corpus.ownerCount(), 0);
    QVERIFY(!watch.expired());
    QCOMPARE(SearchEngine(query(QStringLiteral("needle"))).search(snapshot).matchingRows, QVector<int>{0});
    snapshot = SearchCorpus();
    QVERIFY(watch.expired());
}

void TestRawSearchText::ownerLetGoWithItsLastRow()
{
    // Pages fetched again: an owner stays while a row (of this corpus or of a copy) reads it.
    const auto slice = [](const std::shared_ptr<QByteArray> &page, int entry) {
        const qsizetype size = page->size() / 2;
        return SearchText::fromRawEntryJson(QByteArray::fromRawData(page->constData() + entry * size, size));
    };
    auto first = std::make_shared<QByteArray>(thoughtEntry("page one a") + thoughtEntry("page one b"));
    auto second = std::make_shared<QByteArray>(thoughtEntry("page two a") + thoughtEntry("page two b"));
    auto third = std::make_shared<QByteArray>(thoughtEntry("page 3 a") + thoughtEntry("page 3 b"));
    const std::weak_ptr<QByteArray> firstWatch = first, secondWatch = second, thirdWatch = third;
    SearchCorpus corpus;
    corpus.setText(0, slice(first, 0), first);
    corpus.setText(1, slice(first, 1), first);
    corpus.setText(3, slice(third, 0), third);
    QCOMPARE(corpus.size(), 4);
    first.reset();
    third.reset();

    corpus.setText(0, slice(second, 0), second);
    QVERIFY(!firstWatch.expired()); // row 1 still reads it
    SearchCorpus snapshot = corpus;
    corpus.setText(1, slice(second, 1), second);
    QCOMPARE(corpus.ownerCount(), 2);
    QVERIFY(!firstWatch.expired()); // the snapshot's row 1 still reads it
    QCOMPARE(SearchEngine(query(QStringLiteral("one b"))).search(snapshot).matchingRows, QVector<int>{1});
    snapshot = SearchCorpus();
    QVERIFY(firstWatch.expired());

    // The same owner again for a row keeps it; dropping rows lets owners go.
    corpus.setText(1, slice(second, 1), second);
    corpus.resize(3);
    QVERIFY(thirdWatch.expired());
    QCOMPARE(corpus.ownerCount(), 1);
    second.reset();
    corpus.clearText(0);
    QVERIFY(!secondWatch.expired());
    corpus.clearText(1);
    QVERIFY(secondWatch.expired());
    QCOMPARE(corpus.ownerCount(), 0);
    QCOMPARE(corpus.indexedCount(), 0);
}

void TestRawSearchText::indexerSnapshotOutlivesItsFile()
{
    // Entries whose bytes borrow one buffer (a file, a page), as the sources make them.
    const QByteArray first = thoughtEntry("first file needle");
    const QByteArray second = thoughtEntry("second entry");
    const auto borrowed = [](const std::shared_ptr<QByteArray> &buffer, qsizetype from, qsizetype length) {
        LogEntry entry;
        entry.rawJson = QByteArray::fromRawData(buffer->constData() + from, length);
        entry.rawOwner = buffer;
        return entry;
    };
    const auto entriesOf = [&](const std::shared_ptr<QByteArray> &buffer) {
        return QList<LogEntry>{borrowed(buffer, 0, first.size()), borrowed(buffer, first.size(), second.size())};
    };
    LogTableModel model;
    SearchIndexer indexer;
    indexer.setModel(&model);
    model.resizeRows(2);
    model.setEntries(0, entriesOf(std::make_shared<QByteArray>(first + second)));
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().ownerCount(), 1);

    // The same rows again from another buffer (a page fetched again): the old one is let go.
    auto file = std::make_shared<QByteArray>(first + second);
    const std::weak_ptr<QByteArray> watch = file;
    model.setEntries(0, entriesOf(file));
    file.reset();
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().indexedCount(), 2);
    QCOMPARE(indexer.corpus().ownerCount(), 1);
    QVERIFY(indexer.corpus().at(0).isRaw());

    // A search's snapshot, then another file replaces this one.
    SearchCorpus snapshot = indexer.corpus();
    model.clear();
    model.resizeRows(1);
    QList<LogEntry> other(1);
    other[0].rawJson = thoughtEntry("another file");
    model.setEntries(0, std::move(other));
    indexer.waitForIdle();
    QCOMPARE(indexer.corpus().indexedCount(), 1);

    QVERIFY(!watch.expired());
    const SearchEngine engine(query(QStringLiteral("needle")));
    QCOMPARE(engine.search(snapshot).matchingRows, QVector<int>{0});
    QCOMPARE(engine.search(indexer.corpus()).matchingRows, QVector<int>{});
    // Nothing but the snapshot held the file: the indexer's corpus let it go with the reset.
    snapshot = SearchCorpus();
    QVERIFY(watch.expired());
}

QTEST_GUILESS_MAIN(TestRawSearchText)
#include "tst_rawsearchtext.moc"
