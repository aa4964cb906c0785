// SPDX-License-Identifier: MIT
// RegexCounter counts what QRegularExpression::globalMatch finds (issue 25: regular expressions
// at the speed of PCRE2 itself): hand-written counts for the tricky cases (empty matches, the
// retry after one, surrogate pairs, an invalid subject, the match limit), then thousands of
// random patterns built from pieces, counted both ways over the same texts. Utf8RegexCounter
// (the same counts over UTF-8, without converting to UTF-16) against the same reference, and
// its answer for bytes that are not UTF-8. Its two shortcuts: Utf8Validity (its own check of the
// subject) against a decoder written from the definition, and ClassRunCounter (\w+ and \d+
// counted as runs) against QRegularExpression over random texts of every kind of character.

#include "search/classruncounter.h"
#include "search/regexcounter.h"
#include "search/utf8regexcounter.h"
#include "search/utf8validity.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <limits>

namespace {

// QRegularExpression's own iteration, as SearchEngine counted before RegexCounter: the
// reference. -1: it stopped with an error.
qint64 qtCount(const QRegularExpression &re, QStringView text, qint64 limit)
{
    QRegularExpressionMatchIterator it = re.globalMatch(text);
    qint64 count = 0;
    bool emptyAtEnd = false;
    while (count < limit && it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        emptyAtEnd = match.capturedLength() == 0 && match.capturedEnd() == text.size();
        if (match.capturedLength() == 0)
            continue;
        ++count;
    }
    if (count < limit && !it.isValid() && !emptyAtEnd)
        return -1;
    return count;
}

QRegularExpression expression(const QString &pattern, bool anyCase = false)
{
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (anyCase)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(pattern, options);
}

// Well-formed UTF-8 by its definition, by value: each sequence decoded, then refused when its
// value is a surrogate, past U+10FFFF, or could have been written in fewer bytes.
bool wellFormedByDefinition(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const uchar lead = p[i];
        int length;
        char32_t value;
        if (lead < 0x80) {
            length = 1;
            value = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
            value = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            value = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            value = lead & 0x07;
        } else {
            return false;
        }
        if (n - i < length)
            return false;
        for (int k = 1; k < length; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            value = value << 6 | (p[i + k] & 0x3F);
        }
        const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (value < smallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

} // namespace

class TestRegexCounter : public QObject
{
    Q_OBJECT
private slots:
    void handWritten_data();
    void handWritten();
    void limit();
    void tooCostly();
    void randomPatternsCountAsQtDoes();
    void utf8HandWritten_data();
    void utf8HandWritten();
    void utf8InvalidBytesAreHandedBack_data();
    void utf8InvalidBytesAreHandedBack();
    void utf8RefusesOneCodeUnit();
    void utf8TooCostly();
    void utf8RandomPatternsCountAsQtDoes();
    void utf8ValidityAsDefined();
    void classRunsOnlyForTheirPatterns();
    void classRunsCountAsQtDoes();
};

void TestRegexCounter::handWritten_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("anyCase");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("words") << QStringLiteral("\\w+") << false << QStringLiteral("ab cd_e f") << qint64(3);
    QTest::addRow("unicode words") << QStringLiteral("\\w+") << false << QStringLiteral("café über-straße") << qint64(3);
    QTest::addRow("empty only") << QStringLiteral("x*") << false << QStringLiteral("abc") << qint64(0);
    QTest::addRow("retry after empty") << QStringLiteral("x*|b") << false << QStringLiteral("abc") << qint64(1);
    QTest::addRow("empty alternative") << QStringLiteral("a|") << false << QStringLiteral("aaa") << qint64(3);
    QTest::addRow("lookahead only") << QStringLiteral("(?=a)") << false << QStringLiteral("aaa") << qint64(0);
    QTest::addRow("boundary only") << QStringLiteral("\\b") << false << QStringLiteral("a b") << qint64(0);
    QTest::addRow("empty text") << QStringLiteral("a*") << false << QString() << qint64(0);
    QTest::addRow("any case non-ASCII") << QStringLiteral("é") << true << QStringLiteral("É é e") << qint64(2);
    QTest::addRow("kelvin folds to k") << QStringLiteral("k") << true << QStringLiteral("\u212A K k") << qint64(3);
    QTest::addRow("surrogate pair is one character") << QStringLiteral(".") << false << QStringLiteral("😀a") << qint64(2);
    QTest::addRow("empty matches between a pair") << QStringLiteral("x*|a") << false << QStringLiteral("😀a😀") << qint64(1);
    QTest::addRow("overlapping candidates") << QStringLiteral("aa") << false << QStringLiteral("aaaaa") << qint64(2);
    QTest::addRow("line anchors") << QStringLiteral("^a") << false << QStringLiteral("a\na") << qint64(1);
    QTest::addRow("keep out") << QStringLiteral("a\\Kb") << false << QStringLiteral("ab ab") << qint64(2);
    QTest::addRow("lone surrogate: an error") << QStringLiteral("a") << false << QString(QChar(0xD800)) + u'a' << qint64(-1);
}

void TestRegexCounter::handWritten()
{
    QFETCH(QString, pattern);
    QFETCH(bool, anyCase);
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const QRegularExpression re = expression(pattern, anyCase);
    QVERIFY(re.isValid());
    const RegexCounter counter(re);
    QCOMPARE(counter.count(text, std::numeric_limits<qint64>::max()), expected);
    // The reference says the same.
    QCOMPARE(qtCount(re, text, std::numeric_limits<qint64>::max()), expected);
}

void TestRegexCounter::limit()
{
    const RegexCounter counter(expression(QStringLiteral("a")));
    QCOMPARE(counter.count(u"aaaa", 2), qint64(2));
    QCOMPARE(counter.count(u"aaaa", 1), qint64(1));
    QCOMPARE(counter.count(u"aaaa", 10), qint64(4));
}

void TestRegexCounter::tooCostly()
{
    // Backtracks without end: PCRE2's match limit stops it, an error, never "no match".
    const RegexCounter counter(expression(QStringLiteral("(a+)+$")));
    const QString text = QString(40, u'a') + u'!';
    QCOMPARE(counter.count(text, 100), RegexCounter::kError);
    QCOMPARE(qtCount(expression(QStringLiteral("(a+)+$")), text, 100), qint64(-1));
}

void TestRegexCounter::randomPatternsCountAsQtDoes()
{
    const QStringList pieces{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("é"), QStringLiteral("\\w"),
                             QStringLiteral("\\d"), QStringLiteral("\\s"), QStringLiteral("."), QStringLiteral("[a-c]"),
                             QStringLiteral("x"), QStringLiteral("😀"), QStringLiteral("\\b"), QStringLiteral("^"),
                             QStringLiteral("$"), QStringLiteral("(?=b)"), QStringLiteral("(?<=a)"), QStringLiteral("K")};
    const QStringList quantifiers{QString(), QString(), QStringLiteral("*"), QStringLiteral("+"), QStringLiteral("?"),
                                  QStringLiteral("{2}"), QStringLiteral("*?")};
    const QStringList texts{QStringLiteral("abc aab ba"), QStringLiteral("éÉ\u212Ak 12 x😀y"), QStringLiteral("a\nb\r\nc"),
                            QString(), QStringLiteral("  "), QStringLiteral("😀😀a😀"), QStringLiteral("aaaa bbbb 2025-06-01")};
    QRandomGenerator random(25);
    int compared = 0;
    for (int k = 0; k < 3000; ++k) {
        QString pattern;
        const int parts = 1 + int(random.bounded(4));
        for (int p = 0; p < parts; ++p) {
            pattern += pieces.at(int(random.bounded(pieces.size())));
            pattern += quantifiers.at(int(random.bounded(quantifiers.size())));
            if (random.bounded(6) == 0)
                pattern += u'|';
        }
        const QRegularExpression re = expression(pattern, random.bounded(2) == 0);
        if (!re.isValid())
            continue;
        const RegexCounter counter(re);
        for (const QString &text : texts) {
            const qint64 limit = random.bounded(4) == 0 ? 1 : std::numeric_limits<qint64>::max();
            QCOMPARE(counter.count(text, limit), qtCount(re, text, limit));
            ++compared;
        }
    }
    QVERIFY(compared > 10000);
}

void TestRegexCounter::utf8HandWritten_data()
{
    handWritten_data();
    // What only UTF-8 has to get right: steps past an empty match by whole characters.
    QTest::addRow("empty matches between 3-byte characters") << QStringLiteral("x*|b") << false
                                                             << QStringLiteral("日本b語") << qint64(1);
    QTest::addRow("CR LF") << QStringLiteral("(?m)$|a") << false << QStringLiteral("a\r\na\r\n") << qint64(2);
    QTest::addRow("noncharacter") << QStringLiteral(".") << false << QStringLiteral("\uFFFF\uFFFE") << qint64(2);
    QTest::addRow("BOM inside") << QStringLiteral("\\x{FEFF}a") << false << QStringLiteral("a\uFEFFa") << qint64(1);
}

void TestRegexCounter::utf8HandWritten()
{
    QFETCH(QString, pattern);
    QFETCH(bool, anyCase);
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const QRegularExpression re = expression(pattern, anyCase);
    QVERIFY(re.isValid());
    const Utf8RegexCounter counter(re);
    QVERIFY(counter.isUsable());
    // A lone surrogate has no UTF-8 form (toUtf8 makes it "?"): the UTF-16 counter's business.
    if (expected == -1)
        return;
    QCOMPARE(counter.count(text.toUtf8(), std::numeric_limits<qint64>::max()), expected);
    QCOMPARE(counter.count(text.toUtf8(), std::numeric_limits<qint64>::max(), true), expected);
    QCOMPARE(qtCount(re, text, std::numeric_limits<qint64>::max()), expected);
}

void TestRegexCounter::utf8InvalidBytesAreHandedBack_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("lone continuation byte") << QByteArray("ab\x80" "cd");
    QTest::addRow("cut sequence at the end") << QByteArray("abc\xC3");
    QTest::addRow("cut sequence inside") << QByteArray("a\xE6\x97" "b");
    QTest::addRow("overlong slash") << QByteArray("a\xC0\xAF" "b");
    QTest::addRow("encoded surrogate") << QByteArray("a\xED\xA0\x80" "b");
    QTest::addRow("past U+10FFFF") << QByteArray("a\xF4\x90\x80\x80" "b");
    QTest::addRow("Latin-1") << QByteArray("caf\xE9");
}

