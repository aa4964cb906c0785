// SPDX-License-Identifier: MIT
#include "json/jsonsyntax.h"
#include "json/jsontext.h"
#include "json/jsontokens.h"

#include <QTest>

class TestJsonText : public QObject
{
    Q_OBJECT

private slots:
    void pretty_data();
    void pretty();
    void prettyIndent();
    void prettyOfDeepNestingStaysLinear();
    void compact_data();
    void compact();
    void compactPreview_data();
    void compactPreview();
    void readable_data();
    void readable();
    void readableLarge();
    void check_data();
    void check();
    void unescape_data();
    void unescape();
    void decodedString_data();
    void decodedString();
    void garbageNeverCrashes();
};

void TestJsonText::pretty_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("scalar") << QByteArray(" 1e400 ") << QByteArray("1e400");
    QTest::addRow("empty containers") << QByteArray(R"({"a":{ },"b":[  ],"c":[{}]})")
                                      << QByteArray("{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {}\n  ]\n}");
    QTest::addRow("nested") << QByteArray(R"({"a":[1,{"b":null}],"c":"x"})")
                            << QByteArray("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"x\"\n}");
    QTest::addRow("exact tokens") << QByteArray(R"([18446744073709551616,-0.0E-7,"a\"b\\",  "{[,:]}", "\ud83d\ude00"])")
                                  << QByteArray("[\n  18446744073709551616,\n  -0.0E-7,\n  \"a\\\"b\\\\\",\n  \"{[,:]}\",\n  \"\\ud83d\\ude00\"\n]");
    QTest::addRow("already pretty") << QByteArray("{\n  \"a\": 1\n}") << QByteArray("{\n  \"a\": 1\n}");
    QTest::addRow("empty") << QByteArray() << QByteArray();
}

void TestJsonText::pretty()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::pretty(raw), expected);
    // Pretty and compact are inverse up to whitespace.
    QCOMPARE(JsonText::compact(JsonText::pretty(raw)), JsonText::compact(raw));
}

void TestJsonText::prettyIndent()
{
    QCOMPARE(JsonText::pretty(R"({"a":[1]})", 4), QByteArray("{\n    \"a\": [\n        1\n    ]\n}"));
    QCOMPARE(JsonText::pretty(R"({"a":1})", 0), QByteArray("{\n\"a\": 1\n}"));
}

// Indenting every level makes the output grow with the square of the depth: 100,000 nested
// arrays (200 kB) came out as 10 GB (found by replaying tests/fuzz/regressions). Below 32 levels
// every level indents; deeper ones stay at the 32nd level's indentation, so the output is at most
// some 70 times the input whatever the depth, and no token changes.
void TestJsonText::prettyOfDeepNestingStaysLinear()
{
    const int depth = 100000;
    const QByteArray deep = QByteArray(depth, '[') + "1" + QByteArray(depth, ']');
    const QByteArray out = JsonText::pretty(deep);
    QVERIFY2(out.size() < 70 * deep.size(), qPrintable(QString::number(out.size())));
    QCOMPARE(JsonText::compact(out), deep);
    // Indentation up to the 32nd level, as before, then no deeper.
    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.at(1), QByteArray(2, ' ') + '[');
    QCOMPARE(lines.at(31), QByteArray(62, ' ') + '[');
    QCOMPARE(lines.at(32), QByteArray(64, ' ') + '[');
    QCOMPARE(lines.at(33), QByteArray(64, ' ') + '[');
    QCOMPARE(lines.at(depth), QByteArray(64, ' ') + '1');
    QCOMPARE(lines.last(), QByteArray("]"));
    // Nesting a reader meets in real entries indents fully.
    QCOMPARE(JsonText::pretty(R"({"a":{"b":[{"c":1}]}})"),
             QByteArray("{\n  \"a\": {\n    \"b\": [\n      {\n        \"c\": 1\n      }\n    ]\n  }\n}"));
}

void TestJsonText::compact_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("spaces") << QByteArray(" {\n\t\"a b\" : [ 1 , 2 ] ,\r\n \"c\" : \" x \" } ")
                            << QByteArray(R"({"a b":[1,2],"c":" x "})");
    QTest::addRow("escaped quote") << QByteArray(R"([ "a\" , b" , "c\\" , 1 ])") << QByteArray(R"(["a\" , b","c\\",1])");
    QTest::addRow("unclosed string") << QByteArray(R"([ "abc  )") << QByteArray(R"(["abc  )");
}

void TestJsonText::compact()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::compact(raw), expected);
}

