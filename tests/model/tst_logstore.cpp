// SPDX-License-Identifier: MIT
// LogStore keeps a row as an index into the bytes' owner, not as a LogEntry: what at() gives back
// must be the entry that was put in, field for field and byte for byte; owners must live exactly
// as long as a row (or a holder of rawOwners()) needs them; and the table's summary, made from the
// bytes when shown, must follow a row whose entry was replaced.
#include "rows/logstore.h"
#include "rows/logtablemodel.h"

#include <QtTest>

namespace {

LogEntry entry(const QByteArray &json, qint64 runId, const QString &type, const QString &tool, qint64 msecs,
               const QString &timeText = QString(), bool otherRun = false)
{
    LogEntry e;
    e.rawJson = json;
    e.agentRunId = runId;
    e.messageType = type;
    e.toolName = tool;
    e.createdAtMsecs = msecs;
    e.createdAtText = timeText;
    e.otherRun = otherRun;
    return e;
}

// Bytes owned by a shared buffer, as a mapped file or a page body owns its entries.
struct Buffer
{
    std::shared_ptr<QByteArray> bytes;
    LogEntry slice(qsizetype from, qsizetype size, LogEntry e) const
    {
        e.rawJson = QByteArray::fromRawData(bytes->constData() + from, size);
        e.rawOwner = bytes;
        return e;
    }
};

} // namespace

class TestLogStore : public QObject
{
    Q_OBJECT
private slots:
    void placeholdersUntilLoaded();
    void entriesComeBackAsTheyWent_data();
    void entriesComeBackAsTheyWent();
    void nullAndEmptyTypesStayApart();
    void ownedBytesSurviveTheirEntries();
    void anOwnerLivesWhileARowUsesIt();
    void rawOwnersKeepTakenBytesValid();
    void rawViewsHaveEveryRowInOrder();
    void insertFrontMovesRowsWithTheirBytes();
    void otherRunRowsAreCounted();
    void summaryFollowsAReplacedRow();
};

void TestLogStore::placeholdersUntilLoaded()
{
    LogStore store;
    store.resize(1000);
    QCOMPARE(store.size(), 1000);
    QCOMPARE(store.loadedCount(), 0);
    QVERIFY(!store.isLoaded(500));
    QVERIFY(store.at(500).rawJson.isEmpty());
    QCOMPARE(store.createdAtMsecsAt(500), LogEntry::kNoTime);
    store.setUnloadedRowsState(0, 9, LogStore::RowState::Loading);
    QCOMPARE(store.state(9), LogStore::RowState::Loading);
    QCOMPARE(store.state(10), LogStore::RowState::NotLoaded);
}

void TestLogStore::entriesComeBackAsTheyWent_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("runId");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("timeText");
    QTest::addColumn<QString>("expectedTimeText"); // what at() gives: not kept when the time was read

    QTest::newRow("all fields") << QByteArray(R"({"agent_run_id":7,"created_at":"2024-01-15T10:30:16Z"})") << qint64(7)
                                << QStringLiteral("ACTION") << QStringLiteral("bash") << qint64(1705314616000)
                                << QStringLiteral("2024-01-15T10:30:16Z") << QString();
    QTest::newRow("null type and tool, no time") << QByteArray(R"({"agent_run_id":8,"created_at":null})") << qint64(8)
                                                 << QString() << QString() << LogEntry::kNoTime << QString() << QString();
    QTest::newRow("time that could not be read")
            << QByteArray(R"({"agent_run_id":9,"created_at":"yesterday"})") << qint64(9) << QStringLiteral("ERROR")
            << QStringLiteral("") << LogEntry::kNoTime << QStringLiteral("yesterday") << QStringLiteral("yesterday");
    QTest::newRow("non-ASCII and a big run id")
            << QByteArray("{\"agent_run_id\":9007199254740993,\"created_at\":\"x\",\"thought\":\"caf\xc3\xa9\"}") << qint64(9007199254740993LL)
            << QStringLiteral("THOUGHT") << QStringLiteral("éditeur") << qint64(-5) << QStringLiteral("x") << QString();
}

