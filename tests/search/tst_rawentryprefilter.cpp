// SPDX-License-Identifier: MIT
// The library search's raw-bytes prefilter: what can hide a needle from a byte scan of an entry's
// JSON (escapes, control bytes, K and ſ) at any offset, which queries it takes part in, and that
// it never rules out an entry the query's evaluator matches (generated entries and queries).
#include "search/queryevaluator.h"
#include "search/querylanguage.h"
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "search/rawentryprefilter.h"

#include <QtTest>

class TestRawEntryPrefilter : public QObject
{
    Q_OBJECT

private slots:
    void mayHideNeedle_data();
    void mayHideNeedle();
    void findsWhatHidesAtAnyOffset_data();
    void findsWhatHidesAtAnyOffset();
    void takesPartWhereEveryGroupHasANeedle_data();
    void takesPartWhereEveryGroupHasANeedle();
    void rulesOutOnlyWhatCannotMatch_data();
    void rulesOutOnlyWhatCannotMatch();
    void neverRulesOutAMatch();
};

void TestRawEntryPrefilter::mayHideNeedle_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("fold");
    QTest::addColumn<bool>("hides");
    QTest::addRow("plain") << QByteArray(R"({"thought":"hello world, a long enough value to fill blocks"})") << true << false;
    QTest::addRow("line break, tab, quote, backslash escapes")
        << QByteArray(R"({"thought":"one\ntwo\tthree \"four\" five\\six, and more text after it"})") << true << false;
    QTest::addRow("raw tab, LF, CR") << QByteArray("{\"thought\":\"one\ttwo\nthree\rfour and more text after it\"}") << true << false;
    QTest::addRow("\\u escape") << QByteArray(R"({"thought":"caf\u00e9 and more text after it to fill"})") << false << true;
    QTest::addRow("\\/ escape") << QByteArray(R"({"thought":"a\/b and more text after it to fill blocks"})") << false << true;
    QTest::addRow("\\b escape") << QByteArray(R"({"thought":"a\bb and more text after it to fill blocks"})") << false << true;
    QTest::addRow("\\f escape") << QByteArray(R"({"thought":"a\fb and more text after it to fill blocks"})") << false << true;
    QTest::addRow("an escaped backslash before u (said, to be safe)")
        << QByteArray(R"({"thought":"a\\u and more text after it to fill blocks"})") << false << true;
    QTest::addRow("a control byte") << QByteArray("{\"thought\":\"a\x01" "b and more text after it to fill blocks\"}") << false << true;
    QTest::addRow("long s, any case") << QByteArray("{\"thought\":\"\xC5\xBF" "ecret and more text after it to fill\"}") << true << true;
    QTest::addRow("long s, exact case") << QByteArray("{\"thought\":\"\xC5\xBF" "ecret and more text after it to fill\"}") << false << false;
    QTest::addRow("Kelvin sign, any case") << QByteArray("{\"thought\":\"\xE2\x84\xAA" "elvin and more text after it to fill\"}") << true << true;
    QTest::addRow("trade mark sign, any case") << QByteArray("{\"thought\":\"\xE2\x84\xA2" " and more text after it to fill it\"}") << true << false;
    QTest::addRow("accented letters") << QByteArray("{\"thought\":\"caf\xC3\xA9 na\xC3\xAFve and more text after it\"}") << true << false;
    QTest::addRow("short, plain") << QByteArray("ab") << true << false;
    QTest::addRow("short, escape at the end") << QByteArray("a\\u") << false << true;
    QTest::addRow("empty") << QByteArray() << true << false;
}

void TestRawEntryPrefilter::mayHideNeedle()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, fold);
    QFETCH(bool, hides);
    QCOMPARE(RawEntryPrefilter::mayHideNeedle(json, fold), hides);
}

void TestRawEntryPrefilter::findsWhatHidesAtAnyOffset_data()
{
    QTest::addColumn<QByteArray>("sequence");
    QTest::addColumn<bool>("fold");
    QTest::addRow("\\u") << QByteArray("\\u") << false;
    QTest::addRow("\\/") << QByteArray("\\/") << false;
    QTest::addRow("control byte") << QByteArray("\x02") << false;
    QTest::addRow("long s") << QByteArray("\xC5\xBF") << true;
    QTest::addRow("Kelvin sign") << QByteArray("\xE2\x84\xAA") << true;
}