void TestJsonText::compactPreview_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("max");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("short") << QByteArray(R"({ "a": 1 })") << 100 << QByteArray(R"({"a":1})");
    QTest::addRow("cut in string") << QByteArray(R"({ "abcdef": 1 })") << 5 << QByteArray(R"({"abc)");
    QTest::addRow("cut before utf8") << QByteArray("[\"\xE4\xB8\xAD\xE6\x96\x87\"]") << 6 << QByteArray("[\"\xE4\xB8\xAD");
    QTest::addRow("cut emoji") << QByteArray("[\"\xF0\x9F\x98\x80\"]") << 4 << QByteArray("[\"");
    QTest::addRow("zero") << QByteArray("[1]") << 0 << QByteArray();
}

void TestJsonText::compactPreview()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, max);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::compactPreview(raw, max), expected);
}

void TestJsonText::readable_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");

    QTest::addRow("flat object") << QByteArray(R"({"a":1,"b":"text","c":null,"d":true,"e":1e400})")
                                 << u"a: 1\nb: text\nc: null\nd: true\ne: 1e400"_qs;
    QTest::addRow("nested object") << QByteArray(R"({"outer":{"inner":{"x":-0.50}},"after":2})")
                                   << u"outer:\n  inner:\n    x: -0.50\nafter: 2"_qs;
    QTest::addRow("array of scalars") << QByteArray(R"({"list":[1,"two",null]})")
                                      << u"list:\n  - 1\n  - two\n  - null"_qs;
    QTest::addRow("array of objects") << QByteArray(R"({"hits":[{"file":"a.cpp","line":3},{"file":"b.cpp"}]})")
                                      << u"hits:\n  - file: a.cpp\n    line: 3\n  - file: b.cpp"_qs;
    QTest::addRow("nested arrays") << QByteArray(R"([[1,2],[]])") << u"- - 1\n  - 2\n- []"_qs;
    QTest::addRow("empty things") << QByteArray(R"({"o":{},"a":[],"s":"","":1})")
                                  << u"o: {}\na: []\ns: \"\"\n\"\": 1"_qs;
    QTest::addRow("multi-line string") << QByteArray(R"({"output":"line 1\n  line 2\n\nline 4\n","n":1})")
                                       << u"output: |\n  line 1\n    line 2\n\n  line 4\nn: 1"_qs;
    QTest::addRow("multi-line in array") << QByteArray(R"({"a":["x\ny"]})") << u"a:\n  - |\n    x\n    y"_qs;
    QTest::addRow("crlf") << QByteArray(R"({"t":"a\r\nb\rc"})") << u"t: |\n  a\n  b\n  c"_qs;
    QTest::addRow("escapes unescaped") << QByteArray(R"({"q":"say \"hi\" \\ \/ \u00e9 \ud83d\ude00 \t."})")
                                       << QString::fromUtf8("q: say \"hi\" \\ / \xC3\xA9 \xF0\x9F\x98\x80 \t.");
    QTest::addRow("control chars visible") << QByteArray(R"({"c":"a\u0000b\u001bc\bd"})")
                                           << uR"(c: a\u0000b\u001bc\u0008d)"_qs;
    QTest::addRow("lone surrogate") << QByteArray(R"({"s":"\ud800!"})") << QString::fromUtf8("s: \xEF\xBF\xBD!");
    QTest::addRow("escaped key") << QByteArray(R"({"a\nb":1,"\u00e9":2})") << QString::fromUtf8("a\\nb: 1\n\xC3\xA9: 2");
    QTest::addRow("top scalar") << QByteArray(" 42 ") << u"42"_qs;
    QTest::addRow("top string") << QByteArray(R"("two\nlines")") << u"two\nlines"_qs;
    QTest::addRow("whitespace kept out") << QByteArray("{ \"a\" :\n [ 1 ,\n 2 ] }") << u"a:\n  - 1\n  - 2"_qs;
    QTest::addRow("invalid falls back") << QByteArray(R"({"a":1,)") << uR"({"a":1,)"_qs;
    QTest::addRow("invalid utf8 falls back") << QByteArray("{\"a\":\"\xFF\"}") << QString::fromUtf8("{\"a\":\"\xFF\"}");
    QTest::addRow("too deep falls back") << QByteArray(600, '[') + QByteArray(600, ']')
                                         << QString(600, u'[') + QString(600, u']');
}

void TestJsonText::readable()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(JsonText::readable(raw), expected);
}

void TestJsonText::readableLarge()
{
    // A 10 MB tool output of many lines: it must render completely (its speed is measured by
    // the benchmark, not asserted here).
    QByteArray raw = R"({"tool_output":{"stdout":")";
    const QByteArray line = R"(src/main.cpp:42: warning: unused variable \"x\" [-Wunused]\n)";
    while (raw.size() < 10 * 1024 * 1024)
        raw += line;
    raw += R"(","exit_code":0}})";
    const QString text = JsonText::readable(raw);
    QVERIFY(text.startsWith(u"tool_output:\n  stdout: |\n    src/main.cpp:42: warning: unused variable \"x\" [-Wunused]\n"));
    QVERIFY(text.endsWith(u"[-Wunused]\n  exit_code: 0"));
}

