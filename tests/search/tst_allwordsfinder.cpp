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
#include <QThread>
#include <QTextStream>
#include <QRegularExpression>
#include <QtTest>

class TestAllWordsFinder : public QObject
{
    Q_OBJECT

private slots:
    void acceptsWordsWhoseOccurrencesAreInTheJson();
    void answersAsEachWordsEngine();
    void writtenByHand();
    void adversarialRows();
    void twoByteOrderMarksStartingTheText();
    void sharedAcrossThreads();
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

// Where the finder answered, what its answer and snippet have that the reference has not: each
// word's own engine (as the library's evaluator counts) and the highlight's snippet. Empty where
// they agree; `expectedAll` says what the engines found.
QString disagreement(const QStringList &words, bool caseSensitive, const SearchText &text,
                     const AllWordsFinder::Result &result, bool *expectedAll)
{
    *expectedAll = true;
    for (const QString &word : words) {
        const SearchEngine engine(SearchQuery{word, caseSensitive, false, false}, EntryText::Mode::Readable);
        *expectedAll = *expectedAll && engine.countMatches(text, 1) > 0;
    }
    if ((result.answer == AllWordsFinder::Answer::All) != *expectedAll)
        return QStringLiteral("finder says %1").arg(int(result.answer));
    if (!*expectedAll)
        return {};
    const SearchSnippet expected = SearchSnippet::of(text, highlightOf(words, caseSensitive));
    if (!expected.matched)
        return QStringLiteral("the highlight finds no match");
    const SearchSnippet shown = SearchSnippet::ofMatchIn(result.value, result.firstMatch.start, result.firstMatch.length);
    if (shown.text != expected.text || shown.matchStart != expected.matchStart || shown.matchLength != expected.matchLength)
        return QStringLiteral("shown [%1] %2,%3 expected [%4] %5,%6")
            .arg(shown.text).arg(shown.matchStart).arg(shown.matchLength)
            .arg(expected.text).arg(expected.matchStart).arg(expected.matchLength);
    return {};
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
        for (const QString &word : words)
            QVERIFY(!SearchEngine(SearchQuery{word, caseSensitive, false, false}, EntryText::Mode::Readable).searchesShownText());
        bool expectedAll = false;
        const QString wrong = disagreement(words, caseSensitive, text, result, &expectedAll);
        if (!wrong.isEmpty())
            QFAIL(qPrintable(context() + QStringLiteral(": ") + wrong));
        ++(expectedAll ? all : notAll);
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

namespace {
const char *const kAdversarialPieces[] = {
    "a", "aa", "b", "ab", "abc", "k", "K", "s", "S", "x", "y", "x y", "foo", "Foo", "nfoo", "1", "12", "0", " ", "  ",
    ":", ",", "{", "}", "[", "]", "/", "i", "I", "true", "null", "ab", "k", "foo", "x", "a",
    // escapes that make no other character than '"', '\\' or a control one
    "\\n", "\\t", "\\r", "\\r\\n", "\\\"", "\\\\", "\\x", "\\nfoo", "\\",
    // raw bytes
    "\n", "\r", "\t", "\r\n",
    // not ASCII, and bytes that are not UTF-8
    "\xC3\xA9", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF", "\xE2\x80\xA8", "\xC2\x85", "\xC4\xB0",
    "\xC4\xB1", "\xFF", "\xC3", "\xE2\x84", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\xEF\xBB",
    // Not plain: escapes that make other characters, control bytes, K, ſ
    "\\/", "\\b", "\\f", "\\u0041", "\\u006b", "\\u212A", "\\u017f", "\\ud83d\\ude00", "\\u0001", "\\u00", "\\ud800",
    "\x01", "\x7f", "\xE2\x84\xAA", "\xC5\xBF"};
constexpr int kNotPlainPieces = 15;
thread_local bool t_plain = true;

QByteArray adversarialText(QRandomGenerator &rng, int maxPieces)
{
    QByteArray text;
    for (int k = 0, n = rng.bounded(0, maxPieces + 1); k < n; ++k)
        text += kAdversarialPieces[rng.bounded(int(std::size(kAdversarialPieces)) - (t_plain ? kNotPlainPieces : 0))];
    switch (rng.bounded(40)) {
    case 0:
        text += QByteArray(rng.bounded(2) ? 1100 : 1023, 'a');
        break;
    case 1:
        text += QByteArray(rng.bounded(300, 600), 'z') + " ab " + QByteArray(rng.bounded(100, 300), 'w');
        break;
    case 2:
        text = QByteArray(rng.bounded(50), 'b') + text;
        break;
    default:
        break;
    }
    return text;
}

QByteArray space(QRandomGenerator &rng)
{
    static const char *const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
    return spaces[rng.bounded(int(std::size(spaces)))];
}

QByteArray adversarialValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 3 ? 6 : 9)) {
    case 0:
        return QByteArray::number(rng.bounded(100000)) + (rng.bounded(4) == 0 ? "e1" : "");
    case 1:
        return rng.bounded(3) == 0 ? "true" : rng.bounded(2) ? "false" : "null";
    case 2:
        return "\"\"";
    case 3:
        // A bare word (not JSON): a token as the walk reads it.
        return rng.bounded(2) ? "ab" : "xk";
    case 4:
    case 5:
        return '"' + adversarialText(rng, 6) + '"';
    case 6: {
        QByteArray out = "[" + space(rng);
        for (int k = 0, n = rng.bounded(0, 4); k < n; ++k)
            out += (k ? "," : "") + space(rng) + adversarialValue(rng, depth + 1);
        return out + space(rng) + "]";
    }
    default: {
        QByteArray out = "{" + space(rng);
        for (int k = 0, n = rng.bounded(0, 4); k < n; ++k)
            out += (k ? "," : "") + space(rng) + ('"' + adversarialText(rng, 2) + '"') + space(rng) + ":" + space(rng)
                + adversarialValue(rng, depth + 1);
        return out + space(rng) + "}";
    }
    }
}