void TestRegexCounter::utf8InvalidBytesAreHandedBack()
{
    // QString::fromUtf8 makes U+FFFD of such bytes; the caller counts that text instead.
    QFETCH(QByteArray, bytes);
    const Utf8RegexCounter counter(expression(QStringLiteral("[a-z]")));
    QCOMPARE(counter.count(bytes, 100), Utf8RegexCounter::kInvalidUtf8);
}

void TestRegexCounter::utf8RefusesOneCodeUnit()
{
    // \C is one code unit: a byte here, a UTF-16 unit there. Such a pattern stays with UTF-16.
    QVERIFY(!Utf8RegexCounter(expression(QStringLiteral("a\\Cb"))).isUsable());
    QVERIFY(Utf8RegexCounter(expression(QStringLiteral("a\\\\Cb"))).isUsable()); // a backslash, then C
    QVERIFY(!Utf8RegexCounter(QRegularExpression(QStringLiteral("("))).isUsable());
}

void TestRegexCounter::utf8TooCostly()
{
    const Utf8RegexCounter counter(expression(QStringLiteral("(a+)+$")));
    QCOMPARE(counter.count(QByteArray(40, 'a') + '!', 100), Utf8RegexCounter::kError);
}

void TestRegexCounter::utf8RandomPatternsCountAsQtDoes()
{
    // The pieces of randomPatternsCountAsQtDoes, with more multi-byte characters in the texts.
    const QStringList pieces{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("é"), QStringLiteral("\\w"),
                             QStringLiteral("\\d"), QStringLiteral("\\s"), QStringLiteral("."), QStringLiteral("[a-c]"),
                             QStringLiteral("x"), QStringLiteral("😀"), QStringLiteral("\\b"), QStringLiteral("^"),
                             QStringLiteral("$"), QStringLiteral("(?=b)"), QStringLiteral("(?<=a)"), QStringLiteral("K"),
                             QStringLiteral("日"), QStringLiteral("\\p{L}"), QStringLiteral("[^a]"), QStringLiteral("\\R")};
    const QStringList quantifiers{QString(), QString(), QStringLiteral("*"), QStringLiteral("+"), QStringLiteral("?"),
                                  QStringLiteral("{2}"), QStringLiteral("*?")};
    const QStringList texts{QStringLiteral("abc aab ba"), QStringLiteral("éÉ\u212Ak 12 x😀y"), QStringLiteral("a\nb\r\nc"),
                            QString(), QStringLiteral("  "), QStringLiteral("😀😀a😀"), QStringLiteral("aaaa bbbb 2025-06-01"),
                            QStringLiteral("日本語 b日a\r\n\u017Fs"), QStringLiteral("\u00a0é\u0301x")};
    QRandomGenerator random(2025);
    int compared = 0;
    for (int k = 0; k < 3000; ++k) {
        QString pattern;
        const int parts = 1 + int(random.bounded(4));
        for (int p = 0; p < parts; ++p) {
            pattern += pieces.at(int(random.bounded(pieces.size())));
            pattern += quantifiers.at(int(random.bounded(quantifiers.size())));
            if (random.bounded(6) == 0)
                pattern += u'|';
        }
        if (random.bounded(8) == 0)
            pattern.prepend(QStringLiteral("(?m)"));
        const QRegularExpression re = expression(pattern, random.bounded(2) == 0);
        if (!re.isValid())
            continue;
        const Utf8RegexCounter counter(re);
        QVERIFY2(counter.isUsable(), qPrintable(pattern));
        for (const QString &text : texts) {
            const qint64 limit = random.bounded(4) == 0 ? 1 : std::numeric_limits<qint64>::max();
            const qint64 expected = qtCount(re, text, limit);
            const qint64 counted = counter.count(text.toUtf8(), limit, random.bounded(2) == 0);
            if (counted != expected)
                QFAIL(qPrintable(QStringLiteral("%1 over \"%2\": %3, Qt %4").arg(pattern, text).arg(counted).arg(expected)));
            ++compared;
        }
    }
    QVERIFY(compared > 15000);
}

