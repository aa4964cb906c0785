// SPDX-License-Identifier: MIT
// OwnerTable is what LogStore's and SearchCorpus's rows keep instead of a shared_ptr each: an
// owner must live exactly as long as a row holds its id (or a copy of the table does), come back
// by the same id while held, and give its slot to the next owner once let go.
#include "rows/ownertable.h"

#include <QtTest>

class TestOwnerTable : public QObject
{
    Q_OBJECT
private slots:
    void nullOwnerHasNoId();
    void oneIdPerOwnerWhileHeld();
    void letGoWithItsLastRow();
    void freedIdsAreReused();
    void copyKeepsOwnersAlive();
    void clearLetsEveryOwnerGo();
};

void TestOwnerTable::nullOwnerHasNoId()
{
    OwnerTable table;
    QCOMPARE(table.hold(nullptr), OwnerTable::kNone);
    QCOMPARE(table.count(), 0);
    QVERIFY(!table.release(OwnerTable::kNone));
    QCOMPARE(table.count(), 0);
}

void TestOwnerTable::oneIdPerOwnerWhileHeld()
{
    OwnerTable table;
    const auto page = std::make_shared<QByteArray>("page");
    const auto file = std::make_shared<QByteArray>("file");
    const OwnerTable::Id pageId = table.hold(page);
    QVERIFY(pageId != OwnerTable::kNone);
    QCOMPARE(table.hold(page), pageId);
    const OwnerTable::Id fileId = table.hold(file);
    QVERIFY(fileId != pageId && fileId != OwnerTable::kNone);
    QCOMPARE(table.count(), 2);
    QCOMPARE(table.rowsOf(pageId), 2);
    QCOMPARE(table.rowsOf(fileId), 1);
    QCOMPARE(table.at(pageId), std::shared_ptr<const void>(page));
    QCOMPARE(table.at(fileId), std::shared_ptr<const void>(file));
}

void TestOwnerTable::letGoWithItsLastRow()
{
    OwnerTable table;
    auto page = std::make_shared<QByteArray>("page");
    const std::weak_ptr<QByteArray> watch = page;
    const OwnerTable::Id id = table.hold(page);
    table.hold(page);
    page.reset();
    QVERIFY(!table.release(id)); // a row still holds it
    QVERIFY(!watch.expired());
    const std::shared_ptr<const void> gone = table.release(id);
    QCOMPARE(gone.get(), static_cast<const void *>(watch.lock().get())); // handed back, once
    QCOMPARE(table.count(), 0);
    QVERIFY(!table.at(id));
}

void TestOwnerTable::freedIdsAreReused()
{
    OwnerTable table;
    const auto first = std::make_shared<QByteArray>("first");
    const auto second = std::make_shared<QByteArray>("second");
    const auto third = std::make_shared<QByteArray>("third");
    const OwnerTable::Id firstId = table.hold(first);
    const OwnerTable::Id secondId = table.hold(second);
    table.release(firstId);
    // The slot let go takes the next owner: ids stay small however many pages come and go.
    QCOMPARE(table.hold(third), firstId);
    QCOMPARE(table.at(firstId), std::shared_ptr<const void>(third));
    QCOMPARE(table.hold(first), OwnerTable::Id(secondId + 1));
    QCOMPARE(table.count(), 3);
}

void TestOwnerTable::copyKeepsOwnersAlive()
{
    OwnerTable table;
    auto page = std::make_shared<QByteArray>("page");
    const std::weak_ptr<QByteArray> watch = page;
    const OwnerTable::Id id = table.hold(page);
    page.reset();
    OwnerTable snapshot = table; // a corpus handed to a worker
    table.release(id);
    QCOMPARE(table.count(), 0);
    QVERIFY(!watch.expired());
    QCOMPARE(snapshot.count(), 1);
    QCOMPARE(snapshot.at(id).get(), static_cast<const void *>(watch.lock().get()));
    snapshot = OwnerTable();
    QVERIFY(watch.expired());
}

void TestOwnerTable::clearLetsEveryOwnerGo()
{
    OwnerTable table;
    auto page = std::make_shared<QByteArray>("page");
    const std::weak_ptr<QByteArray> watch = page;
    table.hold(page);
    table.hold(std::make_shared<QByteArray>("file"));
    page.reset();
    table.clear();
    QVERIFY(watch.expired());
    QCOMPARE(table.count(), 0);
    QCOMPARE(table.hold(std::make_shared<QByteArray>("next")), OwnerTable::Id(1)); // ids start again
}

QTEST_GUILESS_MAIN(TestOwnerTable)
#include "tst_ownertable.moc"