QByteArray adversarialEntry(QRandomGenerator &rng)
{
    static const char *const keys[] = {"thought", "created_at", "agent_run_id", "tool_input", "observation", "tool_output",
                                       "tool_name", "message_type", "ab", "foo", "k", "x y", "a\\nb", "\\u0061b", ""};
    t_plain = rng.bounded(4) != 0;
    if (rng.bounded(50) == 0)
        return adversarialValue(rng, 0); // perhaps not an object
    QByteArray json = space(rng) + "{" + space(rng);
    for (int k = 0, n = rng.bounded(0, 6); k < n; ++k) {
        json += (k ? "," : "") + space(rng) + '"' + QByteArray(keys[rng.bounded(int(std::size(keys)))]) + '"' + space(rng)
            + (rng.bounded(60) ? ":" : "") + space(rng) + adversarialValue(rng, 0);
    }
    json += space(rng) + "}";
    switch (rng.bounded(30)) {
    case 0:
        json.truncate(rng.bounded(int(json.size()) + 1)); // cut anywhere
        break;
    case 1:
        json += " {\"thought\": \"ab k foo\"}"; // after the object: not shown
        break;
    case 2:
        json = "\xEF\xBB\xBF" + json;
        break;
    case 3:
        json.insert(rng.bounded(int(json.size()) + 1),
                    kAdversarialPieces[rng.bounded(int(std::size(kAdversarialPieces)) - (t_plain ? kNotPlainPieces : 0))]);
        break;
    default:
        break;
    }
    return json;
}
} // namespace

