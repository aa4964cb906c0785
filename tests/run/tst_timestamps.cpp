// SPDX-License-Identifier: MIT
#include "run/logentry.h"
#include "run/timestamps.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <ctime>

class TestTimestamps : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parse_data();
    void parse();
    void agreesWithQDateTime();
    void formatLocal_data();
    void formatLocal();
    void formatGap_data();
    void formatGap();
    void formatGapShort_data();
    void formatGapShort();
};

void TestTimestamps::initTestCase()
{
    // Local time must be predictable: Berlin has an offset and summer time.
    qputenv("TZ", "Europe/Berlin");
    tzset();
}

void TestTimestamps::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("msecs");

    const qint64 t = 1705314615000; // 2024-01-15T10:30:15Z
    const qint64 none = LogEntry::kNoTime;
    QTest::addRow("iso z") << u"2024-01-15T10:30:15Z"_qs << t;
    QTest::addRow("lowercase t z") << u"2024-01-15t10:30:15z"_qs << t;
    QTest::addRow("fraction 1") << u"2024-01-15T10:30:15.1Z"_qs << t + 100;
    QTest::addRow("fraction 3") << u"2024-01-15T10:30:15.123Z"_qs << t + 123;
    QTest::addRow("fraction 6") << u"2024-01-15T10:30:15.123999Z"_qs << t + 123;
    QTest::addRow("fraction 9") << u"2024-01-15T10:30:15.987654321Z"_qs << t + 987;
    QTest::addRow("fraction comma") << u"2024-01-15T10:30:15,5Z"_qs << t + 500;
    QTest::addRow("offset colon") << u"2024-01-15T12:30:15+02:00"_qs << t;
    QTest::addRow("offset compact") << u"2024-01-15T12:30:15+0200"_qs << t;
    QTest::addRow("offset hours") << u"2024-01-15T12:30:15+02"_qs << t;
    QTest::addRow("negative offset") << u"2024-01-15T05:30:15-05:00"_qs << t;
    QTest::addRow("offset half hour") << u"2024-01-15T16:00:15.250+05:30"_qs << t + 250;
    QTest::addRow("offset crosses day") << u"2024-01-14T23:30:15-11:00"_qs << t;
    QTest::addRow("zero offset") << u"2024-01-15T10:30:15+00:00"_qs << t;
    QTest::addRow("api space micro") << u"2025-06-21 12:06:31.108894"_qs << qint64(1750507591108);
    QTest::addRow("api space") << u"2025-06-21 12:06:31"_qs << qint64(1750507591000);
    QTest::addRow("t no zone") << u"2025-06-21T12:06:31"_qs << qint64(1750507591000);
    QTest::addRow("no seconds") << u"2024-01-15T10:30Z"_qs << t - 15000;
    QTest::addRow("surrounding space") << u"  2024-01-15T10:30:15Z \n"_qs << t;
    QTest::addRow("epoch") << u"1970-01-01T00:00:00Z"_qs << qint64(0);
    QTest::addRow("before epoch") << u"1969-12-31T23:59:59.500Z"_qs << qint64(-500);
    QTest::addRow("leap day") << u"2024-02-29T00:00:00Z"_qs << qint64(1709164800000);
    QTest::addRow("y2k38") << u"2038-01-19T03:14:08Z"_qs << qint64(2147483648000);
    QTest::addRow("date only") << u"2024-01-15"_qs << qint64(1705276800000);

    QTest::addRow("empty") << QString() << none;
    QTest::addRow("garbage") << u"yesterday"_qs << none;
    QTest::addRow("not leap") << u"2023-02-29T00:00:00Z"_qs << none;
    QTest::addRow("month 13") << u"2024-13-01T00:00:00Z"_qs << none;
    QTest::addRow("day 0") << u"2024-01-00T00:00:00Z"_qs << none;
    QTest::addRow("hour 24") << u"2024-01-15T24:00:00Z"_qs << none;
    QTest::addRow("minute 60") << u"2024-01-15T10:60:00Z"_qs << none;
    QTest::addRow("empty fraction") << u"2024-01-15T10:30:15.Z"_qs << none;
    QTest::addRow("trailing junk") << u"2024-01-15T10:30:15Zjunk"_qs << none;
    QTest::addRow("bad offset") << u"2024-01-15T10:30:15+2:00"_qs << none;
    QTest::addRow("offset minutes 75") << u"2024-01-15T10:30:15+01:75"_qs << none;
    QTest::addRow("slashes") << u"2024/01/15 10:30:15"_qs << none;
    QTest::addRow("two spaces") << u"2024-01-15  10:30:15"_qs << none;
    QTest::addRow("unix seconds") << u"1705314615"_qs << none;
    QTest::addRow("arabic digits") << QString::fromUtf8("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA4-01-15T10:30:15Z") << none;
    QTest::addRow("cut") << u"2024-01-15T10:3"_qs << none;
}