void TestJsonText::check_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("reason");

    QTest::addRow("object") << QByteArray(R"( {"a":[1,-2.5e+3,true,false,null,"\u00e9"]} )") << true << qsizetype(-1) << QString();
    QTest::addRow("big numbers") << QByteArray("[1e400,18446744073709551616,-0]") << true << qsizetype(-1) << QString();
    QTest::addRow("lone surrogate") << QByteArray(R"(["\udfff"])") << true << qsizetype(-1) << QString();
    QTest::addRow("top scalar") << QByteArray("\"x\"") << true << qsizetype(-1) << QString();
    QTest::addRow("4-byte utf8") << QByteArray("[\"\xF4\x8F\xBF\xBF\"]") << true << qsizetype(-1) << QString();
    QTest::addRow("empty") << QByteArray() << false << qsizetype(0) << u"no JSON value (the text is empty or only whitespace)"_qs;
    QTest::addRow("above U+10FFFF") << QByteArray("[\"\xF4\x90\x80\x80\"]") << false << qsizetype(2) << u"invalid UTF-8"_qs;
    QTest::addRow("cut utf8") << QByteArray("[\"\xE4\xB8") << false << qsizetype(2) << u"invalid UTF-8"_qs;
    QTest::addRow("missing colon") << QByteArray(R"({"a" 1})") << false << qsizetype(5) << u"unexpected '1', expected ':' after the key"_qs;
    QTest::addRow("missing comma") << QByteArray(R"([1 2])") << false << qsizetype(3) << u"unexpected '2', expected ',' or ']'"_qs;
    QTest::addRow("unclosed array") << QByteArray("[1,\n2") << false << qsizetype(5) << u"unexpected end of text: unclosed array"_qs;
    QTest::addRow("unclosed object") << QByteArray(R"({"a":1)") << false << qsizetype(6) << u"unexpected end of text: unclosed object"_qs;
    QTest::addRow("mismatched") << QByteArray(R"([1})") << false << qsizetype(2) << u"unexpected '}', expected ',' or ']'"_qs;
    QTest::addRow("exponent") << QByteArray("[1e]") << false << qsizetype(1) << u"invalid number: the exponent has no digits"_qs;
    QTest::addRow("fraction") << QByteArray("[1.]") << false << qsizetype(1) << u"invalid number: digits must follow the decimal point"_qs;
    QTest::addRow("minus alone") << QByteArray("[-]") << false << qsizetype(1) << u"invalid number"_qs;
    QTest::addRow("plus") << QByteArray("[+1]") << false << qsizetype(1) << u"unexpected '+', expected a value"_qs;
    QTest::addRow("short unicode escape") << QByteArray(R"(["\u12"])") << false << qsizetype(2) << u"invalid \\u escape in a string"_qs;
    QTest::addRow("tab in string") << QByteArray("[\"a\tb\"]") << false << qsizetype(3) << u"control character U+0009 inside a string must be escaped"_qs;
    QTest::addRow("nul byte") << QByteArray("[1,\0]", 5) << false << qsizetype(3) << u"unexpected byte 0x00, expected a value"_qs;
    QTest::addRow("two values") << QByteArray("1 2") << false << qsizetype(2) << u"unexpected '2', expected the end of the text"_qs;
}

void TestJsonText::check()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, ok);
    QFETCH(qsizetype, offset);
    QFETCH(QString, reason);
    const JsonSyntax::Check c = JsonSyntax::check(raw);
    QCOMPARE(c.ok, ok);
    QCOMPARE(c.offset, offset);
    QCOMPARE(c.reason, reason);
}

void TestJsonText::unescape_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QByteArray(R"("abc")") << u"abc"_qs;
    QTest::addRow("empty") << QByteArray(R"("")") << u""_qs;
    QTest::addRow("all escapes") << QByteArray(R"("\"\\\/\b\f\n\r\t")") << u"\"\\/\b\f\n\r\t"_qs;
    QTest::addRow("pair") << QByteArray(R"("\uD83D\uDE00")") << QString::fromUtf8("\xF0\x9F\x98\x80");
    QTest::addRow("lone high") << QByteArray(R"("\ud83dx")") << QString::fromUtf8("\xEF\xBF\xBDx");
    QTest::addRow("lone low") << QByteArray(R"("\ude00")") << QString::fromUtf8("\xEF\xBF\xBD");
    QTest::addRow("high then high") << QByteArray(R"("\ud83d\ud83d\ude00")") << QString::fromUtf8("\xEF\xBF\xBD\xF0\x9F\x98\x80");
    QTest::addRow("nul") << QByteArray(R"("a\u0000b")") << QStringView(u"a\0b", 3).toString();
    QTest::addRow("truncated escape") << QByteArray(R"("a\u12)") << u"\"a\\u12"_qs;
    QTest::addRow("without quotes") << QByteArray(R"(a\nb)") << u"a\nb"_qs;
}

