// SPDX-License-Identifier: MIT
// A hit's snippet: the value holding the first match, cut around it. A plain ASCII word or
// phrase is found by its bytes value by value; the snippet is the one the regular expression the
// library highlighted with gives (non-ASCII text before the match, K and ſ, escapes, no match).
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "search/searchsnippet.h"

#include <QRegularExpression>
#include <QtTest>

class TestSearchSnippet : public QObject
{
    Q_OBJECT

private slots:
    void plainWordsFindTheFirstMatch_data();
    void plainWordsFindTheFirstMatch();
    void summaryIsCutLikeAMatchLine();
    void hitShowsItsMatchElseItsLine();
};

void TestSearchSnippet::plainWordsFindTheFirstMatch_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<QString>("snippet");
    QTest::addColumn<int>("matchStart");
    QTest::addColumn<int>("matchLength");
    QTest::addRow("ASCII") << QByteArray(R"({"thought":"take the Quiz now"})") << QStringLiteral("quiz") << false
                           << QStringLiteral("take the Quiz now") << 9 << 4;
    QTest::addRow("accents and a dash before it")
        << QByteArray("{\"thought\":\"caf\xC3\xA9 \xE2\x80\x94 Quiz here\"}") << QStringLiteral("quiz") << false
        << QString::fromUtf8("café — Quiz here") << 7 << 4;
    QTest::addRow("an emoji (two UTF-16 units) before it")
        << QByteArray("{\"thought\":\"\xF0\x9F\x8E\x89 quiz\"}") << QStringLiteral("QUIZ") << false
        << QString::fromUtf8("\xF0\x9F\x8E\x89 quiz") << 3 << 4;
    QTest::addRow("exact case skips other cases")
        << QByteArray(R"({"thought":"QUIZ","observation":"a quiz"})") << QStringLiteral("quiz") << true
        << QStringLiteral("a quiz") << 2 << 4;
    QTest::addRow("a Kelvin sign folds into k")
        << QByteArray("{\"thought\":\"the \xE2\x84\xAA" "elvin scale\"}") << QStringLiteral("kelvin") << false
        << QString::fromUtf8("the \xE2\x84\xAA" "elvin scale") << 4 << 6;
    QTest::addRow("a long s folds into s")
        << QByteArray("{\"thought\":\"top \xC5\xBF" "ecret\"}") << QStringLiteral("SECRET") << false
        << QString::fromUtf8("top \xC5\xBF" "ecret") << 4 << 6;
    QTest::addRow("an escape makes the line")
        << QByteArray(R"({"thought":"first line\nthe quiz line"})") << QStringLiteral("quiz") << false
        << QStringLiteral("the quiz line") << 4 << 4;
    QTest::addRow("a \\u escape makes the needle")
        << QByteArray(R"({"thought":"a \u0071uiz"})") << QStringLiteral("quiz") << false << QStringLiteral("a quiz") << 2 << 4;
    QTest::addRow("in the second value") << QByteArray(R"({"thought":"nothing","observation":"quiz"})")
                                         << QStringLiteral("quiz") << false << QStringLiteral("quiz") << 0 << 4;
    QTest::addRow("nowhere: the first value") << QByteArray(R"({"thought":"nothing","observation":"else"})")
                                              << QStringLiteral("quiz") << false << QStringLiteral("nothing") << 0 << 0;
}

void TestSearchSnippet::plainWordsFindTheFirstMatch()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, needle);
    QFETCH(bool, caseSensitive);
    QFETCH(QString, snippet);
    QFETCH(int, matchStart);
    QFETCH(int, matchLength);
    const SearchText text = SearchText::fromRawEntryJson(json);
    const SearchEngine plain(SearchQuery{needle, caseSensitive, false, false});
    const SearchSnippet found = SearchSnippet::of(text, plain);
    QCOMPARE(found.text, snippet);
    QCOMPARE(found.matchStart, matchStart);
    QCOMPARE(found.matchLength, matchLength);
    // As the query's highlight (a regular expression) finds it, and over the decoded text too.
    const QString highlight = (caseSensitive ? QStringLiteral("(?:") : QStringLiteral("(?i:"))
        + QRegularExpression::escape(needle) + QLatin1Char(')');
    const SearchSnippet byRegex = SearchSnippet::of(text, SearchEngine(SearchQuery{highlight, true, false, true}));
    QCOMPARE(byRegex.text, found.text);
    QCOMPARE(byRegex.matchStart, found.matchStart);
    QCOMPARE(byRegex.matchLength, found.matchLength);
    const SearchSnippet decoded = SearchSnippet::of(text.decoded(), plain);
    QCOMPARE(decoded.text, found.text);
    QCOMPARE(decoded.matchStart, found.matchStart);
}

void TestSearchSnippet::summaryIsCutLikeAMatchLine()
{
    // Short: as it is, nothing highlighted.
    SearchSnippet snippet = SearchSnippet::ofSummary(QStringLiteral("Run the tests first."));
    QCOMPARE(snippet.text, QStringLiteral("Run the tests first."));
    QCOMPARE(snippet.matchStart, 0);
    QCOMPARE(snippet.matchLength, 0);
    // Long: its first 100 characters and "…"; a tab and a control character made spaces.
    const QString longLine = QStringLiteral("a\tb\x01") + QString(150, QLatin1Char('x'));
    snippet = SearchSnippet::ofSummary(longLine);
    QCOMPARE(snippet.text, QStringLiteral("a b ") + QString(96, QLatin1Char('x')) + QChar(0x2026));
    QCOMPARE(snippet.matchLength, 0);
    // Several lines: the first.
    QCOMPARE(SearchSnippet::ofSummary(QStringLiteral("first\nsecond")).text, QStringLiteral("first"));
    QCOMPARE(SearchSnippet::ofSummary(QString()).text, QString());
}

void TestSearchSnippet::hitShowsItsMatchElseItsLine()
{
    const SearchText text = SearchText::fromRawEntryJson(R"({"id":3,"thought":"read the quiz","observation":"done"})");
    const auto line = [] { return QStringLiteral("the entry's line"); };
    // A match in a value: that value, cut around it.
    SearchSnippet snippet = SearchSnippet::ofHit(text, SearchEngine(SearchQuery{QStringLiteral("QUIZ"), false, false, false}), line);
    QCOMPARE(snippet.text, QStringLiteral("read the quiz"));
    QCOMPARE(snippet.matchStart, 9);
    QCOMPARE(snippet.matchLength, 4);
    QVERIFY(snippet.matched);
    // Keys alone (no text to find): the line, not "id".
    snippet = SearchSnippet::ofHit(text, SearchEngine(SearchQuery{}), line);
    QCOMPARE(snippet.text, QStringLiteral("the entry's line"));
    QCOMPARE(snippet.matchLength, 0);
    // A hit whose match no value holds (it was in a "key: value" line the pane shows): the line.
    snippet = SearchSnippet::ofHit(text, SearchEngine(SearchQuery{QStringLiteral("thought:"), false, false, false}), line);
    QCOMPARE(snippet.text, QStringLiteral("the entry's line"));
    QVERIFY(!SearchSnippet::of(text, SearchEngine(SearchQuery{QStringLiteral("thought:"), false, false, false})).matched);
}

QTEST_GUILESS_MAIN(TestSearchSnippet)
#include "tst_searchsnippet.moc"
