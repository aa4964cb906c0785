// SPDX-License-Identifier: MIT
// MetadataFormatter: the run's metadata is formatted on a worker, once per distinct value, however
// often the same object comes back (it comes with every page).
#include "rows/metadataformatter.h"

#include <QSignalSpy>
#include <QtTest>

class TestMetadataFormatter : public QObject
{
    Q_OBJECT

private slots:
    void formatsEachDistinctValueOnce();
    void newestValueWinsWhileFormatting();
    void hugeMetadataIsCutWithANote();
    void clearFormatsAgain();
};

void TestMetadataFormatter::formatsEachDistinctValueOnce()
{
    MetadataFormatter formatter;
    QSignalSpy formatted(&formatter, &MetadataFormatter::formatted);
    const char *json = "{\"a\": 1, \"b\": [1, 2]}";
    formatter.setMetadata(QByteArray(json));
    QCOMPARE(formatted.count(), 0); // on a worker, never inside the call
    // The same bytes again and again, each time a new array (as every parsed page gives).
    for (int page = 0; page < 50; ++page)
        formatter.setMetadata(QByteArray(json));
    QTRY_COMPARE(formatted.count(), 1);
    QCOMPARE(formatter.formatCount(), 1);
    // Its key fields on one line; in full as key: value pairs (as the detail pane shows JSON).
    QCOMPARE(formatter.text().oneLine, QStringLiteral("a: 1 · b: [1,2]"));
    QCOMPARE(formatter.text().full, QStringLiteral("a: 1\nb:\n  - 1\n  - 2"));
    for (int page = 0; page < 50; ++page)
        formatter.setMetadata(QByteArray(json));
    QTest::qWait(50);
    QCOMPARE(formatter.formatCount(), 1);
    QCOMPARE(formatted.count(), 1);

    formatter.setMetadata(QByteArrayLiteral("{\"a\":2}"));
    QTRY_COMPARE(formatted.count(), 2);
    QCOMPARE(formatter.formatCount(), 2);
    QCOMPARE(formatter.text().oneLine, QStringLiteral("a: 2"));
}

void TestMetadataFormatter::newestValueWinsWhileFormatting()
{
    MetadataFormatter formatter;
    QSignalSpy formatted(&formatter, &MetadataFormatter::formatted);
    // Large enough that the first format is still running when the others arrive.
    const QByteArray big = "{\"x\":\"" + QByteArray(8 << 20, 'a') + "\"}";
    formatter.setMetadata(big);
    formatter.setMetadata(QByteArrayLiteral("{\"b\":1}"));
    formatter.setMetadata(QByteArrayLiteral("{\"c\":1}"));
    QTRY_VERIFY_WITH_TIMEOUT(!formatter.isFormatting() && formatted.count() >= 1, 20000);
    QCOMPARE(formatter.text().oneLine, QStringLiteral("c: 1"));
    QCOMPARE(formatted.count(), 1); // superseded values are never announced
    QVERIFY(formatter.formatCount() <= 3);
}

void TestMetadataFormatter::hugeMetadataIsCutWithANote()
{
    const QByteArray value(3 * MetadataFormatter::kMaxFullChars, 'v');
    const MetadataFormatter::Text text = MetadataFormatter::format("{\"log\":\"" + value + "\"}");
    QVERIFY(text.oneLine.size() <= MetadataFormatter::kOneLineBytes);
    QVERIFY(text.oneLine.startsWith(QStringLiteral("log: vvv")));
    QVERIFY(text.full.startsWith(QStringLiteral("{\n  \"log\": \"vvv")));
    QVERIFY(text.full.size() < MetadataFormatter::kMaxFullChars + 200);
    QVERIFY2(text.full.contains(QStringLiteral("the metadata goes on")), qPrintable(text.full.right(200)));
}

void TestMetadataFormatter::clearFormatsAgain()
{
    MetadataFormatter formatter;
    QSignalSpy formatted(&formatter, &MetadataFormatter::formatted);
    formatter.setMetadata(QByteArrayLiteral("{\"a\":1}"));
    QTRY_COMPARE(formatted.count(), 1);
    formatter.clear();
    QVERIFY(formatter.text().oneLine.isEmpty());
    formatter.setMetadata(QByteArrayLiteral("{\"a\":1}"));
    QTRY_COMPARE(formatted.count(), 2);
    QCOMPARE(formatter.text().oneLine, QStringLiteral("a: 1"));
}

QTEST_GUILESS_MAIN(TestMetadataFormatter)
#include "tst_metadataformatter.moc"
