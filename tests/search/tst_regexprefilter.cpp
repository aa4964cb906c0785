// SPDX-License-Identifier: MIT
// The regular expressions' prefilter: the strings read from patterns (hand-written table), the
// raw-bytes prefilter against the decoded full scan (identical results for thousands of random
// patterns cut from a corpus full of escapes and case folding), and the pattern that backtracks
// catastrophically (a result or the clear "too costly" message, never a hang).

#include "search/casefoldingversions.h"
#include "search/regexliterals.h"
#include "search/regexprefilter.h"
#include "search/searchcorpus.h"
#include "search/searchengine.h"
#include "search/searchquery.h"
#include "search/searchrunner.h"
#include "search/searchtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

using Requirements = QList<RegexLiterals::Requirement>;

SearchQuery regexQuery(const QString &pattern, bool caseSensitive = false, bool wholeWord = false)
{
    SearchQuery q;
    q.pattern = pattern;
    q.caseSensitive = caseSensitive;
    q.wholeWord = wholeWord;
    q.regex = true;
    return q;
}

QByteArray entryWith(const QByteArray &field, const QByteArray &jsonStringContent)
{
    return "{\"agent_run_id\": 7, \"created_at\": \"2025-06-21 12:06:31\", \"" + field + "\": \"" + jsonStringContent
        + "\"}";
}

// The reference: the decoded text (SearchText::fromEntryJson), its segments matched one by
// one by the expression, every non-empty match counted. No prefilter anywhere.
qint64 referenceCount(const QByteArray &json, const QRegularExpression &re)
{
    const QString text = QString::fromUtf8(SearchText::fromEntryJson(json).bytes);
    qint64 count = 0;
    for (const QString &segment : text.split(QChar(u'\0'))) {
        QRegularExpressionMatchIterator it = re.globalMatch(segment);
        while (it.hasNext()) {
            if (it.next().capturedLength() > 0)
                ++count;
        }
    }
    return count;
}

// Pieces the generated entries are made of: plain words, every JSON escape, non-ASCII letters
// (and their escapes) whose case folding differs, K (Kelvin) and ſ, which fold into ASCII.
const QList<QByteArray> &pieces()
{
    static const QList<QByteArray> list = {
        "error", "Error", "ERROR", "exit code 1", "exit code 127", "getUserData", "Traceback", "parser", "file",
        "kelvin", "secret", "a/b", "x_y", "42", " ", " ", "  ", ": ", ", ", "(", ")", "[", "]", ".", "-", "+",
        "\\n", "\\t", "\\r\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\u0041", "\\u00e9", "\\u00c9", "\\u212a",
        "\\u017f", "\\u00df", "\\ud83d\\ude00", "\\u0000", "\\u001f",
        "caf\xC3\xA9", "CAF\xC3\x89", "\xC3\x89T\xC3\x89", "\xE2\x84\xAA" "elvin", "\xC5\xBF" "ecret", "stra\xC3\x9F" "e",
        "STRASSE", "\xCE\xA3\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1", "\xE6\x97\xA5\xE6\x9C\xAC",
        "\xF0\x9F\x98\x80",
    };
    return list;
}

QByteArray randomContent(QRandomGenerator &rng)
{
    QByteArray content;
    const int n = rng.bounded(3, 14);
    for (int k = 0; k < n; ++k)
        content += pieces().at(rng.bounded(int(pieces().size())));
    return content;
}

QList<QByteArray> generatedEntries(QRandomGenerator &rng, int count)
{
    static const QList<QByteArray> fields = {"thought", "observation", "tool_output", "x_custom"};
    QList<QByteArray> entries;
    for (int i = 0; i < count; ++i) {
        const int shape = rng.bounded(6);
        if (shape == 0) {
            // Nested values, a number and a key below the top level.
            entries.append("{\"agent_run_id\": 7, \"tool_input\": {\"cmd\": \"" + randomContent(rng) + "\", \"n\": "
                           + QByteArray::number(rng.bounded(1000)) + ", \"" + randomContent(rng) + "\": true}}");
        } else if (shape == 1) {
            // Two fields: a second top-level string after the first.
            QByteArray entry = entryWith(fields.at(rng.bounded(int(fields.size()))), randomContent(rng));
            entry.chop(1);
            entries.append(entry + ", \"thought\": \"" + randomContent(rng) + "\"}");
        } else {
            entries.append(entryWith(fields.at(rng.bounded(int(fields.size()))), randomContent(rng)));
        }
    }
    return entries;
}

