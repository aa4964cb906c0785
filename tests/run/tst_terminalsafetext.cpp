// SPDX-License-Identifier: MIT
// The one policy for what the command line prints: every C0 and C1 control, DEL, bidirectional
// formatting character and line or paragraph separator comes out as a visible escape in tsv and
// on stderr, and as a JSON escape in json (the values parse the same), nothing else changes.
#include "run/terminalsafetext.h"

#include <QJsonDocument>
#include <QtTest>

class TestTerminalSafeText : public QObject
{
    Q_OBJECT
private slots:
    void unsafeCharacters_data();
    void unsafeCharacters();
    void tsv_data();
    void tsv();
    void line_data();
    void line();
    void json_data();
    void json();
};

void TestTerminalSafeText::unsafeCharacters_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("unsafe");
    QTest::addRow("NUL") << 0x00 << true;
    QTest::addRow("BEL") << 0x07 << true;
    QTest::addRow("ESC") << 0x1b << true;
    QTest::addRow("US") << 0x1f << true;
    QTest::addRow("space") << 0x20 << false;
    QTest::addRow("tilde") << 0x7e << false;
    QTest::addRow("DEL") << 0x7f << true;
    QTest::addRow("PAD U+0080") << 0x80 << true;
    QTest::addRow("NEL U+0085") << 0x85 << true;
    QTest::addRow("CSI U+009B") << 0x9b << true;
    QTest::addRow("APC U+009F") << 0x9f << true;
    QTest::addRow("no-break space") << 0xa0 << false;
    QTest::addRow("e acute") << 0xe9 << false;
    QTest::addRow("arabic letter mark") << 0x061c << true;
    QTest::addRow("arabic letter") << 0x0627 << false;
    QTest::addRow("zero width space") << 0x200b << false;
    QTest::addRow("LRM") << 0x200e << true;
    QTest::addRow("RLM") << 0x200f << true;
    QTest::addRow("line separator") << 0x2028 << true;
    QTest::addRow("paragraph separator") << 0x2029 << true;
    QTest::addRow("LRE") << 0x202a << true;
    QTest::addRow("RLO") << 0x202e << true;
    QTest::addRow("narrow no-break space") << 0x202f << false;
    QTest::addRow("LRI") << 0x2066 << true;
    QTest::addRow("PDI") << 0x2069 << true;
    QTest::addRow("inhibit symmetric swapping") << 0x206a << false;
}

void TestTerminalSafeText::unsafeCharacters()
{
    QFETCH(int, code);
    QFETCH(bool, unsafe);
    QCOMPARE(TerminalSafeText::isUnsafe(char16_t(code)), unsafe);
}

void TestTerminalSafeText::tsv_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QStringLiteral("summary of run 7") << QStringLiteral("summary of run 7");
    QTest::addRow("the escapes tsv always had") << QStringLiteral("a\tb\nc\rd\\e") << QStringLiteral("a\\tb\\nc\\rd\\\\e");
    QTest::addRow("title and colour") << QStringLiteral("\x1b]0;TITLE\x07\x1b[31mRED")
                                      << QStringLiteral("\\x1b]0;TITLE\\x07\\x1b[31mRED");
    QTest::addRow("NUL, vertical tab, DEL") << QString::fromUtf16(u"a\x00" u"b\x0b" u"c\x7f", 6)
                                            << QStringLiteral("a\\x00b\\x0bc\\x7f");
    QTest::addRow("C1") << QString::fromUtf16(u"x\x85" u"y\x9b" u"31m") << QStringLiteral("x\\x85y\\x9b31m");
    QTest::addRow("bidi") << QString::fromUtf16(u"\u202eevil\u2066x\u2069\u200e\u200f\u061c")
                          << QStringLiteral("\\u{202e}evil\\u{2066}x\\u{2069}\\u{200e}\\u{200f}\\u{061c}");
    QTest::addRow("separators") << QString::fromUtf16(u"a\u2028b\u2029c") << QStringLiteral("a\\u{2028}b\\u{2029}c");
    QTest::addRow("other scripts stay") << QString::fromUtf16(u"caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001f389")
                                        << QString::fromUtf16(u"caf\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001f389");
    QTest::addRow("an escape's text is doubled, not taken") << QStringLiteral("\\x1b") << QStringLiteral("\\\\x1b");
}