void TestRegexCounter::utf8ValidityAsDefined()
{
    // Random bytes glued from the edges of every sequence length (the first and last lead and
    // continuation bytes allowed, and the ones just past them), long ASCII runs so that the
    // 16-byte steps meet sequences at every offset, and sequences cut short.
    const QList<QByteArray> pieces = {
        "a", "abcdefghijklmnopq", "0123456789", "\xC2\x80", "\xDF\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\xA0\x80",
        "\xE0\x9F\xBF", "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xE1\x80\x80", "\xF0\x90\x80\x80",
        "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80",
        "\x80", "\xBF", "\xC3", "\xE2\x84", "\xF0\x9F\x98", "\xFE", "\xFF", "\xC3\xA9", "\xE2\x9C\x85",
        "\xF0\x9F\x98\x80", QByteArray(1, '\0'), "\x7F"};
    QRandomGenerator random(725);
    int valid = 0;
    int invalid = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes;
        const int parts = int(random.bounded(1, 12));
        for (int k = 0; k < parts; ++k)
            bytes += pieces.at(int(random.bounded(pieces.size())));
        const bool expected = wellFormedByDefinition(bytes);
        if (Utf8Validity::isValid(bytes) != expected)
            QFAIL(qPrintable(QStringLiteral("%1: expected %2").arg(QString::fromLatin1(bytes.toHex(' '))).arg(expected)));
        // What PCRE2's own check says of the same bytes: the counter hands invalid bytes back.
        const Utf8RegexCounter counter(expression(QStringLiteral("[a-z]")));
        QCOMPARE(counter.count(bytes, 100) == Utf8RegexCounter::kInvalidUtf8, !expected);
        (expected ? valid : invalid) += 1;
    }
    QVERIFY(valid > 1000);
    QVERIFY(invalid > 1000);
}

