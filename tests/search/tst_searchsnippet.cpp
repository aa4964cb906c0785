// SPDX-License-Identifier: MIT
// A hit's snippet: the value holding the first match, cut around it. A plain ASCII word or
// phrase is found by its bytes value by value; the snippet is the one the regular expression the
// library highlighted with gives (non-ASCII text before the match, K and ſ, escapes, no match).
// A regular expression's first match is found in the values' bytes (SearchEngine::
// firstMatchInUtf8): the same range as findRanges over the decoded value, over random patterns
// and values, and the same snippet as the match a QRegularExpression finds in the decoded text.
#include "search/searchengine.h"
#include "search/searchtext.h"
#include "search/searchsnippet.h"

#include <QRandomGenerator>
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
    void firstMatchInBytesIsFindRangesFirst();
    void regexSnippetsShowTheFirstMatchOfTheDecodedText();
    void longLinesAreCutByTheRule();
    void withoutAMatchTheFirstValueShows();
    void aFirstMatchIsTheEnginesMatch();
    void aMatchIsCutAsBeforeOverEveryUnit();
};

namespace {

// Pieces of values: ASCII, letters that fold into ASCII (K, ſ), accents, an emoji (two UTF-16
// units), line breaks, escapes as JSON writes them, and now and then bytes that are not UTF-8.
QByteArray randomValueText(QRandomGenerator &rng)
{
    static const char *const pieces[] = {"a", "b", "ab", "Abc", "k", "K", "\xE2\x84\xAA", "\xC5\xBF", "s", "S",
                                         "\xC3\xA9", "\xF0\x9F\x98\x80", "1", "42", "7z", " ", "-", "_",
                                         "\\n", "\\t", "\\\"", "\\u00e9", "\\u004b", "x\ny", "\xFF", "\xEF\xBB\xBF",
                                         "foo", "Foo bar", "\\\\"};
    QByteArray text;
    for (int k = 0, n = rng.bounded(0, 7); k < n; ++k)
        text += pieces[rng.bounded(int(std::size(pieces)))];
    return text;
}

QByteArray randomEntry(QRandomGenerator &rng)
{
    QByteArray json = rng.bounded(8) == 0 ? QByteArray("\xEF\xBB\xBF{") : QByteArray("{");
    for (int k = 0, n = rng.bounded(1, 5); k < n; ++k) {
        json += (k ? ",\"" : "\"") + QByteArray("key") + QByteArray::number(k) + "\":";
        switch (rng.bounded(4)) {
        case 0:
            json += "{\"" + randomValueText(rng) + "\":\"" + randomValueText(rng) + "\"}";
            break;
        case 1:
            json += "[\"" + randomValueText(rng) + "\"," + QByteArray::number(rng.bounded(1000)) + "]";
            break;
        default:
            json += '"' + randomValueText(rng) + '"';
        }
    }
    return rng.bounded(20) == 0 ? json : json + '}';
}

// Patterns of one to three atoms, each perhaps quantified: literals, classes, escapes,
// alternations, anchors and lookarounds, empty matches, non-ASCII text.
QString randomPattern(QRandomGenerator &rng)
{
    static const char *const atoms[] = {"a", "b", "k", "s", "\\d", "\\w", "\\W", "\\s", "[a-c]", "[^a]", ".",
                                        "(?:ab|K)", "\xC3\xA9", "\xF0\x9F\x98\x80", "\\bfoo", "bar\\b", "^", "$",
                                        "(?=b)", "x*", "\\n", "\\x{212A}", "\xC5\xBF", "(a|)", "\\p{L}", "\\d{2}"};
    static const char *const quantifiers[] = {"", "", "", "+", "*", "?", "{2}", "+?"};
    QString pattern;
    for (int k = 0, n = rng.bounded(1, 4); k < n; ++k) {
        pattern += QString::fromUtf8(atoms[rng.bounded(int(std::size(atoms)))]);
        pattern += QString::fromLatin1(quantifiers[rng.bounded(int(std::size(quantifiers)))]);
    }
    return pattern;
}

// The decoded values of an entry (its search text's segments).
QList<QByteArray> segmentsOf(const QByteArray &json)
{
    return SearchText::fromRawEntryJson(json).decoded().bytes.split(SearchText::kSeparator);
}

} // namespace

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
    QTest::addRow("a Kelvin sign made by an escape folds into k")
        << QByteArray(R"({"thought":"the \u212Aelvin scale"})") << QStringLiteral("kelvin") << false
        << QString::fromUtf8("the \xE2\x84\xAA" "elvin scale") << 4 << 6;
    QTest::addRow("a long s folds into s")
        << QByteArray("{\"thought\":\"top \xC5\xBF" "ecret\"}") << QStringLiteral("SECRET") << false
        << QString::fromUtf8("top \xC5\xBF" "ecret") << 4 << 6;
    QTest::addRow("an escape makes the line")
        << QByteArray(R"({"thought":"first line\nthe quiz line"})") << QStringLiteral("quiz") << false
        << QStringLiteral("the quiz line") << 4 << 4;
    QTest::addRow("a \\u escape makes the needle")
        << QByteArray(R"({"thought":"a \u0071uiz"})") << QStringLiteral("quiz") << false << QStringLiteral("a quiz") << 2 << 4;
    QTest::addRow("a \\u escape makes it before the needle as written")
        << QByteArray(R"({"thought":"a \u0071uiz","observation":"quiz"})") << QStringLiteral("quiz") << false
        << QStringLiteral("a quiz") << 2 << 4;
    QTest::addRow("a Kelvin sign before the needle as written")
        << QByteArray("{\"thought\":\"the \xE2\x84\xAA" "elvin scale\",\"observation\":\"kelvin\"}")
        << QStringLiteral("kelvin") << false << QString::fromUtf8("the \xE2\x84\xAA" "elvin scale") << 4 << 6;
    QTest::addRow("a needle with a backslash, written as an escape")
        << QByteArray(R"({"thought":"a\\n","observation":"a\\na\n"})") << QStringLiteral("a\\n") << true
        << QStringLiteral("a\\n") << 0 << 3;
    QTest::addRow("an escape's letter is not the needle")
        << QByteArray(R"({"thought":"x\ny","observation":{"text":"the n"}})") << QStringLiteral("n") << true
        << QStringLiteral("the n") << 4 << 1;
    QTest::addRow("past many occurrences the values leave out")
        << QByteArray(R"({"agent_run_id":")" + QByteArray(70, 'n') + R"(","thought":"find n"})")
        << QStringLiteral("N") << false << QStringLiteral("find n") << 2 << 1;
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

