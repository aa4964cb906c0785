// SPDX-License-Identifier: MIT
// The converters' shared helpers with a fast path: timestampWithZone() on UTF-8 bytes gives
// what the QString one gives, for the usual times and over many random strings.

#include "agentlogs/conversionsupport.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

class TestConversionSupport : public QObject
{
    Q_OBJECT

private slots:
    void timestampOfBytesAsWritten_data();
    void timestampOfBytesAsWritten();
    void timestampOfBytesIsTheQStringOne();
    void unchangedTimeIsNotCopied();
    void warningsAddedInPartsAreThoseAddedInOrder();
    void sourceRecordsAreJson_data();
    void sourceRecordsAreJson();
};

void TestConversionSupport::sourceRecordsAreJson_data()
{
    // A record as read goes into the entry as it is, except the control characters a lenient
    // reader took raw inside its strings: JSON allows them only escaped.
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QByteArray>("written");
    QTest::addRow("plain") << QByteArray(R"({"a":"b"})") << QByteArray(R"({"a":"b"})");
    QTest::addRow("a control character") << QByteArray("{\"a\":\"x\x01y\"}") << QByteArray(R"({"a":"x\u0001y"})");
    QTest::addRow("a carriage return in a string") << QByteArray("{\"t\":\"202\r5\"}") << QByteArray(R"({"t":"202\u000d5"})");
    QTest::addRow("white space between values stays")
        << QByteArray("{\t\"a\" :\r\"b\",\"c\":\"\x1f\"}") << QByteArray("{\t\"a\" :\r\"b\",\"c\":\"\\u001f\"}");
    QTest::addRow("after an escaped quote")
        << QByteArray("{\"a\":\"q\\\"\x02\"}") << QByteArray(R"({"a":"q\"\u0002"})");
    QTest::addRow("after an escaped backslash the string ends")
        << QByteArray("{\"a\":\"\\\\\",\t\"b\":\"\x1b[31m\"}") << QByteArray("{\"a\":\"\\\\\",\t\"b\":\"\\u001b[31m\"}");
    QTest::addRow("a key") << QByteArray("{\"k\x0b\":1}") << QByteArray(R"({"k\u000b":1})");
    const QByteArray filler(100, 'x');
    QTest::addRow("in the second block of 64 bytes")
        << QByteArray("{\"a\":\"" + filler + "\x07\"}") << QByteArray("{\"a\":\"" + filler + "\\u0007\"}");
    QTest::addRow("in the bytes after the last block")
        << QByteArray("{\"a\":\"" + filler.left(64) + "\x10\"}") << QByteArray("{\"a\":\"" + filler.left(64) + "\\u0010\"}");
}

void TestConversionSupport::sourceRecordsAreJson()
{
    QFETCH(QByteArray, record);
    QFETCH(QByteArray, written);
    QByteArray entry(R"({"id":1})");
    appendRawSources(entry, {QByteArrayView(record)});
    QCOMPARE(entry, QByteArray(R"({"id":1,"source_records":[)" + written + "]}"));
    QJsonParseError error;
    QJsonDocument::fromJson(entry, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestConversionSupport::timestampOfBytesAsWritten_data()
{
    QTest::addColumn<QByteArray>("time");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no zone") << QByteArray("2025-03-01T00:00:00.000000") << QByteArray("2025-03-01T00:00:00.000000Z");
    QTest::newRow("space") << QByteArray("2025-03-01 12:34:56") << QByteArray("2025-03-01T12:34:56Z");
    QTest::newRow("Z") << QByteArray("2025-03-01T00:00:00Z") << QByteArray("2025-03-01T00:00:00Z");
    QTest::newRow("offset") << QByteArray("2025-03-01T00:00:00+02:00") << QByteArray("2025-03-01T00:00:00+02:00");
    QTest::newRow("negative offset") << QByteArray("2025-03-01T00:00:00-05:00") << QByteArray("2025-03-01T00:00:00-05:00");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("no time") << QByteArray("yesterday") << QByteArray("yesterday");
    QTest::newRow("short clock") << QByteArray("2025-03-01T0") << QByteArray("2025-03-01T0");
    QTest::newRow("letter first") << QByteArray("x025-03-01T00:00:00") << QByteArray("x025-03-01T00:00:00");
    QTest::newRow("non-ASCII") << QByteArray("2025-03-01T00:00:00\xC3\xA9") << QByteArray("2025-03-01T00:00:00\xC3\xA9Z");
}

void TestConversionSupport::timestampOfBytesAsWritten()
{
    QFETCH(QByteArray, time);
    QFETCH(QByteArray, expected);
    StringArena arena;
    QCOMPARE(timestampWithZone(QByteArrayView(time), arena).toByteArray(), expected);
}

void TestConversionSupport::timestampOfBytesIsTheQStringOne()
{
    // Short strings of the characters a time is made of, and a few that are not ASCII: an
    // Arabic-Indic digit is a digit to QChar, é moves QString's indexes off the bytes', and a
    // lone continuation byte is no UTF-8.
    const QList<QByteArray> pieces{"0", "1", "2", "9", "-", ":", ".", "T", " ", "Z", "z", "+", "a", "2025-03-01", "12:34:56",
                                   "\xD9\xA3", "\xC3\xA9", "\x80"};
    QRandomGenerator random(28);
    StringArena arena;
    for (int round = 0; round < 200000; ++round) {
        QByteArray time;
        const int count = int(random.bounded(12));
        for (int i = 0; i < count; ++i)
            time += pieces.at(random.bounded(pieces.size()));
        const QByteArray expected = timestampWithZone(QString::fromUtf8(time)).toUtf8();
        const QByteArrayView got = timestampWithZone(QByteArrayView(time), arena);
        if (got != expected)
            QFAIL(qPrintable(QStringLiteral("%1: %2, not %3").arg(QString::fromLatin1(time.toHex()), QString::fromLatin1(got.toByteArray().toHex()),
                                                                   QString::fromLatin1(expected.toHex()))));
    }
}

void TestConversionSupport::unchangedTimeIsNotCopied()
{
    StringArena arena;
    const QByteArray time("2025-03-01T00:00:00Z");
    QCOMPARE(timestampWithZone(QByteArrayView(time), arena).data(), time.constData());
}

// Warnings gathered apart (each part bounded) and then added one part after the other are those
// added in that order to one list: the same ones kept, the same count left off.
void TestConversionSupport::warningsAddedInPartsAreThoseAddedInOrder()
{
    QRandomGenerator random(7);
    for (int round = 0; round < 200; ++round) {
        const int limit = 1 + int(random.bounded(6));
        ConversionWarnings inOrder(limit);
        ConversionWarnings first(limit);
        ConversionWarnings second(limit);
        const int firstCount = int(random.bounded(10));
        const int secondCount = int(random.bounded(10));
        for (int i = 0; i < firstCount; ++i) {
            inOrder.add(QStringLiteral("a%1").arg(i));
            first.add(QStringLiteral("a%1").arg(i));
        }
        for (int i = 0; i < secondCount; ++i) {
            inOrder.add(QStringLiteral("b%1").arg(i));
            second.add(QStringLiteral("b%1").arg(i));
        }
        first.addAll(std::move(second));
        const QStringList expected = inOrder.take();
        QCOMPARE(first.take(), expected);
        QCOMPARE(expected.size(), std::min(firstCount + secondCount, limit) + (firstCount + secondCount > limit ? 1 : 0));
    }
}

QTEST_GUILESS_MAIN(TestConversionSupport)
#include "tst_conversionsupport.moc"