void TestTimestamps::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, msecs);
    QCOMPARE(Timestamps::parseUtcMsecs(text), msecs);
}

void TestTimestamps::agreesWithQDateTime()
{
    // Hand-rolled calendar arithmetic against Qt's over four centuries, month boundaries included.
    QDateTime dt(QDate(1901, 1, 1), QTime(0, 0), QTimeZone::utc());
    const QDateTime end(QDate(2399, 12, 31), QTime(0, 0), QTimeZone::utc());
    int checked = 0;
    while (dt < end) {
        const QString iso = dt.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
        QCOMPARE(Timestamps::parseUtcMsecs(iso), dt.toMSecsSinceEpoch());
        dt = dt.addSecs(86400 * 13 + 3671).addMSecs(7);
        ++checked;
    }
    QVERIFY(checked > 10000);
}

void TestTimestamps::formatLocal_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("dateTime");
    QTest::addRow("winter") << qint64(1705314615123) << u"11:30:15.123"_qs << u"2024-01-15 11:30:15.123"_qs;
    QTest::addRow("summer") << qint64(1750507591108) << u"14:06:31.108"_qs << u"2025-06-21 14:06:31.108"_qs;
    QTest::addRow("no time") << LogEntry::kNoTime << QString() << QString();
}

void TestTimestamps::formatLocal()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, time);
    QFETCH(QString, dateTime);
    QCOMPARE(Timestamps::formatLocal(msecs), time);
    QCOMPARE(Timestamps::formatLocal(msecs, Timestamps::LocalStyle::DateAndTime), dateTime);
}

void TestTimestamps::formatGap_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("text");
    QTest::addRow("zero") << qint64(0) << u"+0.0 s"_qs;
    QTest::addRow("tenths") << qint64(449) << u"+0.4 s"_qs;
    QTest::addRow("under ten") << qint64(9999) << u"+9.9 s"_qs;
    QTest::addRow("ten") << qint64(10000) << u"+10 s"_qs;
    QTest::addRow("twelve") << qint64(12999) << u"+12 s"_qs;
    QTest::addRow("under a minute") << qint64(59999) << u"+59 s"_qs;
    QTest::addRow("a minute") << qint64(60000) << u"+1 min 00 s"_qs;
    QTest::addRow("minutes") << qint64(185000) << u"+3 min 05 s"_qs;
    QTest::addRow("under an hour") << qint64(3599999) << u"+59 min 59 s"_qs;
    QTest::addRow("hours") << qint64(7380000) << u"+2 h 03 min"_qs;
    QTest::addRow("a day") << qint64(90000000) << u"+25 h 00 min"_qs;
    QTest::addRow("backwards") << qint64(-1200) << u"-1.2 s"_qs;
    QTest::addRow("backwards minutes") << qint64(-185000) << u"-3 min 05 s"_qs;
    QTest::addRow("no time") << LogEntry::kNoTime << QString();
    QTest::addRow("extreme") << std::numeric_limits<qint64>::max() << u"+2562047788015 h 12 min"_qs;
}

void TestTimestamps::formatGap()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, text);
    QCOMPARE(Timestamps::formatGap(msecs), text);
}

void TestTimestamps::formatGapShort_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("text");
    QTest::addRow("zero") << qint64(0) << u"+0.0s"_qs;
    QTest::addRow("under ten") << qint64(9999) << u"+9.9s"_qs;
    QTest::addRow("ten") << qint64(10000) << u"+10s"_qs;
    QTest::addRow("under a minute") << qint64(59999) << u"+59s"_qs;
    QTest::addRow("a minute") << qint64(60000) << u"+1m 0s"_qs;
    QTest::addRow("five minutes two") << qint64(302000) << u"+5m 2s"_qs;
    QTest::addRow("under an hour") << qint64(3599999) << u"+59m 59s"_qs;
    QTest::addRow("hours") << qint64(7380000) << u"+2h 3m"_qs;
    QTest::addRow("backwards minutes") << qint64(-185000) << u"-3m 5s"_qs;
    QTest::addRow("no time") << LogEntry::kNoTime << QString();
}

void TestTimestamps::formatGapShort()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, text);
    QCOMPARE(Timestamps::formatGapShort(msecs), text);
}

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