void TestSearchSnippet::firstMatchInBytesIsFindRangesFirst()
{
    QRandomGenerator rng(2512);
    int told = 0;
    for (int round = 0; round < 3000; ++round) {
        const QString pattern = randomPattern(rng);
        const bool caseSensitive = rng.bounded(2);
        const SearchEngine engine(SearchQuery{pattern, caseSensitive, false, true});
        if (!engine.isValid())
            continue;
        for (const QByteArray &segment : segmentsOf(randomEntry(rng))) {
            const QList<TextRange> expected = engine.findRanges(QString::fromUtf8(segment), 1);
            TextRange range;
            const SearchEngine::Utf8Answer answer = engine.firstMatchInUtf8(segment, &range);
            const QByteArray context = "pattern " + pattern.toUtf8() + " value " + segment.toPercentEncoding();
            if (answer == SearchEngine::Utf8Answer::Unknown) {
                // Only bytes that are not UTF-8, or a leading byte order mark, go unanswered.
                QVERIFY2(!QUtf8StringView(segment).isValidUtf8() || segment.startsWith("\xEF\xBB\xBF"), context);
                continue;
            }
            ++told;
            QCOMPARE_EQ(answer == SearchEngine::Utf8Answer::Match, !expected.isEmpty());
            if (!expected.isEmpty()) {
                QVERIFY2(range == expected.first(), context);
            }
        }
    }
    QVERIFY(told > 5000);
    // Plain text (not a regular expression) is never answered from the bytes.
    TextRange range;
    QVERIFY(SearchEngine(SearchQuery{QStringLiteral("ab"), false, false, false}).firstMatchInUtf8("ab", &range)
            == SearchEngine::Utf8Answer::Unknown);
}

