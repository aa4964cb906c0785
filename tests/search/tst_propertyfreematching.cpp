// SPDX-License-Identifier: MIT
// PropertyFreeMatching: which text a regular expression compiled with Unicode properties (the
// search's) matches exactly as the same pattern compiled without them, so that SearchEngine
// matches that text by the faster form. Hand-written answers for the classes properties change
// (an Arabic-Indic digit is a \d, a no-break space a \s, é a \w; ✅ none of them), then
// thousands of random patterns built from pieces over random texts: wherever matchesAlike says
// yes, the pattern without properties counts what the pattern with them counts (QRegularExpression,
// UTF-16, the reference); and SearchEngine's count of random entries in their raw form (which
// takes the faster form) is its count of the same entries decoded (which never does).

#include "search/propertyfreematching.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchtext.h"
#include "search/utf8regexcounter.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <limits>

namespace {

QRegularExpression withProperties(const QString &pattern, bool anyCase = false)
{
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (anyCase)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(pattern, options);
}

// QRegularExpression's own count of non-empty matches; -1: it stopped with an error.
qint64 qtCount(const QRegularExpression &re, QStringView text)
{
    QRegularExpressionMatchIterator it = re.globalMatch(text);
    qint64 count = 0;
    bool emptyAtEnd = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        emptyAtEnd = match.capturedLength() == 0 && match.capturedEnd() == text.size();
        count += match.capturedLength() > 0 ? 1 : 0;
    }
    // Invalid after an error (its match limit), or after an empty match at the very end.
    return !it.isValid() && !emptyAtEnd ? -1 : count;
}

SearchQuery regexQuery(const QString &pattern, bool caseSensitive, bool wholeWord)
{
    SearchQuery query;
    query.pattern = pattern;
    query.caseSensitive = caseSensitive;
    query.wholeWord = wholeWord;
    query.regex = true;
    return query;
}

// Pieces of patterns: the classes properties change, their negations and edges, literals in and
// out of ASCII (K, the Kelvin sign, and ſ fold into ASCII letters), groups, lookarounds.
const QStringList &patternPieces()
{
    static const QStringList pieces = {
        QStringLiteral("\\d"), QStringLiteral("\\D"), QStringLiteral("\\w"), QStringLiteral("\\W"),
        QStringLiteral("\\s"), QStringLiteral("\\S"), QStringLiteral("\\b"), QStringLiteral("\\B"),
        QStringLiteral("[g-k]"), QStringLiteral("[^a]"), QStringLiteral("[\\d_]"), QStringLiteral("[^\\w]"),
        QStringLiteral("k"), QStringLiteral("K"), QStringLiteral("s"), QStringLiteral("a"), QStringLiteral("1"),
        QStringLiteral(" "), QStringLiteral("."), QString::fromUtf8("é"), QString::fromUtf8("É"),
        QString::fromUtf8("\u212A"), QString::fromUtf8("\u017F"), QString::fromUtf8("\u0663"),
        QStringLiteral("\\p{L}"), QStringLiteral("\\p{Nd}"), QStringLiteral("(?<=\\w)"), QStringLiteral("(?!\\d)"),
        QStringLiteral("(a|\\d)"), QStringLiteral("(\\s|\\w)"), QStringLiteral("^"), QStringLiteral("$"),
        QStringLiteral("\\\\d"), QStringLiteral("\\x{A0}"), QStringLiteral("\\h"), QStringLiteral("\\v")};
    return pieces;
}
const QStringList &quantifiers()
{
    static const QStringList list = {QString(), QString(), QStringLiteral("+"), QStringLiteral("*"), QStringLiteral("?"),
                                     QStringLiteral("{2}"), QStringLiteral("{1,3}"), QStringLiteral("+?")};
    return list;
}

QString randomPattern(QRandomGenerator &rng)
{
    QString pattern;
    const int pieces = int(rng.bounded(1, 5));
    for (int k = 0; k < pieces; ++k) {
        pattern += patternPieces().at(rng.bounded(int(patternPieces().size())));
        pattern += quantifiers().at(rng.bounded(int(quantifiers().size())));
    }
    return pattern;
}

