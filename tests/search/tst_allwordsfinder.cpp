// SPDX-License-Identifier: MIT
// Several words that must all match, found in one walk of an entry's values (AllWordsFinder,
// Search All Runs): where it answers, the answer is each word's own engine's (as the library's
// query evaluator counts them), and the value and match it gives make the snippet that the
// words as one regular expression of alternatives (the library's highlight) make. Over random
// entries: escapes (that make other characters or not), K, ſ, a byte order mark, bytes that are
// not UTF-8, words in keys, in left-out fields and as the letter of an escape, more occurrences
// than it looks at, text that is not an object.
#include "search/allwordsfinder.h"
#include "search/searchengine.h"
#include "search/searchsnippet.h"
#include "search/searchtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

class TestAllWordsFinder : public QObject
{
    Q_OBJECT

private slots:
    void acceptsWordsWhoseOccurrencesAreInTheJson();
    void answersAsEachWordsEngine();
    void writtenByHand();
};

namespace {

// `plain`: without what makes the finder leave a row to the evaluator (escapes that make other
// characters, K, ſ), so that most rows get an answer.
QByteArray randomValueText(QRandomGenerator &rng, bool plain)
{
    static const char *const pieces[] = {"a", "b", "ab", "Abc", "k", "s", "S", "foo", "Foo", "oo", "1", "42", " ", "x",
                                         "\xC3\xA9", "\xF0\x9F\x98\x80", "\\n", "\\nfoo", "\\t", "\\\"", "\\\\", "x\ny",
                                         "\xFF", "\xEF\xBB\xBF", "tab", "ka",
                                         // Not plain:
                                         "K", "\xE2\x84\xAA", "\xC5\xBF", "\\u00e9", "\\u0041b", "\\/"};
    constexpr int kNotPlain = 6;
    QByteArray text;
    for (int k = 0, n = rng.bounded(0, 8); k < n; ++k)
        text += pieces[rng.bounded(int(std::size(pieces)) - (plain ? kNotPlain : 0))];
    return text;
}

QByteArray randomEntry(QRandomGenerator &rng)
{
    const bool plain = rng.bounded(3) != 0;
    if (rng.bounded(40) == 0)
        return randomValueText(rng, plain); // not an object
    static const char *const keys[] = {"thought", "created_at", "agent_run_id", "tool_input", "observation", "ab", "foo",
                                       "key"};
    QByteArray json = rng.bounded(10) == 0 ? QByteArray("\xEF\xBB\xBF{") : QByteArray("{");
    for (int k = 0, n = rng.bounded(1, 6); k < n; ++k) {
        json += (k ? ",\"" : "\"") + QByteArray(keys[rng.bounded(int(std::size(keys)))]) + "\":";
        switch (rng.bounded(6)) {
        case 0:
            json += "{\"" + randomValueText(rng, plain) + "\":\"" + randomValueText(rng, plain) + "\"}";
            break;
        case 1:
            json += "[\"" + randomValueText(rng, plain) + "\"," + QByteArray::number(rng.bounded(1000)) + "]";
            break;
        case 2:
            json += QByteArray::number(rng.bounded(100000));
            break;
        case 3:
            // Many occurrences of a short word, now and then more than the finder looks at (and
            // then perhaps in a field the text leaves out, before a value that holds the word).
            if (rng.bounded(2))
                json += "\"\",\"created_at\":";
            json += '"' + QByteArray(rng.bounded(2) ? 1100 : 30, rng.bounded(2) ? 'a' : 'b') + randomValueText(rng, plain) + '"';
            break;
        default:
            json += '"' + randomValueText(rng, plain) + '"';
        }
    }
    return rng.bounded(20) == 0 ? json : json + '}';
}

// The words as the library's highlight: one regular expression of alternatives, in order.
SearchEngine highlightOf(const QStringList &words, bool caseSensitive)
{
    QStringList parts;
    for (const QString &word : words)
        parts.append((caseSensitive ? QStringLiteral("(?:") : QStringLiteral("(?i:")) + QRegularExpression::escape(word) + u')');
    return SearchEngine(SearchQuery{parts.join(u'|'), true, false, true});
}

} // namespace