void TestSearchSnippet::regexSnippetsShowTheFirstMatchOfTheDecodedText()
{
    // The reference: QRegularExpression over each decoded value in turn, its first non-empty
    // match (the snippet's value and match), independent of SearchEngine.
    // Plain words too (found by their bytes where K and ſ cannot be), as their escaped pattern.
    static const char *const words[] = {"a", "ab", "k", "K", "s", "foo", "Foo bar", "\xC3\xA9", "\xE2\x84\xAA", "b\"f"};
    QRandomGenerator rng(77);
    int matched = 0;
    for (int round = 0; round < 6000; ++round) {
        const bool plain = round % 2;
        const QString pattern = plain ? QString::fromUtf8(words[rng.bounded(int(std::size(words)))]) : randomPattern(rng);
        const bool caseSensitive = rng.bounded(2);
        const SearchEngine engine(SearchQuery{pattern, caseSensitive, false, !plain});
        if (!engine.isValid())
            continue;
        // Unicode properties, as the search's regular expressions have them (\w, \d, \b).
        const QRegularExpression reference(plain ? QRegularExpression::escape(pattern) : pattern,
                                           caseSensitive ? QRegularExpression::UseUnicodePropertiesOption
                                                         : QRegularExpression::UseUnicodePropertiesOption
                                               | QRegularExpression::CaseInsensitiveOption);
        const QByteArray json = randomEntry(rng);
        QString expectedMatch;
        bool found = false;
        for (const QByteArray &segment : segmentsOf(json)) {
            QRegularExpressionMatchIterator it = reference.globalMatch(QString::fromUtf8(segment));
            while (it.hasNext() && !found) {
                const QRegularExpressionMatch match = it.next();
                if (match.capturedLength() > 0) {
                    expectedMatch = match.captured();
                    found = true;
                }
            }
            if (found)
                break;
        }
        const SearchSnippet snippet = SearchSnippet::of(SearchText::fromRawEntryJson(json), engine);
        const QByteArray context = "pattern " + pattern.toUtf8() + " entry " + json.toPercentEncoding();
        QVERIFY2(snippet.matched == found, context);
        if (!found)
            continue;
        ++matched;
        // The snippet shows the whole match (these are short), control characters made spaces.
        for (QChar &c : expectedMatch) {
            if (c.category() == QChar::Other_Control)
                c = QLatin1Char(' ');
        }
        QVERIFY2(snippet.text.mid(snippet.matchStart, snippet.matchLength) == expectedMatch, context);
    }
    QVERIFY(matched > 1000);
}

