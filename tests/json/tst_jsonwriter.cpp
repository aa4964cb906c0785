// SPDX-License-Identifier: MIT
// JsonWriter::appendString, which every export and every converted agent log writes its strings
// with: the escapes, byte for byte, against a plain reading of RFC 8259 written here (a quote,
// a backslash and the control bytes escaped, \n \r \t \b \f by letter, the others as \u00XX;
// everything else, UTF-8 or not, as it is), for strings of every length around the 16-byte
// steps, with the special bytes at every place; appended after what `out` holds, whatever its
// room, and never into another array that shares it.
#include "json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

namespace {

QByteArray escapedByHand(const QByteArray &bytes)
{
    QByteArray out("\"");
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\b')
            out += "\\b";
        else if (c == '\f')
            out += "\\f";
        else if (c < 0x20)
            out += "\\u00" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += ch;
    }
    return out + '"';
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void knownStrings_data();
    void knownStrings();
    void randomStringsAsByHand();
    void appendsAfterWhatIsThere();
    void validTextReadsBack();
    void aStringOfOutItself();
};

void TestJsonWriter::knownStrings_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
    QTest::newRow("null array") << QByteArray() << QByteArray("\"\"");
    QTest::newRow("plain") << QByteArray("hello") << QByteArray("\"hello\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << QByteArray("\"say \\\"hi\\\"\"");
    QTest::newRow("backslash") << QByteArray("C:\\dir") << QByteArray("\"C:\\\\dir\"");
    QTest::newRow("lines") << QByteArray("a\nb\r\nc\td") << QByteArray("\"a\\nb\\r\\nc\\td\"");
    QTest::newRow("bell and NUL") << QByteArray("\x07x\0y", 4) << QByteArray("\"\\u0007x\\u0000y\"");
    QTest::newRow("b f 1f") << QByteArray("\b\f\x1f") << QByteArray("\"\\b\\f\\u001f\"");
    QTest::newRow("DEL and slash kept") << QByteArray("\x7f/") << QByteArray("\"\x7f/\"");
    QTest::newRow("UTF-8 kept") << QByteArray("caf\xC3\xA9 \xE2\x9C\x85") << QByteArray("\"caf\xC3\xA9 \xE2\x9C\x85\"");
    QTest::newRow("special at byte 16") << QByteArray("0123456789abcdef\"") << QByteArray("\"0123456789abcdef\\\"\"");
    QTest::newRow("special at byte 15") << QByteArray("0123456789abcde\n") << QByteArray("\"0123456789abcde\\n\"");
}

void TestJsonWriter::knownStrings()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, json);
    QCOMPARE(JsonWriter::string(text), json);
}

void TestJsonWriter::randomStringsAsByHand()
{
    QRandomGenerator random(8259);
    const char specials[] = {'"', '\\', '\n', '\r', '\t', '\b', '\f', '\0', '\x01', '\x1f'};
    for (int round = 0; round < 20000; ++round) {
        const int length = round < 2000 ? round % 70 : random.bounded(600);
        QByteArray text(length, Qt::Uninitialized);
        const int kind = random.bounded(4);
        for (char &c : text) {
            if (kind == 0)
                c = char(random.bounded(256)); // anything
            else if (kind == 1)
                c = char('a' + random.bounded(26)); // clean
            else
                c = random.bounded(kind == 2 ? 40 : 4) == 0 ? specials[random.bounded(int(sizeof specials))] : char(0x20 + random.bounded(0x60));
        }
        const QByteArray written = JsonWriter::string(text);
        if (written != escapedByHand(text))
            QFAIL(qPrintable(QStringLiteral("round %1, %2 bytes: %3").arg(round).arg(length).arg(QString::fromLatin1(text.toHex()))));
    }
}

void TestJsonWriter::appendsAfterWhatIsThere()
{
    QRandomGenerator random(8260);
    for (int round = 0; round < 3000; ++round) {
        QByteArray before(random.bounded(50), 'p');
        before.reserve(before.size() + random.bounded(80)); // room of any size, or none
        const QByteArray shared = before;                    // shares it when not detached
        QByteArray text(random.bounded(100), 'x');
        for (int k = random.bounded(6); k > 0 && !text.isEmpty(); --k)
            text[random.bounded(text.size())] = "\"\\\n\x02"[random.bounded(4)];
        QByteArray out = before;
        JsonWriter::appendString(out, text);
        QCOMPARE(out, before + escapedByHand(text));
        QCOMPARE(shared, before);
        QCOMPARE(out.constData()[out.size()], '\0');
    }
}

void TestJsonWriter::validTextReadsBack()
{
    // What Qt's own parser makes of the written string is the text itself.
    QRandomGenerator random(8261);
    for (int round = 0; round < 2000; ++round) {
        QString text;
        for (int k = random.bounded(80); k > 0; --k) {
            const int pick = random.bounded(10);
            text += pick == 0 ? QChar(char16_t(random.bounded(0x20))) : pick == 1 ? QChar(char16_t(0xE9)) : pick == 2 ? QChar(u'"') : pick == 3 ? QChar(u'\\') : QChar(char16_t(0x20 + random.bounded(0x5F)));
        }
        const QByteArray json = '[' + JsonWriter::string(text.toUtf8()) + ']';
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.array().at(0).toString(), text);
    }
}

void TestJsonWriter::aStringOfOutItself()
{
    // `utf8` is `out` (the same array), or a view of out's own bytes: the string is what they
    // held when the call began, though out grows (and may move) as it is written.
    const QList<QByteArray> texts{"plain text", "with \"quotes\" and\nlines\x01", QByteArray(300, '\n'), QByteArray(5000, 'x')};
    for (const QByteArray &text : texts) {
        for (const bool tight : {true, false}) {
            QByteArray same(text.constData(), text.size()); // an array of its own, not shared
            if (tight)
                same.squeeze();
            else
                same.reserve(20 * text.size());
            JsonWriter::appendString(same, same);
            QCOMPARE(same, text + escapedByHand(text));

            QByteArray holder(text.constData(), text.size());
            if (tight)
                holder.squeeze();
            const QByteArray view = QByteArray::fromRawData(holder.constData() + 1, holder.size() - 2);
            const QByteArray viewed = text.mid(1, text.size() - 2);
            JsonWriter::appendString(holder, view);
            QCOMPARE(holder, text + escapedByHand(viewed));
        }
        // A copy that shares out's bytes: out is detached, the copy keeps them.
        QByteArray out(text.constData(), text.size());
        const QByteArray shared = out;
        JsonWriter::appendString(out, shared);
        QCOMPARE(out, text + escapedByHand(text));
        QCOMPARE(shared, text);
    }
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