// Pieces of text: ASCII words and digits, and characters past ASCII in and out of the classes:
// é (a letter), ✅ (a symbol), U+0663 and U+FF11 (decimal digits), U+00A0, U+2028 and U+3000
// (spaces), the Kelvin sign and ſ, a letter past the BMP, and bytes that are not UTF-8.
const QList<QByteArray> &textPieces()
{
    static const QList<QByteArray> pieces = {
        "abc", "k", "K", "s", "S", "12345", "ghijk", "GHIJK", " ", "\t", "_", "x1", "-", "\n", "a b",
        "\xC3\xA9", "\xC3\x89", "\xE2\x9C\x85", "\xD9\xA3", "\xEF\xBC\x91", "\xC2\xA0", "\xE2\x80\xA8", "\xE3\x80\x80",
        "\xE2\x84\xAA", "\xC5\xBF", "\xF0\x9D\x90\x80", "\xC3", "\xFF", "\xED\xA0\x80", "\xE0\x80\xAF"};
    return pieces;
}

QByteArray randomText(QRandomGenerator &rng, int maxPieces = 12)
{
    QByteArray text;
    const int pieces = int(rng.bounded(0, maxPieces));
    for (int k = 0; k < pieces; ++k) {
        // Mostly ASCII, as logs are.
        const qsizetype at = rng.bounded(4) ? rng.bounded(15) : rng.bounded(int(textPieces().size()));
        text += textPieces().at(at);
    }
    return text;
}

} // namespace

class TestPropertyFreeMatching : public QObject
{
    Q_OBJECT
private slots:
    void matchesAlike_data();
    void matchesAlike();
    void leftAlone();
    void randomPatternsCountAlike();
    void rawEntriesCountAsDecoded();
};

void TestPropertyFreeMatching::matchesAlike_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("alike");
    QTest::addRow("ASCII") << QStringLiteral("\\d{5}\\w\\s\\b") << QByteArray("abc 12345 x_y") << true;
    QTest::addRow("letters and a symbol, \\d") << QStringLiteral("\\d{5}[g-k]{4}")
                                              << QByteArray("caf\xC3\xA9 \xE2\x9C\x85 12345") << true;
    QTest::addRow("Arabic-Indic digit, \\d") << QStringLiteral("\\d") << QByteArray("x\xD9\xA3") << false;
    QTest::addRow("fullwidth digit, \\D") << QStringLiteral("\\D+") << QByteArray("\xEF\xBC\x91") << false;
    QTest::addRow("no-break space, \\s") << QStringLiteral("a\\s") << QByteArray("a\xC2\xA0") << false;
    QTest::addRow("no-break space, \\d") << QStringLiteral("\\d") << QByteArray("a\xC2\xA0") << true;
    QTest::addRow("letter, \\w") << QStringLiteral("\\w+") << QByteArray("\xC3\xA9t\xC3\xA9") << false;
    QTest::addRow("letter, \\b") << QStringLiteral("\\bt") << QByteArray("\xC3\xA9t") << false;
    QTest::addRow("symbol, \\w") << QStringLiteral("\\w+") << QByteArray("\xE2\x9C\x85") << true;
    QTest::addRow("Kelvin sign, \\W") << QStringLiteral("\\W") << QByteArray("\xE2\x84\xAA") << false;
    QTest::addRow("no class: digit") << QStringLiteral("[g-k]+") << QByteArray("\xD9\xA3\xC3\xA9\xC2\xA0") << true;
    QTest::addRow("literal backslash and d") << QStringLiteral("\\\\d") << QByteArray("\xD9\xA3") << true;
    QTest::addRow("not UTF-8: cut short") << QStringLiteral("x") << QByteArray("\xC3") << false;
    QTest::addRow("not UTF-8: lone byte") << QStringLiteral("x") << QByteArray("a\xFF") << false;
    QTest::addRow("not UTF-8: surrogate") << QStringLiteral("x") << QByteArray("\xED\xA0\x80") << false;
    QTest::addRow("not UTF-8: overlong") << QStringLiteral("x") << QByteArray("\xE0\x80\xAF") << false;
    QTest::addRow("past the BMP, \\w") << QStringLiteral("\\w") << QByteArray("\xF0\x9D\x90\x80") << false;
    QTest::addRow("past the BMP, \\d") << QStringLiteral("\\d") << QByteArray("\xF0\x9D\x90\x80") << true;
}

void TestPropertyFreeMatching::matchesAlike()
{
    QFETCH(QString, pattern);
    QFETCH(QByteArray, text);
    QFETCH(bool, alike);
    const auto matching = PropertyFreeMatching::forExpression(withProperties(pattern));
    QVERIFY(matching);
    QCOMPARE(matching->matchesAlike(text), alike);
    QVERIFY(!(matching->withoutProperties().patternOptions() & QRegularExpression::UseUnicodePropertiesOption));
    QCOMPARE(matching->withoutProperties().pattern(), pattern);
}