void TestRegexCounter::classRunsOnlyForTheirPatterns()
{
    QVERIFY(ClassRunCounter::forExpression(expression(QStringLiteral("\\w+"))));
    QVERIFY(ClassRunCounter::forExpression(expression(QStringLiteral("\\d+"), true)));
    QVERIFY(ClassRunCounter::forExpression(QRegularExpression(QStringLiteral("\\w+"))));
    // Lazy (one character a match), or anything more than the class repeated.
    QVERIFY(!ClassRunCounter::forExpression(expression(QStringLiteral("\\w+?"))));
    QVERIFY(!ClassRunCounter::forExpression(
        QRegularExpression(QStringLiteral("\\w+"), QRegularExpression::InvertedGreedinessOption)));
    QVERIFY(!ClassRunCounter::forExpression(
        QRegularExpression(QStringLiteral("\\w+"), QRegularExpression::ExtendedPatternSyntaxOption)));
    QVERIFY(!ClassRunCounter::forExpression(expression(QStringLiteral("\\w*"))));
    QVERIFY(!ClassRunCounter::forExpression(expression(QStringLiteral("\\w+\\d"))));
    QVERIFY(!ClassRunCounter::forExpression(expression(QStringLiteral("\\s+"))));
    QVERIFY(!ClassRunCounter::forExpression(expression(QStringLiteral("(\\w+)"))));
}

