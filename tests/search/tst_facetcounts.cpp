// SPDX-License-Identifier: MIT
// FacetCounts: message types and tool names with their counts, as pages arrive, are replaced,
// dropped and reset.

#include "rows/logtablemodel.h"
#include "search/facetcounts.h"

#include <QSignalSpy>
#include <QTest>

namespace {

LogEntry entry(const QString &type, const QString &tool, const QByteArray &tag = "x")
{
    LogEntry e;
    e.agentRunId = 1;
    e.messageType = type;
    e.toolName = tool;
    e.rawJson = "{\"tag\": \"" + tag + "\"}";
    return e;
}

} // namespace

class TestFacetCounts : public QObject
{
    Q_OBJECT
private slots:
    void countsAsPagesArrive();
    void replacedRowsMoveBetweenFacets();
    void removedRowsAndReset();
    void orderIsByCountThenName();
};

void TestFacetCounts::countsAsPagesArrive()
{
    LogTableModel model;
    FacetCounts facets;
    facets.setModel(&model);
    QSignalSpy changed(&facets, &FacetCounts::changed);
    model.resizeRows(6);
    QCOMPARE(facets.countedRows(), 0);
    QVERIFY(facets.messageTypes().isEmpty());

    model.setEntries(3, {entry(QStringLiteral("ACTION"), QStringLiteral("grep")),
                         entry(QStringLiteral("ACTION"), QStringLiteral("view_file")),
                         entry(QStringLiteral("ERROR"), QString())});
    QVERIFY(changed.size() > 0);
    QCOMPARE(facets.countedRows(), 3);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("ACTION")), 2);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("ERROR")), 1);
    QCOMPARE(facets.toolNameCount(QStringLiteral("grep")), 1);
    QCOMPARE(facets.toolNameCount(QString()), 1); // "no tool"
    QCOMPARE(facets.toolNameCount(QLatin1String("")), 1);

    // Placeholders changing state and the gap column's dataChanged do not count twice.
    model.setRowsState(0, 2, LogStore::RowState::Loading);
    model.setEntries(0, {entry(QStringLiteral("ACTION"), QStringLiteral("grep"))});
    QCOMPARE(facets.countedRows(), 4);
    QCOMPARE(facets.toolNameCount(QStringLiteral("grep")), 2);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("ACTION")), 3);
}

void TestFacetCounts::replacedRowsMoveBetweenFacets()
{
    LogTableModel model;
    FacetCounts facets;
    facets.setModel(&model);
    model.resizeRows(2);
    model.setEntries(0, {entry(QStringLiteral("ACTION"), QStringLiteral("grep")),
                         entry(QStringLiteral("ACTION"), QStringLiteral("grep"))});
    model.setEntries(1, {entry(QStringLiteral("FINAL_ANSWER"), QString())});
    QCOMPARE(facets.countedRows(), 2);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("ACTION")), 1);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("FINAL_ANSWER")), 1);
    QCOMPARE(facets.toolNameCount(QStringLiteral("grep")), 1);
    // A facet that drops to zero leaves the list.
    model.setEntries(0, {entry(QStringLiteral("FINAL_ANSWER"), QString())});
    QCOMPARE(facets.messageTypes().size(), 1);
    QCOMPARE(facets.messageTypes().at(0).value, QStringLiteral("FINAL_ANSWER"));
    QCOMPARE(facets.messageTypes().at(0).count, 2);
    QCOMPARE(facets.toolNames().size(), 1);
    QVERIFY(facets.toolNames().at(0).value.isNull());
}

void TestFacetCounts::removedRowsAndReset()
{
    LogTableModel model;
    model.resizeRows(4);
    model.setEntries(0, {entry(QStringLiteral("A"), QStringLiteral("t1")), entry(QStringLiteral("B"), QStringLiteral("t2")),
                         entry(QStringLiteral("B"), QStringLiteral("t2")), entry(QStringLiteral("C"), QStringLiteral("t3"))});
    FacetCounts facets;
    facets.setModel(&model); // counts what is there already
    QCOMPARE(facets.countedRows(), 4);
    model.resizeRows(2);
    QCOMPARE(facets.countedRows(), 2);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("B")), 1);
    QCOMPARE(facets.messageTypeCount(QStringLiteral("C")), 0);
    model.setReversed(true);
    QCOMPARE(facets.countedRows(), 2);
    model.clear();
    QCOMPARE(facets.countedRows(), 0);
    QVERIFY(facets.messageTypes().isEmpty());
    facets.setModel(nullptr);
    QCOMPARE(facets.countedRows(), 0);
}

void TestFacetCounts::orderIsByCountThenName()
{
    LogTableModel model;
    FacetCounts facets;
    facets.setModel(&model);
    model.resizeRows(5);
    model.setEntries(0, {entry(QStringLiteral("B"), QString()), entry(QStringLiteral("C"), QString()),
                         entry(QStringLiteral("A"), QString()), entry(QStringLiteral("C"), QString()),
                         entry(QStringLiteral("UNKNOWN_NEW_TYPE"), QString())});
    const QList<FacetCounts::Facet> types = facets.messageTypes();
    QStringList order;
    for (const FacetCounts::Facet &f : types)
        order << f.value + QLatin1Char('=') + QString::number(f.count);
    QCOMPARE(order, (QStringList{QStringLiteral("C=2"), QStringLiteral("A=1"), QStringLiteral("B=1"),
                                 QStringLiteral("UNKNOWN_NEW_TYPE=1")}));
}

QTEST_GUILESS_MAIN(TestFacetCounts)
#include "tst_facetcounts.moc"