// An entry with many fields of every kind, so that a required string is in some values and not
// others: top-level keys that are data (x_custom) and that are not (thought: a heading), fields
// left out (agent_run_id, created_at), nested keys, arrays, numbers, true, false and null at
// both levels, escapes, a byte order mark at the start of a value, and sometimes a string left
// open at the end.
QByteArray manyFieldsEntry(QRandomGenerator &rng)
{
    static const QList<QByteArray> keys = {"agent_run_id", "created_at", "thought", "observation", "tool_name",
                                           "message_type", "tool_input", "tool_output", "x_custom", "error", "module"};
    static const QList<QByteArray> common = {"module12.cpp:34", "Module7.CPP:1", "module", "error handling",
                                             "fails  handling", "\\u00e9t\\u00e9 ici", "\xC3\xA9t\xC3\xA9 l\xC3\xA0",
                                             "\xC3\x89T\xC3\x89 ICI", "\xC3\x89t\xC3\xA9 x", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xAF\xCE\xB1\xCF\x82 ok"};
    // Half the entries have no escape that makes other characters (SearchText::NeedsDecoding):
    // those are the ones read only around the required strings.
    const bool plain = rng.bounded(2) == 0;
    const auto content = [&rng, plain] {
        QByteArray text;
        for (int n = rng.bounded(3, 14); n > 0;) {
            const QByteArray &piece = pieces().at(rng.bounded(int(pieces().size())));
            if (plain && (piece.contains("\\u") || piece == "\\/" || piece == "\\b" || piece == "\\f"))
                continue;
            text += piece;
            --n;
        }
        if (rng.bounded(2) == 0) {
            const QByteArray &piece = common.at(rng.bounded(int(common.size())));
            if (!plain || !piece.contains("\\u"))
                text.insert(rng.bounded(int(text.size()) + 1), piece);
        }
        return text;
    };
    const auto scalar = [&rng, &content]() -> QByteArray {
        switch (rng.bounded(6)) {
        case 0:
            return QByteArray::number(rng.bounded(100000));
        case 1:
            return "true";
        case 2:
            return "null";
        case 3:
            return "-1.5e3";
        default:
            return "\"" + content() + "\"";
        }
    };
    QByteArray entry = "{";
    const int fields = rng.bounded(1, 9);
    for (int f = 0; f < fields; ++f) {
        if (f > 0)
            entry += rng.bounded(2) ? ", " : ",";
        QByteArray key = keys.at(rng.bounded(int(keys.size())));
        if (f == 0 && rng.bounded(8) == 0)
            key.prepend("\xEF\xBB\xBF");
        entry += "\"" + key + "\":" + (rng.bounded(2) ? " " : "");
        switch (rng.bounded(4)) {
        case 0: {
            entry += "{";
            const int inner = rng.bounded(4);
            for (int k = 0; k < inner; ++k)
                entry += (k ? ", \"" : "\"") + content() + "\": " + scalar();
            entry += "}";
            break;
        }
        case 1: {
            entry += "[";
            const int items = rng.bounded(4);
            for (int k = 0; k < items; ++k)
                entry += (k ? ", " : "") + scalar();
            entry += "]";
            break;
        }
        default: {
            QByteArray value = scalar();
            if (value.startsWith('"') && rng.bounded(8) == 0)
                value.insert(1, "\xEF\xBB\xBF");
            entry += value;
            break;
        }
        }
    }
    if (rng.bounded(10) == 0)
        return entry + ", \"x_custom\": \"" + content(); // left open
    return entry + "}";
}

// One piece of a pattern: text cut from an entry's decoded text, escaped or turned into
// regular-expression syntax, or a construct with no literal.
QString randomAtom(QRandomGenerator &rng, const QStringList &texts)
{
    static const QStringList constructs = {
        QStringLiteral("\\w+"), QStringLiteral("\\d*"), QStringLiteral("\\s"), QStringLiteral("."),
        QStringLiteral("[a-z]+"), QStringLiteral("[^ ]*"), QStringLiteral("\\b"), QStringLiteral("\\n"),
        QStringLiteral("(?:x|y)?"), QStringLiteral("\\p{L}"), QStringLiteral("[\\x{e9}\\x{c9}]"), QStringLiteral("\\\\"),
        QStringLiteral("\""), QStringLiteral("\\u00"), QStringLiteral("e{0,2}"), QStringLiteral("(?=r)"),
        QStringLiteral("^"), QStringLiteral("$"), QStringLiteral("\\W+"), QStringLiteral("(?<=e)"),
        QStringLiteral("(?<!\\w)"), QStringLiteral("[[:alpha:]]+"), QStringLiteral("\\S+"), QStringLiteral("[^\"]+"),
        QStringLiteral(".*"), QStringLiteral("\\bfile\\b"), QStringLiteral("(?!\\w)"), QStringLiteral("\\s*"),
    };
    if (rng.bounded(4) == 0)
        return constructs.at(rng.bounded(int(constructs.size())));
    const QString &text = texts.at(rng.bounded(int(texts.size())));
    if (text.isEmpty())
        return QStringLiteral("e");
    const qsizetype start = rng.bounded(int(text.size()));
    const qsizetype length = qMin<qsizetype>(rng.bounded(1, 9), text.size() - start);
    QString cut = text.mid(start, length);
    // Other casings, so that case-insensitive patterns meet folding.
    const int casing = rng.bounded(4);
    if (casing == 1)
        cut = cut.toUpper();
    else if (casing == 2)
        cut = cut.toLower();
    QString atom = rng.bounded(5) == 0 ? QStringLiteral("\\Q") + cut + QStringLiteral("\\E")
                                       : QRegularExpression::escape(cut);
    switch (rng.bounded(8)) {
    case 0:
        atom = QStringLiteral("(") + atom + QStringLiteral(")+");
        break;
    case 1:
        atom += QStringLiteral("?");
        break;
    case 2:
        atom = QStringLiteral("(?:") + atom + QStringLiteral("|") + randomAtom(rng, texts) + QStringLiteral(")");
        break;
    default:
        break;
    }
    return atom;
}

} // namespace