void TestRawEntryPrefilter::findsWhatHidesAtAnyOffset()
{
    QFETCH(QByteArray, sequence);
    QFETCH(bool, fold);
    // Every place in a buffer of several vector blocks, across their edges and at the very end.
    for (int size : {3, 17, 18, 19, 40, 64}) {
        for (int at = 0; at + sequence.size() <= size; ++at) {
            QByteArray json(size, 'x');
            json.replace(at, sequence.size(), sequence);
            QVERIFY2(RawEntryPrefilter::mayHideNeedle(json, fold), qPrintable(QStringLiteral("size %1, at %2").arg(size).arg(at)));
            // The sequence cut short at the end hides nothing (but a lone control byte).
            if (sequence.size() > 1) {
                json.chop(size - at - 1);
                QCOMPARE(RawEntryPrefilter::mayHideNeedle(json, fold), false);
            }
        }
    }
}

void TestRawEntryPrefilter::takesPartWhereEveryGroupHasANeedle_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<bool>("active");
    QTest::addRow("one letter") << QStringLiteral("q") << false << true;
    QTest::addRow("two words") << QStringLiteral("qz error") << false << true;
    QTest::addRow("with keys") << QStringLiteral("type:action qz") << false << true;
    QTest::addRow("OR, each side a word") << QStringLiteral("qz OR xy") << false << true;
    QTest::addRow("OR, one side keys alone") << QStringLiteral("qz OR type:action") << false << false;
    QTest::addRow("keys alone") << QStringLiteral("type:action") << false << false;
    QTest::addRow("an exclusion alone") << QStringLiteral("-qz") << false << false;
    QTest::addRow("a regular expression first") << QStringLiteral("/a+b/ qz") << false << false;
    QTest::addRow("a word before a regular expression") << QStringLiteral("qz /a+b/") << false << true;
    QTest::addRow("a phrase with a space (the pane's layout may hold it)") << QStringLiteral("\"q z\"") << false << false;
    QTest::addRow("a phrase with a colon") << QStringLiteral("\"code:1\"") << false << false;
    QTest::addRow("non-ASCII, any case") << QStringLiteral("café") << false << false;
    QTest::addRow("non-ASCII, exact case") << QStringLiteral("café") << true << true;
    QTest::addRow("a quote") << QStringLiteral("a\"b") << false << false;
}

void TestRawEntryPrefilter::takesPartWhereEveryGroupHasANeedle()
{
    QFETCH(QString, query);
    QFETCH(bool, caseSensitive);
    QFETCH(bool, active);
    const ParsedQuery parsed = QueryLanguage::parse(query, QueryLanguage::Scope::Library);
    QVERIFY2(parsed.isValid(), qPrintable(parsed.error));
    QCOMPARE(RawEntryPrefilter(parsed, caseSensitive).isActive(), active);
}

void TestRawEntryPrefilter::rulesOutOnlyWhatCannotMatch_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ruledOut");
    const QByteArray plain(R"({"agent_run_id":1,"thought":"Quiz the parser","observation":"no match"})");
    QTest::addRow("absent") << QStringLiteral("zebra") << false << plain << true;
    QTest::addRow("present, other case") << QStringLiteral("QUIZ") << false << plain << false;
    QTest::addRow("present, exact case asked, other case") << QStringLiteral("quiz") << true << plain << true;
    QTest::addRow("present in a key only (read, not ruled out)") << QStringLiteral("thought") << false << plain << false;
    QTest::addRow("absent, but a \\u escape may make it")
        << QStringLiteral("quiz") << false << QByteArray(R"({"thought":"\u0071uiz"})") << false;
    QTest::addRow("absent, but a Kelvin sign folds into k")
        << QStringLiteral("kelvin") << false << QByteArray("{\"thought\":\"\xE2\x84\xAA" "elvin\"}") << false;
    QTest::addRow("absent, Kelvin sign, exact case")
        << QStringLiteral("kelvin") << true << QByteArray("{\"thought\":\"\xE2\x84\xAA" "elvin\"}") << true;
    QTest::addRow("OR: the second side present") << QStringLiteral("zebra OR parser") << false << plain << false;
    QTest::addRow("OR: neither side") << QStringLiteral("zebra OR lion") << false << plain << true;
    QTest::addRow("two words: the first absent") << QStringLiteral("zebra parser") << false << plain << true;
    QTest::addRow("two words: the second absent") << QStringLiteral("parser zebra") << false << plain << true;
    QTest::addRow("two words: both present") << QStringLiteral("parser quiz") << false << plain << false;
    QTest::addRow("a word after a regular expression (it may give up first)")
        << QStringLiteral("parser /a+b/ zebra") << false << plain << false;
    QTest::addRow("a word before a regular expression") << QStringLiteral("zebra /a+b/ parser") << false << plain << true;
    QTest::addRow("a phrase the pane's layout may hold, then an absent word")
        << QStringLiteral("\"the parser\" zebra") << false << plain << true;
    QTest::addRow("OR: one side misses its second word, the other has both")
        << QStringLiteral("parser zebra OR quiz parser") << false << plain << false;
    QTest::addRow("OR: each side misses a word") << QStringLiteral("parser zebra OR lion quiz") << false << plain << true;
    QTest::addRow("an exclusion does not rule out") << QStringLiteral("parser -quiz") << false << plain << false;
}