void TestJsonText::unescape()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, expected);
    const QString got = JsonText::unescapeString(token);
    QCOMPARE(got, expected);
    QVERIFY(!got.isNull());
}

void TestJsonText::decodedString_data()
{
    QTest::addColumn<QByteArray>("content"); // between the quotes, as in the JSON text
    QTest::addColumn<bool>("display");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("plain") << QByteArray("abc") << true << QByteArray("abc");
    QTest::addRow("escaped crlf, display") << QByteArray(R"(a\r\nb)") << true << QByteArray("a\nb");
    QTest::addRow("escaped crlf, exact") << QByteArray(R"(a\r\nb)") << false << QByteArray("a\r\nb");
    QTest::addRow("lone escaped cr, display") << QByteArray(R"(a\rb)") << true << QByteArray("a\nb");
    QTest::addRow("raw crlf, display") << QByteArray("a\r\nb") << true << QByteArray("a\nb");
    QTest::addRow("raw lone cr, display") << QByteArray("a\rb") << true << QByteArray("a\nb");
    QTest::addRow("raw crlf, exact") << QByteArray("a\r\nb") << false << QByteArray("a\r\nb");
    QTest::addRow("backspace, display") << QByteArray(R"(a\bb)") << true << QByteArray(R"(a\u0008b)");
    QTest::addRow("backspace, exact") << QByteArray(R"(a\bb)") << false << QByteArray("a\bb");
    QTest::addRow("raw escape byte, display") << QByteArray("a\x1b") << true << QByteArray(R"(a\u001b)");
    QTest::addRow("tab both ways") << QByteArray("a\t\\tb") << true << QByteArray("a\t\tb");
    QTest::addRow("unicode") << QByteArray(R"(\u00e9\ud83d\ude00)") << false << QByteArray("\xC3\xA9\xF0\x9F\x98\x80");
    QTest::addRow("unicode cr lf, display") << QByteArray(R"(\u000d\nx)") << true << QByteArray("\nx");
    QTest::addRow("short unicode kept") << QByteArray(R"(\u12)") << true << QByteArray(R"(\u12)");
    QTest::addRow("unknown escape kept") << QByteArray(R"(\q)") << false << QByteArray(R"(\q)");
    QTest::addRow("trailing backslash") << QByteArray("ab\\") << true << QByteArray("ab\\");
}

void TestJsonText::decodedString()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, display);
    QFETCH(QByteArray, expected);
    QByteArray out;
    JsonTokens::appendDecodedString(out, content.constData(), content.constData() + content.size(),
                                    display ? JsonTokens::StringDecoding::Display : JsonTokens::StringDecoding::Exact);
    QCOMPARE(out, expected);
}

void TestJsonText::garbageNeverCrashes()
{
    // Every prefix of a tricky document, and some noise: each function returns something.
    const QByteArray doc = R"({"a":[1,{"b":"c\"\\\u00e9\ud83d\ude00"}],"d":-1.5e-3,"e":[[],{}],"f":"x\ny"})";
    for (qsizetype n = 0; n <= doc.size(); ++n) {
        const QByteArray part = doc.left(n);
        JsonText::pretty(part);
        JsonText::compact(part);
        JsonText::compactPreview(part, n / 2);
        JsonText::readable(part);
        JsonText::unescapeString(part);
        QCOMPARE(JsonSyntax::check(part).ok, n == doc.size());
    }
    QByteArray noise;
    quint32 seed = 12345;
    static const char alphabet[] = "{}[]\",:\\ un1e-0tf\xC3\xFF";
    for (int i = 0; i < 4096; ++i) {
        seed = seed * 1103515245 + 12345;
        noise.append(alphabet[(seed >> 16) % (sizeof(alphabet) - 1)]);
    }
    JsonText::pretty(noise);
    JsonText::compact(noise);
    JsonText::readable(noise);
    JsonText::unescapeString(noise);
    QVERIFY(!JsonSyntax::check(noise).ok);
    QVERIFY(JsonSyntax::check(QByteArray(100000, '[')).reason.startsWith(u"nesting deeper"));
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