void TestRegexCounter::classRunsCountAsQtDoes()
{
    // Texts of letters, digits and separators of every script and width (combining marks,
    // digits that are not ASCII, letters past the BMP, K and ſ that fold into ASCII), with
    // ASCII stretches long enough for the 16-byte steps; \w+ and \d+ under each option that
    // leaves them counted as runs, against QRegularExpression over the same text.
    const QStringList pieces{QStringLiteral("a"), QStringLiteral("Z"), QStringLiteral("_"), QStringLiteral("7"),
                             QStringLiteral(" "), QStringLiteral("-"), QStringLiteral("."), QStringLiteral("\n"),
                             QStringLiteral("\r\n"), QStringLiteral("abcdefghijklmnopqrstuvwxyz"),
                             QStringLiteral("0123456789 0123456789"), QStringLiteral("src/module12.cpp:345: the"),
                             QStringLiteral("é"), QStringLiteral("É"), QStringLiteral("✅"), QStringLiteral("日本"),
                             QStringLiteral("٣"), QStringLiteral("²"), QStringLiteral("½"), QStringLiteral("e\u0301"),
                             QStringLiteral("😀"), QStringLiteral("𝟘"), QStringLiteral("𐐀"), QStringLiteral("\u212A"),
                             QStringLiteral("\u017F"), QStringLiteral("\u00A0"), QStringLiteral("\u00AA"),
                             QStringLiteral("\u200D"), QStringLiteral("\u203F"), QString(QChar(0)), QStringLiteral("\x7F")};
    struct Form
    {
        QString pattern;
        QRegularExpression::PatternOptions options;
    };
    QList<Form> forms;
    for (const QString &pattern : {QStringLiteral("\\w+"), QStringLiteral("\\d+")}) {
        forms.append({pattern, QRegularExpression::UseUnicodePropertiesOption});
        forms.append({pattern, QRegularExpression::UseUnicodePropertiesOption | QRegularExpression::CaseInsensitiveOption});
        forms.append({pattern, QRegularExpression::NoPatternOption});
        forms.append({pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption
                                   | QRegularExpression::DotMatchesEverythingOption});
    }
    QRandomGenerator random(2512);
    int compared = 0;
    qint64 matches = 0;
    for (const Form &form : forms) {
        const QRegularExpression re(form.pattern, form.options);
        QVERIFY(re.isValid());
        const Utf8RegexCounter counter(re);
        const std::unique_ptr<ClassRunCounter> runs = ClassRunCounter::forExpression(re);
        QVERIFY(counter.isUsable());
        QVERIFY(runs);
        for (int round = 0; round < 1500; ++round) {
            QString text;
            const int parts = int(random.bounded(0, 24));
            for (int k = 0; k < parts; ++k)
                text += pieces.at(int(random.bounded(pieces.size())));
            const qint64 limit = random.bounded(5) == 0 ? qint64(random.bounded(1, 4)) : std::numeric_limits<qint64>::max();
            const qint64 expected = qtCount(re, text, limit);
            const QByteArray utf8 = text.toUtf8();
            const qint64 counted = runs->count(utf8, limit);
            const qint64 throughCounter = counter.count(utf8, limit, random.bounded(2) == 0);
            if (counted != expected || throughCounter != expected)
                QFAIL(qPrintable(QStringLiteral("%1 (options %2) over \"%3\": %4 and %5, Qt %6")
                                     .arg(form.pattern, QString::number(int(form.options)), text)
                                     .arg(counted)
                                     .arg(throughCounter)
                                     .arg(expected)));
            matches += expected;
            ++compared;
        }
    }
    QVERIFY(compared == 12000);
    QVERIFY(matches > 20000);
}

QTEST_GUILESS_MAIN(TestRegexCounter)
#include "tst_regexcounter.moc"