void TestLogStore::entriesComeBackAsTheyWent()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, runId);
    QFETCH(QString, type);
    QFETCH(QString, tool);
    QFETCH(qint64, msecs);
    QFETCH(QString, timeText);
    QFETCH(QString, expectedTimeText);
    LogStore store;
    store.resize(3);
    store.setEntries(1, {entry(json, runId, type, tool, msecs, timeText)});
    QVERIFY(store.isLoaded(1));
    QVERIFY(!store.isLoaded(0));
    const LogEntry back = store.at(1);
    QCOMPARE(back.rawJson, json);
    QCOMPARE(store.rawJsonAt(1), json);
    QCOMPARE(back.agentRunId, runId);
    QCOMPARE(back.messageType, type);
    QCOMPARE(back.messageType.isNull(), type.isNull());
    QCOMPARE(back.toolName, tool);
    QCOMPARE(back.toolName.isNull(), tool.isNull());
    QCOMPARE(back.createdAtMsecs, msecs);
    QCOMPARE(store.createdAtMsecsAt(1), msecs);
    QCOMPARE(back.createdAtText, expectedTimeText);
    QVERIFY(!back.otherRun);
    QVERIFY(back.rawOwner);
    // The time column's tooltip reads the text back from the bytes either way.
    QCOMPARE(LogTableModel::createdAtTextOf(back), timeText);
}

void TestLogStore::nullAndEmptyTypesStayApart()
{
    LogStore store;
    store.resize(2);
    store.setEntries(0, {entry("{}", 1, QString(), QStringLiteral(""), 0), entry("{}", 1, QStringLiteral(""), QString(), 0)});
    QVERIFY(store.at(0).messageType.isNull());
    QVERIFY(!store.at(0).toolName.isNull());
    QVERIFY(!store.at(1).messageType.isNull());
    QVERIFY(store.at(1).toolName.isNull());
}

void TestLogStore::ownedBytesSurviveTheirEntries()
{
    LogStore store;
    store.resize(2);
    {
        QList<LogEntry> entries{entry(QByteArray("{\"a\":1}"), 1, {}, {}, 0), entry(QByteArray(5000, 'z'), 1, {}, {}, 0)};
        store.setEntries(0, std::move(entries));
    } // the entries (the only other holders of the bytes) are gone
    QCOMPARE(store.rawJsonAt(0), QByteArray("{\"a\":1}"));
    QCOMPARE(store.rawJsonAt(1), QByteArray(5000, 'z'));
    QCOMPARE(store.rawOwners().size(), 1); // one batch, one owner
}

void TestLogStore::anOwnerLivesWhileARowUsesIt()
{
    LogStore store;
    store.resize(4);
    Buffer page{std::make_shared<QByteArray>("{\"n\":0}{\"n\":1}")};
    std::weak_ptr<QByteArray> watch = page.bytes;
    store.setEntries(0, {page.slice(0, 7, entry({}, 1, {}, {}, 0)), page.slice(7, 7, entry({}, 1, {}, {}, 0))});
    page.bytes.reset();
    QVERIFY(!watch.expired());
    QCOMPARE(store.rawJsonAt(1), QByteArray("{\"n\":1}"));
    QCOMPARE(store.rawOwners().size(), 1);
    // The page is fetched again: its rows get new bytes, and the old body is let go once no row
    // uses it (a followed run must not keep every body it ever fetched).
    Buffer again{std::make_shared<QByteArray>("{\"n\":0}")};
    store.setEntries(0, {again.slice(0, 7, entry({}, 1, {}, {}, 0))});
    QVERIFY(!watch.expired()); // row 1 still uses it
    store.setEntries(1, {again.slice(0, 7, entry({}, 1, {}, {}, 0))});
    QVERIFY(watch.expired());
    QCOMPARE(store.rawOwners().size(), 1);
    QCOMPARE(store.rawJsonAt(1), QByteArray("{\"n\":0}"));
    // Dropping rows lets their owner go too.
    std::weak_ptr<QByteArray> watchAgain = again.bytes;
    again.bytes.reset();
    store.resize(0);
    QVERIFY(watchAgain.expired());
    QVERIFY(store.rawOwners().isEmpty());
}

void TestLogStore::rawOwnersKeepTakenBytesValid()
{
    LogStore store;
    store.resize(1);
    Buffer file{std::make_shared<QByteArray>("{\"x\":\"kept\"}")};
    store.setEntries(0, {file.slice(0, file.bytes->size(), entry({}, 1, {}, {}, 0))});
    file.bytes.reset();
    const QList<QByteArray> raw = store.rawEntries(0, 0);
    const QList<std::shared_ptr<const void>> owners = store.rawOwners();
    store.clear(); // another run opened while a worker still reads
    QCOMPARE(raw.first(), QByteArray("{\"x\":\"kept\"}"));
    QCOMPARE(owners.size(), 1);
}