void TestAllWordsFinder::acceptsWordsWhoseOccurrencesAreInTheJson()
{
    QVERIFY(AllWordsFinder::accepts(QStringLiteral("parser")));
    QVERIFY(AllWordsFinder::accepts(QStringLiteral("a b")));
    QVERIFY(AllWordsFinder::accepts(QStringLiteral("x")));
    QVERIFY(!AllWordsFinder::accepts(QString()));
    QVERIFY(!AllWordsFinder::accepts(QStringLiteral("a\"b")));
    QVERIFY(!AllWordsFinder::accepts(QStringLiteral("a\\b")));
    QVERIFY(!AllWordsFinder::accepts(QStringLiteral("a\nb")));
    QVERIFY(!AllWordsFinder::accepts(QStringLiteral("a\tb")));
    QVERIFY(!AllWordsFinder::accepts(QStringLiteral("café")));
    QVERIFY(!AllWordsFinder::accepts(QString(QChar(0))));
}

void TestAllWordsFinder::answersAsEachWordsEngine()
{
    static const char *const vocabulary[] = {"a", "ab", "abc", "b", "k", "K", "s", "foo", "Foo", "nfoo", "oo", "1", "42",
                                             "x", "ka", "tab", "u00e9", "Ab"};
    QRandomGenerator rng(20261208);
    int all = 0, notAll = 0, unknown = 0, plainUnknown = 0;
    for (int round = 0; round < 8000; ++round) {
        QStringList words;
        for (int k = 0, n = rng.bounded(2, 4); k < n; ++k)
            words.append(QString::fromLatin1(vocabulary[rng.bounded(int(std::size(vocabulary)))]));
        const bool caseSensitive = rng.bounded(2) == 0;
        const QByteArray json = randomEntry(rng);
        const SearchText text = SearchText::fromRawEntryJson(json);
        const AllWordsFinder finder(words, caseSensitive);
        const AllWordsFinder::Result result = AllWordsFinder(finder).find(text); // a copy finds alike
        const auto context = [&] {
            return QStringLiteral("%1 (%2) in %3")
                .arg(words.join(u' '), caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                     QString::fromUtf8(json.toPercentEncoding(" {}[]:,\\\"")));
        };
        if (result.answer == AllWordsFinder::Answer::Unknown) {
            ++unknown;
            // Only where a row's escapes make other characters, K or ſ may match, a word is held
            // more often than the finder looks, or the text is not an object.
            if (!text.needsDecoding() && !(text.foldsIntoAscii() && !caseSensitive) && !json.contains(QByteArray(1024, 'a'))
                && !json.contains(QByteArray(1024, 'b')) && json.trimmed().startsWith('{'))
                ++plainUnknown;
            continue;
        }
        bool expectedAll = true;
        for (const QString &word : words) {
            const SearchEngine engine(SearchQuery{word, caseSensitive, false, false}, EntryText::Mode::Readable);
            QVERIFY(!engine.searchesShownText());
            expectedAll = expectedAll && engine.countMatches(text, 1) > 0;
        }
        if ((result.answer == AllWordsFinder::Answer::All) != expectedAll)
            QFAIL(qPrintable(context() + QStringLiteral(": finder says %1").arg(int(result.answer))));
        if (!expectedAll) {
            ++notAll;
            continue;
        }
        ++all;
        const SearchSnippet expected = SearchSnippet::of(text, highlightOf(words, caseSensitive));
        QVERIFY2(expected.matched, qPrintable(context()));
        const SearchSnippet shown = SearchSnippet::ofMatchIn(result.value, result.firstMatch.start, result.firstMatch.length);
        QVERIFY2(shown.text == expected.text, qPrintable(context() + u' ' + shown.text + QStringLiteral(" | ") + expected.text));
        QVERIFY2(shown.matchStart == expected.matchStart && shown.matchLength == expected.matchLength, qPrintable(context()));
        QVERIFY(shown.matched);
    }
    // It answers for the rows it is made for: a finder that always said Unknown would pass above.
    QVERIFY2(all > 500 && notAll > 2000 && plainUnknown == 0,
             qPrintable(QStringLiteral("all %1, not all %2, unknown %3 (%4 plain)").arg(all).arg(notAll).arg(unknown).arg(plainUnknown)));
}