void TestTerminalSafeText::tsv()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(TerminalSafeText::forTsv(text), expected);
}

void TestTerminalSafeText::line_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain") << QStringLiteral("HTTP 403: no access") << QStringLiteral("HTTP 403: no access");
    QTest::addRow("line breaks and tabs are spaces") << QStringLiteral(" a\n\n b\tc\r\n") << QStringLiteral("a b c");
    QTest::addRow("separators are spaces") << QString::fromUtf16(u"a\u2028b\u2029c") << QStringLiteral("a b c");
    QTest::addRow("backslash stays") << QStringLiteral("C:\\x") << QStringLiteral("C:\\x");
    QTest::addRow("title and colour") << QStringLiteral("\x1b]0;TITLE\x07\x1b[31mRED")
                                      << QStringLiteral("\\x1b]0;TITLE\\x07\\x1b[31mRED");
    QTest::addRow("C1 and bidi") << QString::fromUtf16(u"\x85\x9b \u202e\u2066")
                                 << QStringLiteral("\\x85\\x9b \\u{202e}\\u{2066}");
}

void TestTerminalSafeText::line()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(TerminalSafeText::forLine(text), expected);
}

void TestTerminalSafeText::json_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("nothing to do") << QByteArray("[{\"a\": \"caf\xc3\xa9\",\n\t\"b\": [1, 2]}]\n")
                                   << QByteArray("[{\"a\": \"caf\xc3\xa9\",\n\t\"b\": [1, 2]}]\n");
    QTest::addRow("escapes already escaped stay") << QByteArray(R"(["\u001b]0;T\u0007\n\"\\"])")
                                                  << QByteArray(R"(["\u001b]0;T\u0007\n\"\\"])");
    QTest::addRow("raw C1") << QByteArray("[\"x\xc2\x85y\xc2\x9b" "31m\xc2\x80\xc2\x9f\"]")
                            << QByteArray(R"(["x\u0085y\u009b31m\u0080\u009f"])");
    QTest::addRow("raw bidi") << QByteArray("{\"s\":\"\xe2\x80\xae" "evil\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\"}")
                              << QByteArray(R"({"s":"\u202eevil\u2066x\u2069\u200e\u200f\u061c"})");
    QTest::addRow("raw separators") << QByteArray("[\"a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\"]")
                                    << QByteArray(R"(["a\u2028b\u2029c"])");
    QTest::addRow("in a key") << QByteArray("{\"k\xc2\x9b\":1}") << QByteArray(R"({"k\u009b":1})");
    QTest::addRow("neighbours of bidi stay") << QByteArray("[\"\xe2\x80\xaf\xe2\x80\x8b\xe2\x81\xaa\xe2\x82\xac\"]")
                                             << QByteArray("[\"\xe2\x80\xaf\xe2\x80\x8b\xe2\x81\xaa\xe2\x82\xac\"]");
    QTest::addRow("after an escaped quote") << QByteArray("[\"a\\\"\xc2\x85\"]") << QByteArray(R"(["a\"\u0085"])");
    QTest::addRow("after an escaped backslash") << QByteArray("[\"a\\\\\xe2\x80\xae\"]") << QByteArray(R"(["a\\\u202e"])");
    QTest::addRow("raw C0 and DEL inside a string") << QByteArray("[\"a\x1b[31m\tb\x7f\"]")
                                                    << QByteArray(R"(["a\u001b[31m\u0009b\u007f"])");
}

void TestTerminalSafeText::json()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    const QByteArray safe = TerminalSafeText::forJson(json);
    QCOMPARE(safe, expected);
    // The same values as the input, where the input is valid JSON at all.
    QJsonParseError inputError;
    const QJsonDocument input = QJsonDocument::fromJson(json, &inputError);
    if (inputError.error == QJsonParseError::NoError) {
        QJsonParseError error;
        QCOMPARE(QJsonDocument::fromJson(safe, &error), input);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
}

QTEST_MAIN(TestTerminalSafeText)
#include "tst_terminalsafetext.moc"