void TestLogStore::rawViewsHaveEveryRowInOrder()
{
    LogStore store;
    store.resize(300); // more than one chunk
    Buffer page{std::make_shared<QByteArray>("{\"a\":1}{\"b\":2}")};
    store.setEntries(1, {page.slice(0, 7, entry({}, 1, {}, {}, 0))});
    store.setEntries(299, {page.slice(7, 7, entry({}, 2, {}, {}, 0))});
    const std::vector<QByteArrayView> views = store.rawViews();
    QCOMPARE(views.size(), size_t(300));
    QVERIFY(views[0].isEmpty());
    QCOMPARE(views[1].toByteArray(), QByteArray("{\"a\":1}"));
    QVERIFY(views[2].isEmpty());
    QCOMPARE(views[299].toByteArray(), QByteArray("{\"b\":2}"));
}

void TestLogStore::insertFrontMovesRowsWithTheirBytes()
{
    LogStore store;
    store.resize(300); // more than one chunk
    QList<LogEntry> entries;
    for (int n = 0; n < 300; ++n)
        entries.append(entry(QByteArray::number(n), n, QStringLiteral("T%1").arg(n % 3), {}, n));
    store.setEntries(0, std::move(entries));
    store.insertFront(7);
    QCOMPARE(store.size(), 307);
    QVERIFY(!store.isLoaded(6));
    QCOMPARE(store.loadedCount(), 300);
    for (int n = 0; n < 300; n += 37) {
        QCOMPARE(store.rawJsonAt(n + 7), QByteArray::number(n));
        QCOMPARE(store.at(n + 7).messageType, QStringLiteral("T%1").arg(n % 3));
        QCOMPARE(store.createdAtMsecsAt(n + 7), qint64(n));
    }
}

void TestLogStore::otherRunRowsAreCounted()
{
    LogStore store;
    store.resize(3);
    store.setEntries(0, {entry("{}", 1, {}, {}, 0), entry("{}", 99, {}, {}, 0, {}, true), entry("{}", 1, {}, {}, 0)});
    QCOMPARE(store.otherRunCount(), 1);
    QVERIFY(store.isOtherRunAt(1));
    QVERIFY(store.at(1).otherRun);
    QCOMPARE(store.at(1).agentRunId, qint64(99));
    store.setEntries(1, {entry("{}", 1, {}, {}, 0)});
    QCOMPARE(store.otherRunCount(), 0);
    store.setEntries(2, {entry("{}", 98, {}, {}, 0, {}, true)});
    QCOMPARE(store.otherRunCount(), 1);
    store.resize(2);
    QCOMPARE(store.otherRunCount(), 0);
    QCOMPARE(store.loadedCount(), 2);
}

void TestLogStore::summaryFollowsAReplacedRow()
{
    LogTableModel model;
    model.resizeRows(2);
    model.setEntries(0, {entry(R"({"agent_run_id":1,"thought":"first thought"})", 1, {}, {}, 0),
                         entry(R"({"agent_run_id":1,"observation":"seen"})", 1, {}, {}, 0)});
    const QModelIndex summary = model.index(0, LogTableModel::SummaryColumn);
    QCOMPARE(summary.data().toString(), QStringLiteral("first thought"));
    QCOMPARE(model.index(1, LogTableModel::SummaryColumn).data().toString(), QStringLiteral("seen"));
    model.setEntries(0, {entry(R"({"agent_run_id":1,"thought":"second thought"})", 1, {}, {}, 0)});
    QCOMPARE(summary.data().toString(), QStringLiteral("second thought"));
    QCOMPARE(summary.data(Qt::ToolTipRole).toString(), QStringLiteral("second thought"));
    model.insertRowsAtTop(1);
    QCOMPARE(model.index(1, LogTableModel::SummaryColumn).data().toString(), QStringLiteral("second thought"));
    QCOMPARE(model.index(2, LogTableModel::SummaryColumn).data().toString(), QStringLiteral("seen"));
}

QTEST_GUILESS_MAIN(TestLogStore)
#include "tst_logstore.moc"