void TestAllWordsFinder::adversarialRows()
{
    // Every answer the finder gives, against each word's own engine (as the evaluator counts) and
    // the highlight's snippet, over rows that are often not valid JSON.
    static const char *const vocabulary[] = {"a", "aa", "aaa", "ab", "ba", "abc", "b", "k", "K", "s", "S", "ss", "x", "y",
                                             "1", "12", "0", "e1", "true", "null", "nul", "u", "u00", "u0001",
                                             "u0041", "n", "nf", "nfoo", "foo", "Foo", "oo", "/", "-", "=",
                                             "i", "I", "ii", "r", "t", "bb", "zz", "w", "xk", "ud83d"};
    QRandomGenerator rng(qEnvironmentVariableIntValue("ALLWORDS_SEED") ? quint32(qEnvironmentVariableIntValue("ALLWORDS_SEED")) : 77);
    const int rounds = qEnvironmentVariableIntValue("ALLWORDS_ROUNDS") ? qEnvironmentVariableIntValue("ALLWORDS_ROUNDS") : 60000;
    int all = 0, notAll = 0, unknown = 0, layoutWords = 0;
    for (int round = 0; round < rounds; ++round) {
        QStringList words;
        bool layout = false;
        const bool caseSensitive = rng.bounded(2) == 0;
        const QByteArray json = adversarialEntry(rng);
        for (int k = 0, n = rng.bounded(12) == 0 ? rng.bounded(9, 13) : rng.bounded(2, 5); k < n; ++k) {
            QString word = QString::fromLatin1(vocabulary[rng.bounded(int(std::size(vocabulary)))]);
            // Most often a piece of the row itself: words that are there (or nearly).
            for (int attempt = 0; attempt < 4 && rng.bounded(3) != 0 && !json.isEmpty(); ++attempt) {
                const int at = rng.bounded(int(json.size()));
                const QString piece = QString::fromLatin1(json.mid(at, rng.bounded(1, 6)));
                if (AllWordsFinder::accepts(piece)) {
                    word = rng.bounded(4) == 0 ? piece.toUpper() : piece;
                    break;
                }
            }
            const SearchEngine engine(SearchQuery{word, caseSensitive, false, false}, EntryText::Mode::Readable);
            layout = layout || engine.searchesShownText();
            words.append(word);
        }
        if (layout) {
            ++layoutWords;
            continue; // not a query allWordsDecideMatch gives a finder for
        }
        const SearchText text = SearchText::fromRawEntryJson(json);
        const AllWordsFinder finder(words, caseSensitive);
        const AllWordsFinder::Result result = finder.find(text);
        const auto context = [&] {
            return QStringLiteral("[%1] (%2) in %3")
                .arg(words.join(QStringLiteral("|")), caseSensitive ? QStringLiteral("cs") : QStringLiteral("ci"),
                     QString::fromLatin1(json.toPercentEncoding(" {}[]:,\\\"")));
        };
        if (result.answer == AllWordsFinder::Answer::Unknown) {
            ++unknown;
            continue;
        }
        bool expectedAll = false;
        const QString wrong = disagreement(words, caseSensitive, text, result, &expectedAll);
        if (!wrong.isEmpty())
            QFAIL(qPrintable(context() + QStringLiteral(": ") + wrong));
        ++(expectedAll ? all : notAll);
    }
    qInfo("all %d, not all %d, unknown %d, layout %d", all, notAll, unknown, layoutWords);
    QVERIFY(all > 1000 && notAll > 1000);
}

void TestAllWordsFinder::twoByteOrderMarksStartingTheText()
{
    // The text's first value starts with two byte order marks: the highlight's snippet keeps the
    // second one (QString::fromUtf8 leaves out only one), and so must the finder's (or say Unknown).
    const QByteArray json = "{\"thought\": \"\xEF\xBB\xBF\xEF\xBB\xBF" "ab cd\"}";
    const SearchText text = SearchText::fromRawEntryJson(json);
    const QStringList words{QStringLiteral("ab"), QStringLiteral("cd")};
    const SearchSnippet expected = SearchSnippet::of(text, highlightOf(words, true));
    QCOMPARE(expected.text, QString(QChar(0xFEFF)) + QStringLiteral("ab cd"));
    QCOMPARE(expected.matchStart, 1);
    const AllWordsFinder::Result result = AllWordsFinder(words, true).find(text);
    if (result.answer == AllWordsFinder::Answer::All) {
        const SearchSnippet shown = SearchSnippet::ofMatchIn(result.value, result.firstMatch.start, result.firstMatch.length);
        QCOMPARE(shown.text, expected.text);
        QCOMPARE(shown.matchStart, expected.matchStart);
        QCOMPARE(shown.matchLength, expected.matchLength);
    } else {
        QCOMPARE(result.answer, AllWordsFinder::Answer::Unknown);
    }
}

void TestAllWordsFinder::sharedAcrossThreads()
{
    // One finder, used by several threads at once: the same answers as one thread's.
    const AllWordsFinder finder({QStringLiteral("ab"), QStringLiteral("k"), QStringLiteral("foo")}, false);
    QRandomGenerator rng(5);
    QList<QByteArray> rows;
    for (int k = 0; k < 4000; ++k)
        rows.append(adversarialEntry(rng));
    const auto answers = [&] {
        QList<QString> out;
        for (const QByteArray &row : rows) {
            const AllWordsFinder::Result r = finder.find(SearchText::fromRawEntryJson(row));
            out.append(QString::number(int(r.answer)) + u'|' + r.value + u'|' + QString::number(r.firstMatch.start));
        }
        return out;
    };
    const QList<QString> serial = answers();
    QList<QString> got[4];
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(QThread::create([&, t] { got[t] = answers(); }));
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        thread->wait();
    for (int t = 0; t < 4; ++t)
        QCOMPARE(got[t], serial);
}

QTEST_APPLESS_MAIN(TestAllWordsFinder)
#include "tst_allwordsfinder.moc"