void TestPropertyFreeMatching::leftAlone()
{
    // A POSIX class: [:lower:] with properties is \p{Ll}, one case even where the pattern ignores it.
    QVERIFY(!PropertyFreeMatching::forExpression(withProperties(QStringLiteral("[[:lower:]]+"), true)));
    const QRegularExpression lower = withProperties(QStringLiteral("[[:lower:]]"), true);
    const QRegularExpression lowerWithout(QStringLiteral("[[:lower:]]"), QRegularExpression::CaseInsensitiveOption);
    QCOMPARE(qtCount(lowerWithout, u"A"), 1);
    QCOMPARE(qtCount(lower, u"A"), 0);
    // Without properties there is nothing to spare; an invalid pattern has no matches.
    QVERIFY(!PropertyFreeMatching::forExpression(QRegularExpression(QStringLiteral("\\d"))));
    QVERIFY(!PropertyFreeMatching::forExpression(withProperties(QStringLiteral("(\\d"))));
}

void TestPropertyFreeMatching::randomPatternsCountAlike()
{
    QRandomGenerator rng(2507);
    int compared = 0;
    int differingForms = 0; // texts the two forms count differently: matchesAlike must say no
    for (int round = 0; round < 4000; ++round) {
        const QString pattern = randomPattern(rng);
        const bool anyCase = rng.bounded(2);
        const QRegularExpression with = withProperties(pattern, anyCase);
        if (!with.isValid())
            continue;
        const auto matching = PropertyFreeMatching::forExpression(with);
        QVERIFY2(matching, qPrintable(pattern));
        const Utf8RegexCounter withoutCounter(matching->withoutProperties());
        QVERIFY(withoutCounter.isUsable());
        for (int t = 0; t < 8; ++t) {
            const QByteArray text = randomText(rng);
            const QString decoded = QString::fromUtf8(text);
            const qint64 expected = qtCount(with, decoded);
            const bool wellFormed = decoded.toUtf8() == text;
            const qint64 without = wellFormed ? withoutCounter.count(text, std::numeric_limits<qint64>::max(), true) : -3;
            if (without != expected)
                ++differingForms;
            if (!matching->matchesAlike(text))
                continue;
            ++compared;
            if (without != expected) {
                QFAIL(qPrintable(QStringLiteral("/%1/%2 over \"%3\": %4 without properties, %5 with")
                                     .arg(pattern, anyCase ? QStringLiteral("i") : QString(),
                                          QString::fromLatin1(text.toPercentEncoding()), QString::number(without),
                                          QString::number(expected))));
            }
        }
    }
    // Both kinds were met: texts matched alike, and texts where the forms differ.
    QVERIFY(compared > 10000);
    QVERIFY(differingForms > 100);
}

void TestPropertyFreeMatching::rawEntriesCountAsDecoded()
{
    // Entries whose values hold the pieces above, some escaped (\u0663 makes a digit, \u00a0 a
    // space), counted in their raw form (segments matched alike go without properties) and
    // decoded (QString, the pattern with them: the reference).
    const QList<QByteArray> escapes = {"\\u0663", "\\u00a0", "\\u00e9", "\\n", "\\\"", "\\u212a"};
    QRandomGenerator rng(2508);
    int matched = 0;
    for (int round = 0; round < 1500; ++round) {
        const QString pattern = randomPattern(rng);
        const SearchEngine engine(regexQuery(pattern, rng.bounded(2), rng.bounded(4) == 0));
        if (!engine.isValid())
            continue;
        for (int e = 0; e < 6; ++e) {
            QByteArray json("{\"agent_run_id\": 7, \"thought\": \"");
            json += randomText(rng, 8);
            if (rng.bounded(3) == 0)
                json += escapes.at(rng.bounded(int(escapes.size())));
            json += "\", \"tool_output\": {\"output\": \"" + randomText(rng, 8) + "\", \"n\": [\"" + randomText(rng, 4)
                + "\", 12]}}";
            const qint64 expected = engine.countMatches(SearchText::fromEntryJson(json));
            const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(json));
            if (counted != expected) {
                QFAIL(qPrintable(QStringLiteral("/%1/ cs %2 ww %3 in %4: %5 raw, %6 decoded")
                                     .arg(pattern, QString::number(engine.query().caseSensitive),
                                          QString::number(engine.query().wholeWord),
                                          QString::fromLatin1(json.toPercentEncoding(" {}[]\":,")),
                                          QString::number(counted), QString::number(expected))));
            }
            matched += expected > 0 ? 1 : 0;
        }
    }
    QVERIFY(matched > 1000);
}

QTEST_GUILESS_MAIN(TestPropertyFreeMatching)
#include "tst_propertyfreematching.moc"