void TestSearchSnippet::longLinesAreCutByTheRule()
{
    // The rule, read whole lines at a time: the match's line (between line breaks), from at most
    // kBefore characters before the match to at most kAfter after it and kBefore + 400 from the
    // start, "…" where the line goes on; over long lines, matches near their ends, long matches.
    const auto expectedCut = [](const QString &text, qsizetype start, qsizetype length) {
        qsizetype lineStart = start;
        while (lineStart > 0 && text.at(lineStart - 1) != QLatin1Char('\n'))
            --lineStart;
        qsizetype lineEnd = start + length;
        while (lineEnd < text.size() && text.at(lineEnd) != QLatin1Char('\n'))
            ++lineEnd;
        const qsizetype from = std::max(lineStart, start - SearchSnippet::kBefore);
        const qsizetype to = std::min({lineEnd, start + length + SearchSnippet::kAfter, from + SearchSnippet::kBefore + 400});
        QString cut = text.mid(from, to - from).replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
        return (from > lineStart ? QString(QChar(0x2026)) : QString()) + cut + (to < lineEnd ? QString(QChar(0x2026)) : QString());
    };
    QRandomGenerator rng(4242);
    for (int round = 0; round < 4000; ++round) {
        QString text;
        const int size = rng.bounded(0, 1200);
        for (int k = 0; k < size; ++k) {
            const quint32 draw = rng.bounded(round % 2 ? 60 : 3000); // short lines, or a few long ones
            text += draw == 0 ? QLatin1Char('\n') : draw == 1 ? QLatin1Char('\t') : draw < 20 ? QLatin1Char(' ') : QLatin1Char('a' + draw % 3);
        }
        // One or two z's at random places: a short match, or one across most of a line.
        const int zs = rng.bounded(1, 3);
        for (int k = 0; k < zs; ++k)
            text.insert(rng.bounded(text.size() + 1), QLatin1Char('z'));
        const bool regex = rng.bounded(2);
        // The regular expression may run over line breaks, so its match may be the longer.
        const QString pattern = regex ? QStringLiteral("z[^z]*z?") : QStringLiteral("z");
        const SearchEngine engine(SearchQuery{pattern, true, false, regex});
        const QRegularExpressionMatch match = QRegularExpression(pattern).match(text);
        QVERIFY(match.hasMatch());
        const SearchSnippet snippet = SearchSnippet::of(SearchText::fromSegments({text.toUtf8()}), engine);
        const QString expected = expectedCut(text, match.capturedStart(), match.capturedLength());
        QCOMPARE(snippet.text, expected);
        QVERIFY(snippet.matched);
        QCOMPARE(snippet.text.mid(snippet.matchStart, snippet.matchLength),
                 expected.mid(snippet.matchStart, snippet.matchLength));
    }
    // Short texts by hand: the line before and after a break, and the cut at both ends.
    const SearchEngine z(SearchQuery{QStringLiteral("z"), true, false, false});
    QCOMPARE(SearchSnippet::of(SearchText::fromSegments({"first\nthe z here\nlast"}), z).text, QStringLiteral("the z here"));
    const QString longLine = QString(50, QLatin1Char('a')) + QLatin1Char('z') + QString(150, QLatin1Char('b'));
    const SearchSnippet cut = SearchSnippet::of(SearchText::fromSegments({longLine.toUtf8()}), z);
    QCOMPARE(cut.text, QChar(0x2026) + QString(40, QLatin1Char('a')) + QLatin1Char('z') + QString(100, QLatin1Char('b')) + QChar(0x2026));
    QCOMPARE(cut.matchStart, 41);
    QCOMPARE(cut.matchLength, 1);
}

void TestSearchSnippet::withoutAMatchTheFirstValueShows()
{
    // Without a match the snippet is the first value's first line, cut by the rule from its start:
    // its first kAfter characters, control characters made spaces, "…" where the line goes on.
    // Raw entries and their decoded text alike.
    static const char *const words[] = {"zq", "qqq", "Foo bar", "\xE2\x84\xAA", "b\"f", "a", "k"};
    QRandomGenerator rng(91);
    int unmatched = 0;
    for (int round = 0; round < 6000; ++round) {
        const bool plain = round % 2;
        const QString pattern = plain ? QString::fromUtf8(words[rng.bounded(int(std::size(words)))]) : randomPattern(rng);
        const SearchEngine engine(SearchQuery{pattern, bool(rng.bounded(2)), false, !plain});
        if (!engine.isValid())
            continue;
        const QByteArray json = randomEntry(rng);
        const QString firstValue = QString::fromUtf8(segmentsOf(json).first());
        qsizetype lineEnd = 0;
        while (lineEnd < firstValue.size() && firstValue.at(lineEnd) != QLatin1Char('\n'))
            ++lineEnd;
        QString expected = firstValue.left(std::min<qsizetype>(lineEnd, SearchSnippet::kAfter));
        for (QChar &c : expected) {
            if (c.category() == QChar::Other_Control)
                c = QLatin1Char(' ');
        }
        if (lineEnd > SearchSnippet::kAfter)
            expected += QChar(0x2026);
        const SearchText raw = SearchText::fromRawEntryJson(json);
        for (const SearchText &text : {raw, raw.decoded()}) {
            const SearchSnippet snippet = SearchSnippet::of(text, engine);
            if (snippet.matched)
                continue;
            ++unmatched;
            const QByteArray context = "pattern " + pattern.toUtf8() + " entry " + json.toPercentEncoding();
            QVERIFY2(snippet.text == expected, context + " snippet " + snippet.text.toUtf8());
            QCOMPARE(snippet.matchLength, 0);
        }
    }
    QVERIFY(unmatched > 1000);
}