void TestRawEntryPrefilter::rulesOutOnlyWhatCannotMatch()
{
    QFETCH(QString, query);
    QFETCH(bool, caseSensitive);
    QFETCH(QByteArray, json);
    QFETCH(bool, ruledOut);
    const RawEntryPrefilter prefilter(QueryLanguage::parse(query, QueryLanguage::Scope::Library), caseSensitive);
    QVERIFY(prefilter.isActive());
    QCOMPARE(prefilter.entryCannotMatch(json), ruledOut);
}

void TestRawEntryPrefilter::neverRulesOutAMatch()
{
    // Entries made of pieces that escapes, case and folding play with; queries of words from
    // them. Whatever the prefilter rules out, the evaluator (the library's matching) finds no
    // match in.
    const char *const pieces[] = {"alpha", "ALPHA", "\\u0061lpha", "al\\/pha", "\\n", "\\t", "\\\"", "\\\\", "a/b",
                                  "\xE2\x84\xAA" "elvin", "kelvin", "\xC5\xBF" "ecret", "secret", "caf\xC3\xA9", "q", "Q",
                                  "\\u0051", "\x01", "ab", " ", "x"};
    const QString needles[] = {QStringLiteral("alpha"), QStringLiteral("ALPHA"), QStringLiteral("lph"),
                               QStringLiteral("a/b"), QStringLiteral("kelvin"), QStringLiteral("secret"),
                               QStringLiteral("q"), QStringLiteral("ab"), QStringLiteral("q OR ab"),
                               QStringLiteral("q alpha"), QStringLiteral("café"), QStringLiteral("alpha kelvin"),
                               QStringLiteral("secret q ab"), QStringLiteral("a/b x OR kelvin alpha"),
                               QStringLiteral("\"ab x\" lph")};
    quint32 seed = 12345;
    const auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7fff;
    };
    int ruledOut = 0;
    int checked = 0;
    for (int n = 0; n < 3000; ++n) {
        QByteArray value;
        const int count = 1 + int(next() % 8);
        for (int k = 0; k < count; ++k)
            value += pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))];
        const QByteArray json = "{\"agent_run_id\":1,\"thought\":\"" + value + "\",\"tool_output\":\"" + QByteArray(n % 3 ? "ok" : "x") + "\"}";
        const SearchText text = SearchText::fromRawEntryJson(json);
        for (const QString &needle : needles) {
            for (const bool caseSensitive : {false, true}) {
                const ParsedQuery parsed = QueryLanguage::parse(needle, QueryLanguage::Scope::Library);
                const RawEntryPrefilter prefilter(parsed, caseSensitive);
                if (!prefilter.isActive() || !prefilter.entryCannotMatch(json))
                    continue;
                ++ruledOut;
                QueryEvaluator evaluator(parsed, {caseSensitive, false, EntryText::Mode::Readable, true});
                evaluator.setRun(QueryRunFacts{});
                QueryEntryFacts facts;
                QVERIFY2(evaluator.countMatches(facts, text) == 0,
                         qPrintable(QStringLiteral("%1 (%2) in %3").arg(needle).arg(caseSensitive).arg(QString::fromUtf8(json))));
                ++checked;
            }
        }
    }
    // Both ways happen: the generator is not trivially on one side.
    QVERIFY(ruledOut > 1000);
    QCOMPARE(checked, ruledOut);
}

QTEST_GUILESS_MAIN(TestRawEntryPrefilter)
#include "tst_rawentryprefilter.moc"