class TstRegexPrefilter : public QObject
{
    Q_OBJECT

private slots:
    void requiredStrings_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<Requirements>("expected");
        using R = Requirements;
        QTest::newRow("word") << "Traceback" << false << R{{"traceback"}};
        QTest::newRow("word, case sensitive") << "Traceback" << true << R{{"Traceback"}};
        QTest::newRow("then a class") << "exit code [1-9][0-9]*" << false << R{{"exit code "}};
        QTest::newRow("two pieces, longest first") << "get[A-Z][a-z]+Data" << true << R{{"Data"}, {"get"}};
        QTest::newRow("two pieces, folded") << "get[A-Z][a-z]+Data" << false << R{{"data"}, {"get"}};
        QTest::newRow("alternation in a group") << "error: (disk|quota)" << false << R{{"error: "}, {"disk", "quota"}};
        QTest::newRow("alternation at the top") << "abc|de\\d" << false << R{{"abc", "de"}};
        QTest::newRow("a branch without literal") << "abc|\\d+" << false << R{};
        QTest::newRow("an empty branch") << "abc|" << false << R{};
        QTest::newRow("plus repeats the letter") << "ab+c" << false << R{{"ab"}, {"bc"}};
        QTest::newRow("optional letter") << "abc?d" << false << R{{"ab"}, {"d"}};
        QTest::newRow("optional group") << "(foo)?bar" << false << R{{"bar"}};
        QTest::newRow("star group") << "(foo)*bar" << false << R{{"bar"}};
        QTest::newRow("required group") << "(foo)+bar" << false << R{{"foo"}, {"bar"}};
        QTest::newRow("counted") << "x{2,3}yz" << false << R{{"xyz"}, {"x"}};
        QTest::newRow("counted from zero") << "x{0,3}yz" << false << R{{"yz"}};
        QTest::newRow("exactly once") << "ab{1}c" << false << R{{"abc"}};
        QTest::newRow("brace not a quantifier") << "a{,3}" << false << R{{"a{,3}"}};
        QTest::newRow("escaped punctuation") << "a\\.b\\(c" << false << R{{"a.b(c"}};
        QTest::newRow("quoted") << "\\Qa.b\\E+c" << false << R{{"a.b"}, {"bc"}};
        QTest::newRow("quote to the end") << "x\\Q(y" << false << R{{"x(y"}};
        QTest::newRow("classes") << "[abc]def[]x]yz[[:alpha:]]+ing" << false << R{{"def"}, {"ing"}, {"yz"}};
        QTest::newRow("lookahead left out") << "(?=abc)def" << false << R{{"def"}};
        QTest::newRow("lookbehind left out") << "(?<!abc)def" << false << R{{"def"}};
        QTest::newRow("named group") << "(?<name>abc)d" << false << R{{"abc"}, {"d"}};
        QTest::newRow("quoted name") << "(?'n'abc)" << false << R{{"abc"}};
        QTest::newRow("property") << "\\p{L}+xyz\\pLw" << false << R{{"xyz"}, {"w"}};
        QTest::newRow("quote splits") << "say \"hi\"" << true << R{{"say "}, {"hi"}};
        QTest::newRow("backslash splits") << "C:\\\\dir" << true << R{{"dir"}, {"C:"}};
        QTest::newRow("non-ASCII, case sensitive") << QString::fromUtf8("caf\xC3\xA9 au") << true
                                                   << R{{"caf\xC3\xA9 au"}};
        QTest::newRow("non-ASCII, folded") << QString::fromUtf8("caf\xC3\xA9 au") << false << R{{"caf"}, {" au"}};
        QTest::newRow("Kelvin sign, folded") << QString::fromUtf8("\xE2\x84\xAA" "elvin") << false << R{{"elvin"}};
        QTest::newRow("outside the BMP") << QString::fromUtf8("a\xF0\x9F\x98\x80" "bc") << true << R{{"bc"}, {"a"}};
        QTest::newRow("inline option") << "(?i)foo" << true << R{};
        QTest::newRow("extended mode") << "(?x) f o o" << false << R{};
        QTest::newRow("hex escape") << "\\x41bc" << false << R{};
        QTest::newRow("backreference") << "(a)\\1bc" << false << R{};
        QTest::newRow("verb") << "(*UCP)abc" << false << R{};
        QTest::newRow("comment") << "ab(?#c)d" << false << R{};
        QTest::newRow("types and anchors") << "^ab\\d.cd$" << false << R{{"ab"}, {"cd"}};
        QTest::newRow("escaped letters make no piece") << "a\\nb\\tc" << false << R{{"a"}, {"b"}, {"c"}};
    }

    void requiredStrings()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, caseSensitive);
        QFETCH(Requirements, expected);
        QVERIFY2(regexQuery(pattern, caseSensitive).isValid(), qPrintable(pattern));
        QCOMPARE(RegexLiterals::required(pattern, caseSensitive), expected);
    }

    void caseVariantsOfNonAsciiLetters_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<Requirements>("expected");
        using R = Requirements;
        const auto u = [](const char *utf8) { return QString::fromUtf8(utf8); };
        // Each non-ASCII letter as each member of its caseless set (the letter itself first).
        QTest::newRow("\xC3\xA9t\xC3\xA9") << u("\xC3\xA9t\xC3\xA9\\s\\w+")
                                           << R{{"\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\x89", "\xC3\x89t\xC3\xA9", "\xC3\x89t\xC3\x89"}};
        QTest::newRow("upper case, ASCII lowered") << u("CAF\xC3\x89") << R{{"caf\xC3\x89", "caf\xC3\xA9"}};
        // Σ, σ and final ς fold together.
        QTest::newRow("sigma") << u("\xCF\x83x") << R{{"\xCF\x83x", "\xCE\xA3x", "\xCF\x82x"}};
        QTest::newRow("sharp s") << u("stra\xC3\x9F" "e") << R{{"stra\xC3\x9F" "e", "stra\xE1\xBA\x9E" "e"}};
        // K and ſ match ASCII letters: cut there, as before.
        QTest::newRow("Kelvin sign") << u("\xE2\x84\xAA" "elvin") << R{{"elvin"}};
        QTest::newRow("long s") << u("a\xC5\xBF" "b") << R{{"a"}, {"b"}};
        // Outside Latin, Greek and Cyrillic: cut there.
        QTest::newRow("CJK") << u("ab\xE6\x97\xA5" "cd") << R{{"ab"}, {"cd"}};
        QTest::newRow("no case") << u("\xC3\x97" "3") << R{{"\xC3\x97" "3"}};
        // Past 8 spellings the piece ends before the letter that would make more.
        QTest::newRow("too many spellings") << u("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9z")
                                            << R{{"\xC3\xA9\xC3\xA9\xC3\xA9", "\xC3\xA9\xC3\xA9\xC3\x89", "\xC3\xA9\xC3\x89\xC3\xA9",
                                                  "\xC3\xA9\xC3\x89\xC3\x89", "\xC3\x89\xC3\xA9\xC3\xA9", "\xC3\x89\xC3\xA9\xC3\x89",
                                                  "\xC3\x89\xC3\x89\xC3\xA9", "\xC3\x89\xC3\x89\xC3\x89"}, {"z"}};
    }

    void caseVariantsOfNonAsciiLetters()
    {
        QFETCH(QString, pattern);
        QFETCH(Requirements, expected);
        QVERIFY2(regexQuery(pattern).isValid(), qPrintable(pattern));
        if (!CaseFoldingVersions::qtFoldsAsTheMatcher()) {
            // Qt's and PCRE2's Unicode versions differ: the letters are cut, as without variants.
            QCOMPARE(RegexLiterals::required(pattern, false, RegexLiterals::NonAscii::CaseVariants),
                     RegexLiterals::required(pattern, false));
            return;
        }
        QCOMPARE(RegexLiterals::required(pattern, false, RegexLiterals::NonAscii::CaseVariants), expected);
        // Case-sensitively, and by default, nothing changes.
        QCOMPARE(RegexLiterals::required(pattern, true, RegexLiterals::NonAscii::CaseVariants),
                 RegexLiterals::required(pattern, true));
    }

    void caselessSetsAreWhatPcre2Matches()
    {
        // Every spelling the prefilter looks for matches the letter case-insensitively, and no
        // other character of the BMP does: checked against PCRE2 as SearchQuery compiles it,
        // for every letter read with its variants.
        if (!CaseFoldingVersions::qtFoldsAsTheMatcher())
            QSKIP("Qt's and PCRE2's Unicode versions differ: no letter is read with its variants");
        QString everyCharacter;
        for (char32_t c = 1; c <= 0xFFFF; ++c) {
            if (!QChar::isSurrogate(c))
                everyCharacter.append(QChar{char16_t(c)});
        }
        int withVariants = 0;
        for (char16_t u = 0x80; u <= 0x052F; ++u) {
            const QString letter(QChar{u});
            const Requirements required =
                RegexLiterals::required(QRegularExpression::escape(letter), false, RegexLiterals::NonAscii::CaseVariants);
            if (required.isEmpty())
                continue;
            QCOMPARE(required.size(), 1);
            QStringList spellings;
            for (const QByteArray &piece : required.first())
                spellings.append(QString::fromUtf8(piece));
            withVariants += spellings.size() > 1 ? 1 : 0;
            QStringList matching;
            QRegularExpressionMatchIterator it =
                regexQuery(QRegularExpression::escape(letter)).regularExpression().globalMatch(everyCharacter);
            while (it.hasNext())
                matching.append(it.next().captured());
            spellings.sort();
            matching.sort();
            if (spellings != matching)
                QFAIL(qPrintable(QStringLiteral("U+%1: spellings %2, PCRE2 matches %3")
                                     .arg(uint(u), 4, 16, QChar(u'0'))
                                     .arg(spellings.join(u' '), matching.join(u' '))));
        }
        QVERIFY2(withVariants > 500, qPrintable(QString::number(withVariants)));
    }

    void separatorSafety_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("safe");
        QTest::newRow("words and classes") << "get[A-Z][a-z]+Data\\d+\\s\\w" << true;
        QTest::newRow("word boundaries and lookarounds") << "\\bfoo(?=\\w)(?<!x)\\B" << true;
        QTest::newRow("whole-word edges") << "(?:(?<!\\w)|(?!\\w))ab" << true;
        QTest::newRow("dot") << "a.b" << false;
        QTest::newRow("start anchor") << "^ab" << false;
        QTest::newRow("end anchor") << "ab$" << false;
        QTest::newRow("text anchors") << "\\Aab\\z" << false;
        QTest::newRow("negated class") << "[^a]b" << false;
        QTest::newRow("not a word character") << "a\\Wb" << false;
        QTest::newRow("not a space") << "\\S+" << false;
        QTest::newRow("class with \\W") << "[\\W]" << false;
        QTest::newRow("class with \\x00") << "[\\x00-a]" << false;
        QTest::newRow("POSIX class") << "[[:cntrl:]]" << false;
        QTest::newRow("property") << "\\p{Cc}" << false;
        QTest::newRow("not read") << "(?i)ab" << false;
    }

    void separatorSafety()
    {
        QFETCH(QString, pattern);
        QFETCH(bool, safe);
        QVERIFY2(regexQuery(pattern).isValid(), qPrintable(pattern));
        QCOMPARE(RegexLiterals::neverSpansSeparator(pattern), safe);
    }

    void onlyKelvinAndLongSMatchAsciiLettersCaselessly()
    {
        // The prefilter's one exception to "ASCII in the text for ASCII in the pattern",
        // checked against PCRE2 as SearchQuery compiles it.
        const QRegularExpression letter = regexQuery(QStringLiteral("^[a-z]$")).regularExpression();
        QList<uint> found;
        for (uint u = 0x80; u <= 0xFFFF; ++u) {
            if (u >= 0xD800 && u < 0xE000)
                continue;
            if (letter.match(QString(QChar(char16_t(u)))).hasMatch())
                found.append(u);
        }
        QCOMPARE(found, (QList<uint>{0x017F, 0x212A}));
    }

    void escapesAndFolding()
    {
        // Hand-written cases where the raw JSON and the decoded text differ.
        const QList<QByteArray> json = {
            entryWith("thought", "caf\\u00e9 noir"),                    // 0: \u escape
            entryWith("thought", "\\u212aelvin"),                       // 1: Kelvin sign escaped
            entryWith("thought", "\xE2\x84\xAA" "elvin"),               // 2: Kelvin sign as UTF-8
            entryWith("thought", "\xC5\xBF" "ecret"),                   // 3: long s
            entryWith("thought", "path a\\/b"),                         // 4: \/
            entryWith("thought", "say \\\"hi\\\" now"),                 // 5: \"
            entryWith("thought", "line\\nbreak"),                       // 6: \n
            entryWith("thought", "back\\bspace"),                       // 7: shown as "back\u0008space"
            entryWith("thought", "nothing here"),                       // 8
        };
        SearchCorpus corpus;
        for (int i = 0; i < json.size(); ++i)
            corpus.setText(i, SearchText::fromRawEntryJson(json.at(i)));
        const auto rows = [&](const QString &pattern, bool caseSensitive) {
            return SearchEngine(regexQuery(pattern, caseSensitive)).search(corpus).matchingRows;
        };
        QCOMPARE(rows(QString::fromUtf8("caf\xC3\xA9 n\\w+"), true), (QVector<int>{0}));
        QCOMPARE(rows(QString::fromUtf8("CAF\xC3\x89 N\\w+"), false), (QVector<int>{0}));
        QCOMPARE(rows(QStringLiteral("kel+vin"), false), (QVector<int>{1, 2}));
        QCOMPARE(rows(QStringLiteral("kel+vin"), true), (QVector<int>{}));
        QCOMPARE(rows(QStringLiteral("SECRE[T]"), false), (QVector<int>{3}));
        QCOMPARE(rows(QStringLiteral("a/b"), false), (QVector<int>{4}));
        QCOMPARE(rows(QStringLiteral("say \"hi\" n.w"), true), (QVector<int>{5}));
        QCOMPARE(rows(QStringLiteral("line\\nbr"), true), (QVector<int>{6}));
        QCOMPARE(rows(QStringLiteral("k\\\\u0008s"), true), (QVector<int>{7}));
        QCOMPARE(rows(QStringLiteral("u0008space"), true), (QVector<int>{7}));
        QCOMPARE(rows(QStringLiteral("nothing (here|there)"), true), (QVector<int>{8}));
    }

    void randomPatternsMatchTheDecodedFullScan()
    {
        QRandomGenerator rng(20250621);
        const QList<QByteArray> json = generatedEntries(rng, 160);
        SearchCorpus corpus;
        QStringList texts;
        for (int i = 0; i < json.size(); ++i) {
            corpus.setText(i, SearchText::fromRawEntryJson(json.at(i)));
            texts.append(QString::fromUtf8(SearchText::fromEntryJson(json.at(i)).bytes).replace(QChar(u'\0'), u' '));
        }

        int patterns = 0;
        int active = 0;
        qint64 rowsRuledOut = 0;
        qint64 rowsMatched = 0;
        while (patterns < 2500) {
            QString pattern;
            const int atoms = rng.bounded(1, 4);
            for (int k = 0; k < atoms; ++k)
                pattern += randomAtom(rng, texts);
            if (rng.bounded(6) == 0)
                pattern += QStringLiteral("|") + randomAtom(rng, texts);
            const SearchQuery query = regexQuery(pattern, rng.bounded(2) == 0, rng.bounded(5) == 0);
            if (!query.isValid())
                continue;
            ++patterns;
            const SearchEngine engine(query);
            const RegexPrefilter prefilter(query);
            active += prefilter.isActive() ? 1 : 0;
            const QRegularExpression re = query.regularExpression();
            for (int row = 0; row < json.size(); ++row) {
                const qint64 expected = referenceCount(json.at(row), re);
                const SearchText text = corpus.at(row);
                if (prefilter.rowCannotMatch(text)) {
                    ++rowsRuledOut;
                    if (expected != 0) {
                        QFAIL(qPrintable(QStringLiteral("pattern %1 (case %2) ruled out row %3 (%4) with %5 matches")
                                             .arg(pattern, query.caseSensitive ? QStringLiteral("sensitive") : QStringLiteral("insensitive"))
                                             .arg(row)
                                             .arg(QString::fromUtf8(json.at(row)))
                                             .arg(expected)));
                    }
                }
                const qint64 counted = engine.countMatches(text);
                if (counted != expected) {
                    QFAIL(qPrintable(QStringLiteral("pattern %1 (case %2) counts %3 in row %4 (%5), the decoded scan %6")
                                         .arg(pattern, query.caseSensitive ? QStringLiteral("sensitive") : QStringLiteral("insensitive"))
                                         .arg(counted)
                                         .arg(row)
                                         .arg(QString::fromUtf8(json.at(row)))
                                         .arg(expected)));
                }
                rowsMatched += expected > 0 ? 1 : 0;
            }
        }
        // The test means something only if the prefilter works on most patterns and both
        // outcomes are common.
        QVERIFY2(active > patterns / 2, qPrintable(QString::number(active)));
        QVERIFY(rowsRuledOut > 10000);
        QVERIFY(rowsMatched > 10000);
    }

    void entriesWithManyFieldsMatchTheDecodedFullScan()
    {
        // An entry whose JSON holds the required string is read only around where it holds it
        // (SearchText::visitSegmentsHoldingSpans): the counts must stay those of every segment
        // matched, for keys and values, left-out fields, escapes, a byte order mark and matches
        // that would run across a quote.
        QRandomGenerator rng(250621);
        QList<QByteArray> json;
        for (int i = 0; i < 180; ++i)
            json.append(manyFieldsEntry(rng));
        // A byte order mark starting the text (QString::fromUtf8 leaves it out), in the first
        // segment that is shown: a key, a value, after a field left out.
        json.append("{\"\xEF\xBB\xBFmodule\": 1, \"x_custom\": \"module7.cpp:1\"}");
        json.append("{\"x_custom\": \"\xEF\xBB\xBFmodule12.cpp:3 error handling\"}");
        json.append("{\"agent_run_id\": 1, \"\xEF\xBB\xBF" "error\": \"module1.cpp:2\"}");
        json.append("{\"thought\": \"\xEF\xBB\xBF\\nmodule1.cpp:2\", \"x_custom\": \"\xEF\xBB\xBFmodule3.cpp:4\"}");
        QStringList texts;
        SearchCorpus corpus;
        for (int i = 0; i < json.size(); ++i) {
            corpus.setText(i, SearchText::fromRawEntryJson(json.at(i)));
            texts.append(QString::fromUtf8(SearchText::fromEntryJson(json.at(i)).bytes).replace(QChar(u'\0'), u' '));
        }
        QStringList patterns = {
            QStringLiteral("module\\d+\\.cpp:\\d+"), QStringLiteral("(fails|error)\\s+handling"),
            QString::fromUtf8("\xC3\xA9t\xC3\xA9\\s\\w+"), QStringLiteral("module"), QStringLiteral("x_custom"),
            QStringLiteral("agent_run_id"), QStringLiteral("thought"), QStringLiteral("2025-06"), QStringLiteral("true"),
            QStringLiteral("null"), QStringLiteral("1\\.5e3"), QStringLiteral("module\": \"?\\w"), QStringLiteral("e\""),
            QStringLiteral("^module"), QStringLiteral("handling$"), QStringLiteral("\\bmodule\\d"),
            QStringLiteral("(?<=\\W)error"), QStringLiteral("\\x{FEFF}module"), QStringLiteral("^\\W?error"),
            QStringLiteral("cpp:\\d*|error"), QStringLiteral("\\n\\w+"), QStringLiteral("e\\\\"),
            QStringLiteral("^\\W*module"), QStringLiteral("\\W\\n?module\\d"),
            QString::fromUtf8("\xC3\x89T\xC3\x89\\s\\w+"), QString::fromUtf8("\xC3\xA9t\xC3\xA9 \\w"),
            QString::fromUtf8("\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x8A\xCE\x91\xCE\xA3"), QString::fromUtf8("\xCF\x83\xCE\xBF\xCF\x86"),
            QString::fromUtf8("t\xC3\xA9 (l\xC3\xA0|ici)"), QString::fromUtf8("stra\xC3\x9F" "e"),
        };
        while (patterns.size() < 800) {
            QString pattern;
            const int atoms = rng.bounded(1, 4);
            for (int k = 0; k < atoms; ++k)
                pattern += randomAtom(rng, texts);
            if (QRegularExpression(pattern).isValid())
                patterns.append(pattern);
        }
        qint64 rowsMatched = 0;
        qint64 rowsWithoutMatch = 0;
        qint64 rowsMatchedAroundSpans = 0; // matches in rows read only around the spans
        for (const QString &pattern : std::as_const(patterns)) {
            for (const bool caseSensitive : {false, true}) {
                const SearchQuery query = regexQuery(pattern, caseSensitive, rng.bounded(6) == 0);
                if (!query.isValid())
                    continue;
                const SearchEngine engine(query);
                const bool prefilterActive = RegexPrefilter(query).isActive();
                const QRegularExpression re = query.regularExpression();
                for (int row = 0; row < json.size(); ++row) {
                    const qint64 expected = referenceCount(json.at(row), re);
                    const qint64 counted = engine.countMatches(corpus.at(row));
                    const bool any = engine.matches(corpus.at(row));
                    if (counted != expected || any != (expected > 0)) {
                        QFAIL(qPrintable(QStringLiteral("pattern %1 (case %2) counts %3 in row %4 (%5), the decoded scan %6")
                                             .arg(pattern, caseSensitive ? QStringLiteral("sensitive") : QStringLiteral("insensitive"))
                                             .arg(counted)
                                             .arg(row)
                                             .arg(QString::fromUtf8(json.at(row)))
                                             .arg(expected)));
                    }
                    (expected > 0 ? rowsMatched : rowsWithoutMatch) += 1;
                    const SearchText &text = corpus.at(row);
                    if (expected > 0 && prefilterActive && !text.needsDecoding() && !text.foldsIntoAscii())
                        ++rowsMatchedAroundSpans;
                }
            }
        }
        QVERIFY2(rowsMatched > 10000, qPrintable(QString::number(rowsMatched)));
        QVERIFY2(rowsWithoutMatch > 10000, qPrintable(QString::number(rowsWithoutMatch)));
        QVERIFY2(rowsMatchedAroundSpans > 2000, qPrintable(QString::number(rowsMatchedAroundSpans)));
    }

    void invalidUtf8CountsAsTheDecodedText()
    {
        // Segments are matched as UTF-8 where they lie; bytes that are not UTF-8 (U+FFFD in the
        // decoded text) send the entry through UTF-16. Either way the decoded text's counts.
        const QList<QByteArray> bad = {"ab\x80" "cd", "caf\xE9 error", "\xC3", "x\xE6\x97" "error", "\xED\xA0\x80",
                                       "\xC0\xAF" "a/b", "\xF4\x90\x80\x80", "\xEF\xBB\xBF" "error"};
        QRandomGenerator rng(27);
        QList<QByteArray> json = generatedEntries(rng, 80);
        for (QByteArray &entry : json) {
            const QByteArray &insert = bad.at(rng.bounded(int(bad.size())));
            const qsizetype quote = entry.lastIndexOf('"'); // inside the last string
            entry.insert(quote, insert);
        }
        json.append(entryWith("thought", "\xEF\xBB\xBF" "error at the start"));
        json.append("\xEF\xBB\xBF" "not an object: error");
        const QStringList patterns = {QStringLiteral("error"), QStringLiteral("\\w+"), QStringLiteral("."),
                                      QStringLiteral("[^a-z]"), QStringLiteral("a/b|\\x{FFFD}"), QStringLiteral("c\\w"),
                                      QStringLiteral("^\\W"), QStringLiteral("\\x{FEFF}\\w"), QStringLiteral("\\d\\d")};
        for (const QString &pattern : patterns) {
            for (const bool caseSensitive : {false, true}) {
                const SearchQuery query = regexQuery(pattern, caseSensitive);
                QVERIFY(query.isValid());
                const SearchEngine engine(query);
                const QRegularExpression re = query.regularExpression();
                for (const QByteArray &entry : std::as_const(json)) {
                    const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(entry));
                    if (counted != referenceCount(entry, re))
                        QFAIL(qPrintable(QStringLiteral("%1 over %2: %3, the decoded scan %4")
                                             .arg(pattern, QString::fromUtf8(entry.toHex(' ')))
                                             .arg(counted)
                                             .arg(referenceCount(entry, re))));
                }
            }
        }
    }

    void weakerRequirementsAreLookedForAroundTheStrongest()
    {
        // A row that holds the strongest required string is not scanned for the weaker ones
        // first: they are looked for in the segments around the strongest only. Rows that hold a
        // weaker string only elsewhere (another value, a key, a field left out, the same value
        // before a line break escape, a nested value stepped over) count nothing; where it is in
        // the same segment, before or after the strongest, every match counts. Expected counts
        // from matching the decoded text of every segment.
        const QList<QByteArray> rows = {
            // "module" and ".cpp:" in different values, keys, or fields not searched.
            "{\"thought\": \"module7 only\", \"observation\": \"see a.cpp:1\"}",
            "{\"x_module\": \"module7\", \"x_cpp\": \".cpp:\"}",
            "{\"agent_run_id\": \"module7.cpp:1\", \"thought\": \"module7\"}",
            "{\"created_at\": \"x.cpp:1\", \"thought\": \"module12\", \"tool_input\": {\"a\": [\".cpp:9\"]}}",
            "{\"tool_output\": {\"output\": \"module1\", \"lines\": [\"b.cpp:2\", {\"k\": \".cpp:3\"}]}}",
            "{\"thought\": \"module3.cpp\\n:4 and .cpp:5\"}",
            "{\"thought\": \"module3\", \"module3.cpp:4\": null}",
            // Both in one segment: matches.
            "{\"thought\": \"src/module12.cpp:345: error handling\", \"observation\": \"module\"}",
            "{\"thought\": \"a.cpp:1 then module2.cpp:3\\nmodule4.cpp:5\"}",
            "{\"x_k\": [1, {\"deep\": \"MODULE9.CPP:10\"}], \"thought\": \"module\"}",
            "{\"thought\": \"module\", \"observation\": \"module8.cpp:1\"}",
            // "handling" with "error" or "fails" elsewhere, or in the same value.
            "{\"thought\": \"error\", \"observation\": \"handling\"}",
            "{\"thought\": \"fails\\nhandling\", \"observation\": \"error  handling\"}",
            "{\"error\": \"handling\", \"thought\": \"fails handling\"}",
        };
        const QStringList patterns = {QStringLiteral("module\\d+\\.cpp:\\d+"), QStringLiteral("(fails|error)\\s+handling"),
                                      QStringLiteral("\\.cpp:\\d.*module"), QStringLiteral("handling.*(error|fails)")};
        qint64 matched = 0;
        qint64 notMatched = 0;
        for (const QString &pattern : patterns) {
            const SearchQuery query = regexQuery(pattern);
            QVERIFY(RegexPrefilter(query).requirements().size() >= 2);
            const SearchEngine engine(query);
            for (const QByteArray &row : rows) {
                const qint64 expected = referenceCount(row, query.regularExpression());
                const qint64 counted = engine.countMatches(SearchText::fromRawEntryJson(row));
                if (counted != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 in %2: %3, expected %4")
                                         .arg(pattern, QString::fromUtf8(row))
                                         .arg(counted)
                                         .arg(expected)));
                (expected > 0 ? matched : notMatched) += 1;
            }
        }
        QVERIFY2(matched >= 8, qPrintable(QString::number(matched)));
        QVERIFY2(notMatched >= 30, qPrintable(QString::number(notMatched)));
    }

    void entryWithMoreRequiredStringsThanSpans()
    {
        // Past RegexPrefilter::kMaxSpans occurrences the entry's segments are searched one by one.
        QByteArray many;
        for (int k = 0; k < 5000; ++k)
            many += "error ";
        const QByteArray entry = "{\"agent_run_id\": 7, \"thought\": \"" + many + "\", \"observation\": \"no\", "
                                 "\"tool_input\": {\"cmd\": \"an error: here\", \"error\": 1}}";
        for (const QString &pattern : {QStringLiteral("error\\s"), QStringLiteral("error:"), QStringLiteral("rror")}) {
            const SearchQuery query = regexQuery(pattern);
            const qint64 expected = referenceCount(entry, query.regularExpression());
            QVERIFY(expected > 0);
            QCOMPARE(SearchEngine(query).countMatches(SearchText::fromRawEntryJson(entry)), expected);
        }
        QCOMPARE(SearchEngine(regexQuery(QStringLiteral("error\\s"))).countMatches(SearchText::fromRawEntryJson(entry)),
                 qint64(5000));
    }

    void catastrophicBacktrackingStopsWithAMessage()
    {
        // "(a+)+$" over a long line of "a" that does not end the text: exponential backtracking.
        SearchCorpus corpus;
        corpus.setText(0, SearchText::fromRawEntryJson(entryWith("thought", "short line")));
        corpus.setText(1, SearchText::fromRawEntryJson(entryWith("observation", QByteArray(50000, 'a') + "!")));
        const SearchEngine engine(regexQuery(QStringLiteral("(a+)+$")));
        const SearchResult result = engine.search(corpus);
        QVERIFY(result.complete);
        // Either a result (a linear-time engine: no match, the line ends with "!") or the message.
        if (result.error.isEmpty()) {
            QCOMPARE(result.entryCount, 0);
        } else {
            QCOMPARE(result.error, SearchEngine::tooCostlyText());
            QVERIFY(result.error.contains(QStringLiteral("too costly")));
        }
    }

    void runnerReportsTheCostlyPatternAndGoesOn()
    {
        SearchCorpus corpus;
        for (int i = 0; i < 50; ++i)
            corpus.setText(i, SearchText::fromRawEntryJson(entryWith("observation", QByteArray(30000, 'a') + "!")));
        corpus.setText(50, SearchText::fromRawEntryJson(entryWith("thought", "a needle here")));
        SearchRunner runner;
        QSignalSpy finished(&runner, &SearchRunner::finished);
        const quint64 costly = runner.start(regexQuery(QStringLiteral("(a+)+$")), corpus);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toULongLong(), costly);
        const SearchResult stopped = finished.at(0).at(1).value<SearchResult>();
        QVERIFY(stopped.complete);
        QCOMPARE(stopped.error, SearchEngine::tooCostlyText());

        // The next search runs as usual.
        const quint64 next = runner.start(regexQuery(QStringLiteral("ne+dle")), corpus);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(1).at(0).toULongLong(), next);
        const SearchResult found = finished.at(1).at(1).value<SearchResult>();
        QVERIFY(found.error.isEmpty());
        QCOMPARE(found.matchingRows, (QVector<int>{50}));
    }

    void supersededCostlySearchStopsSoon()
    {
        // A keystroke during a costly search: its result never comes, the new one does.
        SearchCorpus corpus;
        for (int i = 0; i < 400; ++i)
            corpus.setText(i, SearchText::fromRawEntryJson(entryWith("observation", QByteArray(22, 'a') + "!")));
        SearchRunner runner;
        QSignalSpy finished(&runner, &SearchRunner::finished);
        runner.start(regexQuery(QStringLiteral("(a+)+$")), corpus);
        const quint64 next = runner.start(regexQuery(QStringLiteral("a!")), corpus);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toULongLong(), next);
        QCOMPARE(finished.at(0).at(1).value<SearchResult>().entryCount, 400);
    }
};

QTEST_GUILESS_MAIN(TstRegexPrefilter)
#include "tst_regexprefilter.moc"