namespace {
// cutAround as it was before it was made 8 units at a time (d6cce93), verbatim.
SearchSnippet cutAroundBefore(QStringView text, qsizetype start, qsizetype length)
{
    constexpr qsizetype kBefore = SearchSnippet::kBefore;
    constexpr qsizetype kAfter = SearchSnippet::kAfter;
    SearchSnippet snippet;
    const auto isBreak = [](QChar c) { return c == QChar(0) || c == QLatin1Char('\n'); };
    qsizetype from = start;
    while (from > 0 && from > start - kBefore && !isBreak(text.at(from - 1)))
        --from;
    const bool cutBefore = from > 0 && !isBreak(text.at(from - 1));
    const qsizetype limit = std::min(start + length + kAfter, from + kBefore + 400);
    qsizetype to = start + length;
    while (to < text.size() && to < limit && !isBreak(text.at(to)))
        ++to;
    bool cutAfter = false;
    if (to >= limit) {
        cutAfter = to > limit || (limit < text.size() && !isBreak(text.at(limit)));
        to = limit;
    }
    const qsizetype size = to - from + (cutBefore ? 1 : 0) + (cutAfter ? 1 : 0);
    if (size > 0) {
        QString cut(size, Qt::Uninitialized);
        QChar *out = cut.data();
        if (cutBefore)
            *out++ = QChar(0x2026);
        for (const QChar c : text.sliced(from, to - from)) {
            const char16_t u = c.unicode();
            const bool control = u < 0x80 ? (u < 0x20 || u == 0x7F)
                                          : (c.category() == QChar::Other_Control || c == QChar::LineSeparator
                                             || c == QChar::ParagraphSeparator);
            *out++ = control ? QChar(QLatin1Char(' ')) : c;
        }
        if (cutAfter)
            *out = QChar(0x2026);
        snippet.text = std::move(cut);
    }
    snippet.matchStart = int(start - from + (cutBefore ? 1 : 0));
    snippet.matchLength = int(std::clamp<qsizetype>(to - start, 0, length));
    return snippet;
}
} // namespace

void TestSearchSnippet::aMatchIsCutAsBeforeOverEveryUnit()
{
    // Any UTF-16 unit (every one of the 65,536 now and then), line breaks and NULs at every
    // distance, matches at the very start and end, empty and whole-text matches, sizes around the
    // 8-unit steps and the kBefore/kAfter/400 limits: the same snippet as before.
    QRandomGenerator rng(qEnvironmentVariableIntValue("SNIPPET_SEED") ? quint32(qEnvironmentVariableIntValue("SNIPPET_SEED")) : 9);
    const int rounds = qEnvironmentVariableIntValue("SNIPPET_ROUNDS") ? qEnvironmentVariableIntValue("SNIPPET_ROUNDS") : 40000;
    for (int round = 0; round < rounds; ++round) {
        static const int sizes[] = {0, 1, 7, 8, 9, 15, 16, 17, 39, 40, 41, 139, 140, 141, 439, 440, 441, 600, 2000};
        const int size = rng.bounded(3) ? rng.bounded(700) : sizes[rng.bounded(int(std::size(sizes)))];
        QString text(size, Qt::Uninitialized);
        const int breakOdds = rng.bounded(4) == 0 ? 3 : rng.bounded(2) ? 50 : 100000;
        const int wideOdds = rng.bounded(5);
        for (int k = 0; k < size; ++k) {
            char16_t u;
            if (rng.bounded(breakOdds) == 0)
                u = rng.bounded(2) ? u'\n' : 0;
            else if (wideOdds == 0 || rng.bounded(10) == 0)
                u = char16_t(rng.bounded(0x10000));
            else if (rng.bounded(6) == 0)
                u = char16_t(rng.bounded(0x100));
            else
                u = char16_t(0x20 + rng.bounded(0x5F));
            text[k] = QChar(u);
        }
        qsizetype start, length;
        switch (rng.bounded(5)) {
        case 0:
            start = 0;
            break;
        case 1:
            start = size;
            break;
        default:
            start = rng.bounded(size + 1);
        }
        switch (rng.bounded(5)) {
        case 0:
            length = 0;
            break;
        case 1:
            length = size - start;
            break;
        default:
            length = rng.bounded(int(std::min<qsizetype>(size - start, 30)) + 1);
        }
        // From a view into a larger buffer too: units before and after it must not be read.
        const QString padded = QStringLiteral("\n\nxx") + text + QStringLiteral("yy\n");
        const QStringView view = rng.bounded(2) ? QStringView(text) : QStringView(padded).sliced(4, size);
        const SearchSnippet now = SearchSnippet::ofMatchIn(view, start, length);
        const SearchSnippet before = cutAroundBefore(view, start, length);
        if (now.text != before.text || now.matchStart != before.matchStart || now.matchLength != before.matchLength)
            QFAIL(qPrintable(QStringLiteral("round %1: size %2 start %3 length %4").arg(round).arg(size).arg(start).arg(length)));
        QVERIFY(now.matched);
    }
}

