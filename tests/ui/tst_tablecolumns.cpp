// SPDX-License-Identifier: MIT
// The log table's columns are sized for their content from the first screen (issue 27,
// stumble 10): a big file shows its first rows while the rest is indexed, and the # column must
// not stay at the width of the first hundred ("99…") once a million rows are there.
#include "rows/logtablemodel.h"
#include "ui/table/logtableview.h"

#include <QStandardItemModel>
#include <QtTest>

class TestTableColumns : public QObject
{
    Q_OBJECT

private slots:
    void entryNumbersFitAsRowsArrive();
    void timesFitWhenDatesArrive();
};

namespace {
int textWidth(const QWidget &widget, const QString &text)
{
    return widget.fontMetrics().horizontalAdvance(text);
}
} // namespace

void TestTableColumns::entryNumbersFitAsRowsArrive()
{
    QStandardItemModel model(99, LogTableModel::ColumnCount);
    LogTableView table;
    table.resize(1200, 600);
    table.setModel(&model);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    const int firstScreen = table.columnWidth(LogTableModel::IndexColumn);
    QVERIFY(firstScreen >= textWidth(table, QStringLiteral("999")));

    // The rest of the file arrives: 1,000,000 rows, seven digits: four digits more room.
    model.insertRows(99, 1'000'000 - 99);
    QVERIFY(table.columnWidth(LogTableModel::IndexColumn) >= firstScreen + textWidth(table, QStringLiteral("9999")));
}

void TestTableColumns::timesFitWhenDatesArrive()
{
    QStandardItemModel model(0, LogTableModel::ColumnCount);
    LogTableView table;
    table.resize(1200, 600);
    table.setModel(&model);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    const int undated = table.columnWidth(LogTableModel::TimeColumn);

    // The first rows come, and the run spans days: its times carry the date.
    QList<QStandardItem *> row;
    for (int column = 0; column < LogTableModel::ColumnCount; ++column)
        row.append(new QStandardItem(column == LogTableModel::TimeColumn ? QStringLiteral("06-21 12:06:31.000") : QString()));
    model.appendRow(row);
    QVERIFY(table.columnWidth(LogTableModel::TimeColumn) > undated);
    QVERIFY(table.columnWidth(LogTableModel::TimeColumn) >= textWidth(table, QStringLiteral("06-21 12:06:31.000")));
}

QTEST_MAIN(TestTableColumns)
#include "tst_tablecolumns.moc"