void TestAllWordsFinder::writtenByHand()
{
    using Answer = AllWordsFinder::Answer;
    const AllWordsFinder parserReturns({QStringLiteral("parser"), QStringLiteral("returns")}, false);
    // Both in one value: the first of either is the snippet's match.
    AllWordsFinder::Result r = parserReturns.find(SearchText::fromRawEntryJson(
        R"({"created_at": "parser", "thought": "it Returns\nthe parser", "tool_input": {"cmd": "parser"}})"));
    QCOMPARE(r.answer, Answer::All);
    QCOMPARE(r.value, QStringLiteral("it Returns\nthe parser"));
    QCOMPARE(r.firstMatch.start, 3);
    QCOMPARE(r.firstMatch.length, 7);
    // In two values; one of them non-ASCII before the match (UTF-16 units, not bytes).
    r = parserReturns.find(SearchText::fromRawEntryJson(R"({"thought": "été returns", "tool_input": {"cmd": "parser"}})"));
    QCOMPARE(r.answer, Answer::All);
    QCOMPARE(r.value, QStringLiteral("été returns"));
    QCOMPARE(r.firstMatch.start, 4);
    // One only in a left-out field: not all.
    QCOMPARE(parserReturns.find(SearchText::fromRawEntryJson(R"({"created_at": "returns", "thought": "parser"})")).answer,
             Answer::NotAll);
    // More occurrences than it looks at, all in a left-out field before the value: not "not all".
    const AllWordsFinder ab({QStringLiteral("a"), QStringLiteral("b")}, true);
    const QByteArray many = "{\"created_at\": \"" + QByteArray(1100, 'a') + "\", \"thought\": \"a b\"}";
    QVERIFY(ab.find(SearchText::fromRawEntryJson(many)).answer != Answer::NotAll);
    // Not in the JSON at all: not all.
    QCOMPARE(parserReturns.find(SearchText::fromRawEntryJson(R"({"thought": "parser"})")).answer, Answer::NotAll);
    // The letter of an escape does not make a word: "\nreturns" holds "returns", "\\nparser" no "nparser".
    const AllWordsFinder nparser({QStringLiteral("nparser"), QStringLiteral("returns")}, true);
    QCOMPARE(nparser.find(SearchText::fromRawEntryJson(R"({"thought": "\nparser returns"})")).answer, Answer::NotAll);
    QCOMPARE(nparser.find(SearchText::fromRawEntryJson(R"({"thought": "\nparser returns nparser"})")).answer, Answer::All);
    // A tie at one place: the word written first is the match, as in the alternatives.
    const AllWordsFinder tie({QStringLiteral("abc"), QStringLiteral("ab")}, true);
    r = tie.find(SearchText::fromRawEntryJson(R"({"thought": "xabcx"})"));
    QCOMPARE(r.answer, Answer::All);
    QCOMPARE(r.firstMatch.start, 1);
    QCOMPARE(r.firstMatch.length, 3);
    // Escapes that make other characters, K in any case, text that is not an object: Unknown.
    QCOMPARE(parserReturns.find(SearchText::fromRawEntryJson(R"({"thought": "parser \u0072eturns"})")).answer, Answer::Unknown);
    QCOMPARE(parserReturns.find(SearchText::fromRawEntryJson("{\"thought\": \"parser returns \xE2\x84\xAA\"}")).answer,
             Answer::Unknown);
    QCOMPARE(parserReturns.find(SearchText::fromRawEntryJson("parser returns")).answer, Answer::Unknown);
    // Exact case: K is not k.
    const AllWordsFinder exact({QStringLiteral("parser"), QStringLiteral("returns")}, true);
    QCOMPARE(exact.find(SearchText::fromRawEntryJson("{\"thought\": \"parser returns \xE2\x84\xAA\"}")).answer, Answer::All);
    QCOMPARE(exact.find(SearchText::fromRawEntryJson(R"({"thought": "Parser returns"})")).answer, Answer::NotAll);
}

QTEST_APPLESS_MAIN(TestAllWordsFinder)
#include "tst_allwordsfinder.moc"