QTEST_GUILESS_MAIN(TestSearchSnippet)
void TestSearchSnippet::aFirstMatchIsTheEnginesMatch()
{
    // Search All Runs takes an entry as a hit where the snippet of one ASCII word without layout
    // finds a first match (snippetDecidesMatch): that must be where the engine, as the library's
    // query evaluator makes it (also over the Readable pane, which such a word never reaches),
    // counts one. Entries with K, ſ, escapes that make them, a byte order mark, bytes that are
    // not UTF-8, cut short; either case.
    static const char *const needles[] = {"a", "b", "ab", "k", "K", "s", "S", "foo", "Foo", "1", "42", "7z",
                                          "abc", "oo", "_", "u00e9", "n", "ka", "ss"};
    QRandomGenerator rng(20261208);
    int matched = 0;
    int unmatched = 0;
    for (int k = 0; k < 6000; ++k) {
        const QByteArray json = randomEntry(rng);
        SearchQuery query;
        query.pattern = QString::fromLatin1(needles[rng.bounded(int(std::size(needles)))]);
        query.caseSensitive = rng.bounded(2) == 0;
        const SearchEngine snippetEngine(query);
        const SearchEngine counting(query, EntryText::Mode::Readable);
        QVERIFY(!counting.searchesShownText());
        const SearchText text = SearchText::fromRawEntryJson(json);
        const SearchSnippet first = SearchSnippet::ofFirstMatch(text, snippetEngine);
        const bool counted = counting.countMatches(text, 1) > 0;
        if (first.matched != counted)
            QFAIL(qPrintable(QStringLiteral("%1 (%2) in %3: snippet %4, count %5")
                                 .arg(query.pattern, query.caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                                      QString::fromUtf8(json.toPercentEncoding(" {}[]:,\\\"")))
                                 .arg(first.matched)
                                 .arg(counted)));
        if (first.matched) {
            const SearchSnippet shown = SearchSnippet::of(text, snippetEngine);
            QCOMPARE(first.text, shown.text);
            QCOMPARE(first.matchStart, shown.matchStart);
            QCOMPARE(first.matchLength, shown.matchLength);
            ++matched;
        } else {
            QVERIFY(first.text.isEmpty());
            ++unmatched;
        }
    }
    QVERIFY2(matched > 1000 && unmatched > 1000, qPrintable(QStringLiteral("%1 %2").arg(matched).arg(unmatched)));

    // More occurrences than the walk around them takes (64), all in a field the text leaves out,
    // before the one in a value: found all the same. And none in a value: no match.
    SearchQuery a;
    a.pattern = QStringLiteral("a");
    const QByteArray many = "{\"created_at\": \"" + QByteArray(70, 'a') + "\", \"thought\": \"xa\"}";
    QVERIFY(SearchSnippet::ofFirstMatch(SearchText::fromRawEntryJson(many), SearchEngine(a)).matched);
    const QByteArray onlyLeftOut = "{\"created_at\": \"" + QByteArray(70, 'a') + "\", \"thought\": \"xb\"}";
    QVERIFY(!SearchSnippet::ofFirstMatch(SearchText::fromRawEntryJson(onlyLeftOut), SearchEngine(a)).matched);
    // The needle as the letter of an escape only.
    SearchQuery nfoo;
    nfoo.pattern = QStringLiteral("nfoo");
    QVERIFY(!SearchSnippet::ofFirstMatch(SearchText::fromRawEntryJson(R"({"thought": "x\nfoo"})"), SearchEngine(nfoo)).matched);
    QVERIFY(SearchSnippet::ofFirstMatch(SearchText::fromRawEntryJson(R"({"thought": "x\nfoo nfoo"})"), SearchEngine(nfoo)).matched);
}

#include "tst_searchsnippet.moc"
