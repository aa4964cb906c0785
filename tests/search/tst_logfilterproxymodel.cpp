// SPDX-License-Identifier: MIT
// LogFilterProxyModel under QAbstractItemModelTester: type, tool and "matching only" filters,
// placeholders, rows arriving after the filter was set, "showing N of M".

#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

// Row i: ACTION with tool "grep" / "view_file" alternating, every 4th a PLAN_EVALUATION without
// a tool, every 10th an ERROR.
LogEntry entry(int index)
{
    LogEntry e;
    e.agentRunId = 1;
    if (index % 10 == 0) {
        e.messageType = QStringLiteral("ERROR");
    } else if (index % 4 == 0) {
        e.messageType = QStringLiteral("PLAN_EVALUATION");
    } else {
        e.messageType = QStringLiteral("ACTION");
        e.toolName = index % 2 ? QStringLiteral("grep") : QStringLiteral("view_file");
    }
    e.rawJson = "{\"agent_run_id\": 1, \"message_type\": \"" + e.messageType.toUtf8() + "\"}";
    return e;
}

QList<LogEntry> page(int first, int count)
{
    QList<LogEntry> entries;
    for (int k = 0; k < count; ++k)
        entries.append(entry(first + k));
    return entries;
}

int expectedCount(int loadedRows, const std::function<bool(const LogEntry &)> &accept)
{
    int n = 0;
    for (int row = 0; row < loadedRows; ++row)
        n += accept(entry(row)) ? 1 : 0;
    return n;
}

} // namespace

class TestLogFilterProxyModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void noFilterShowsEverythingIncludingPlaceholders();
    void typeFilter();
    void toolFilterWithNoTool();
    void typeAndTool();
    void matchingOnly();
    void rowsArrivingLater();
    void rowsRemovedAndReset();
    void mapsBackToSourceRows();

private:
    LogTableModel *m_model = nullptr;
    LogFilterProxyModel *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestLogFilterProxyModel::init()
{
    m_model = new LogTableModel;
    m_proxy = new LogFilterProxyModel;
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->resizeRows(1000);
    m_model->setEntries(0, page(0, 500)); // rows 500..999 stay placeholders
}

void TestLogFilterProxyModel::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
}

void TestLogFilterProxyModel::noFilterShowsEverythingIncludingPlaceholders()
{
    QVERIFY(!m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), 1000);
    QCOMPARE(m_proxy->sourceRowCount(), 1000);
    QCOMPARE(m_proxy->columnCount(), int(LogTableModel::ColumnCount));
}

void TestLogFilterProxyModel::typeFilter()
{
    QSignalSpy changed(m_proxy, &LogFilterProxyModel::filterChanged);
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR")});
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), 50); // placeholders hidden: they have no type yet
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        QCOMPARE(m_proxy->index(row, 0).data(LogTableModel::MessageTypeRole).toString(), QStringLiteral("ERROR"));
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR")}); // no change, no refilter
    QCOMPARE(changed.size(), 1);
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR"), QStringLiteral("PLAN_EVALUATION")});
    QCOMPARE(m_proxy->rowCount(), expectedCount(500, [](const LogEntry &e) { return e.messageType != QLatin1String("ACTION"); }));
    m_proxy->setAllowedMessageTypes({QStringLiteral("NO_SUCH_TYPE")});
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setAllowedMessageTypes({});
    QCOMPARE(m_proxy->rowCount(), 1000);
}

void TestLogFilterProxyModel::toolFilterWithNoTool()
{
    m_proxy->setAllowedToolNames({QStringLiteral("grep")});
    QCOMPARE(m_proxy->rowCount(), expectedCount(500, [](const LogEntry &e) { return e.toolName == QLatin1String("grep"); }));
    // A null QString stands for "no tool".
    m_proxy->setAllowedToolNames({QString()});
    QCOMPARE(m_proxy->rowCount(), expectedCount(500, [](const LogEntry &e) { return e.toolName.isEmpty(); }));
    m_proxy->setAllowedToolNames({QLatin1String("")}); // empty is the same as null
    QCOMPARE(m_proxy->rowCount(), expectedCount(500, [](const LogEntry &e) { return e.toolName.isEmpty(); }));
}

void TestLogFilterProxyModel::typeAndTool()
{
    m_proxy->setAllowedMessageTypes({QStringLiteral("ACTION")});
    m_proxy->setAllowedToolNames({QStringLiteral("view_file")});
    QCOMPARE(m_proxy->rowCount(), expectedCount(500, [](const LogEntry &e) {
                 return e.messageType == QLatin1String("ACTION") && e.toolName == QLatin1String("view_file");
             }));
    m_proxy->clearFilters();
    QVERIFY(!m_proxy->isFiltering());
    QCOMPARE(m_proxy->rowCount(), 1000);
}

void TestLogFilterProxyModel::matchingOnly()
{
    QSignalSpy changed(m_proxy, &LogFilterProxyModel::filterChanged);
    // Rows set while the filter is off change nothing visible.
    m_proxy->setMatchingRows({3, 10, 42, 499, 700});
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_proxy->rowCount(), 1000);
    QVERIFY(m_proxy->isMatchingRow(42));
    QVERIFY(!m_proxy->isMatchingRow(43));

    m_proxy->setMatchingOnly(true);
    QCOMPARE(m_proxy->rowCount(), 4); // row 700 is not loaded: it cannot have matched
    QCOMPARE(m_proxy->mapToSource(m_proxy->index(2, 0)).row(), 42);

    m_proxy->setMatchingRows({1, 2});
    QCOMPARE(m_proxy->rowCount(), 2);
    m_proxy->setMatchingRows({});
    QCOMPARE(m_proxy->rowCount(), 0);

    // Combined with a type filter.
    m_proxy->setMatchingRows({10, 11, 20, 21});
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR")});
    QCOMPARE(m_proxy->rowCount(), 2);
    m_proxy->setMatchingOnly(false);
    QCOMPARE(m_proxy->rowCount(), 50);
}

void TestLogFilterProxyModel::rowsArrivingLater()
{
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR")});
    QCOMPARE(m_proxy->rowCount(), 50);
    m_model->setEntries(500, page(500, 100));
    QCOMPARE(m_proxy->rowCount(), 60);
    m_model->setRowsState(600, 699, LogStore::RowState::Loading);
    QCOMPARE(m_proxy->rowCount(), 60);
    // Appending mode: new rows beyond the count.
    m_model->resizeRows(1100);
    m_model->setEntries(1000, page(1000, 100));
    QCOMPARE(m_proxy->rowCount(), 70);
    QCOMPARE(m_proxy->sourceRowCount(), 1100);
}

void TestLogFilterProxyModel::rowsRemovedAndReset()
{
    m_proxy->setAllowedMessageTypes({QStringLiteral("ERROR")});
    m_model->resizeRows(200);
    QCOMPARE(m_proxy->rowCount(), 20);
    m_model->setReversed(true);
    QCOMPARE(m_proxy->rowCount(), 20);
    m_model->clear();
    QCOMPARE(m_proxy->rowCount(), 0);
    QVERIFY(m_proxy->isFiltering()); // the filter outlives the run
}

void TestLogFilterProxyModel::mapsBackToSourceRows()
{
    m_proxy->setAllowedToolNames({QStringLiteral("grep")});
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, LogTableModel::ToolColumn));
        QCOMPARE(source.data().toString(), QStringLiteral("grep"));
        QCOMPARE(m_proxy->mapFromSource(source).row(), row);
    }
}

QTEST_GUILESS_MAIN(TestLogFilterProxyModel)
#include "tst_logfilterproxymodel.moc"
