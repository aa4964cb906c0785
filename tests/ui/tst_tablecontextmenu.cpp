// SPDX-License-Identifier: MIT
// A context menu on the table (issue 27, stumble 6), in the real window on the offscreen
// platform: Copy (the entry, the value of the column clicked), Copy Link, Mark, Show Only This
// Tool / This Type, Show Entries Around (±10, a filter Clear Filters ends), in groups.
#include "rows/logtablemodel.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchcontroller.h"
#include "ui/table/logtableview.h"
#include "ui/table/tablecontextmenu.h"
#include "ui/window/mainwindow.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr int kEntries = 60;

QStringList textsOf(QMenu *menu)
{
    QStringList texts;
    for (QAction *action : menu->actions())
        texts << (action->isSeparator() ? QStringLiteral("--") : action->text());
    return texts;
}

QAction *named(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}
} // namespace

class TestTableContextMenu : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void menuHasItsGroupsInOrder();
    void copyValueCopiesTheColumnClicked();
    void showOnlyThisToolAndType();
    void showEntriesAroundUntilClearFilters();

private:
    QModelIndex indexOfEntry(int entry, int column) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestTableContextMenu::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    // makeRun: even entries (#2, #4, ...) ACTION with tool bash, odd ones PLAN_EVALUATION without a tool.
    const RunRecord run = makeRun(7, 42, kEntries);
    const QString path = m_dir.filePath(QStringLiteral("run.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const QByteArray &entry : run.entries)
        file.write(entry + '\n');
    file.close();
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), kEntries, 30000);
}

QModelIndex TestTableContextMenu::indexOfEntry(int entry, int column) const
{
    return m_window->filterModel()->mapFromSource(m_window->logModel()->index(entry - 1, column));
}

void TestTableContextMenu::menuHasItsGroupsInOrder()
{
    std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(32, LogTableModel::ToolColumn)));
    QCOMPARE(textsOf(menu.get()), (QStringList{QStringLiteral("&Copy Entry as JSON"), QStringLiteral("Copy Tool Value"),
                                               QStringLiteral("--"), QStringLiteral("Copy &Link to Entry"),
                                               QStringLiteral("--"), QStringLiteral("Toggle &Mark"),
                                               QStringLiteral("--"), QStringLiteral("Add &Note…"),
                                               QStringLiteral("--"), QStringLiteral("Show Only Tool “bash”"),
                                               QStringLiteral("Show Only Type “ACTION”"),
                                               QStringLiteral("Show Entries Around (±10)")}));
    if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS")) {
        menu->adjustSize();
        menu->grab().save(QStringLiteral("/tmp/polish-shots/6-table-menu.png"));
    }
    // The row clicked is the current one: Copy Entry and Mark act on it.
    QCOMPARE(m_window->tableView()->currentIndex().row(), indexOfEntry(32, 0).row());
}

void TestTableContextMenu::copyValueCopiesTheColumnClicked()
{
    std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(32, LogTableModel::ToolColumn)));
    named(menu.get(), QStringLiteral("copyValue"))->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("bash"));
}

void TestTableContextMenu::showOnlyThisToolAndType()
{
    LogFilterProxyModel *proxy = m_window->filterModel();
    {
        std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(32, 0)));
        named(menu.get(), QStringLiteral("showOnlyTool"))->trigger();
    }
    QCOMPARE(proxy->rowCount(), kEntries / 2);
    m_window->searchController()->clearFilters();
    QCOMPARE(proxy->rowCount(), kEntries);
    {
        // Entry 3 has no tool.
        std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(3, 0)));
        QCOMPARE(named(menu.get(), QStringLiteral("showOnlyTool"))->text(), QStringLiteral("Show Only Entries Without a Tool"));
        QCOMPARE(named(menu.get(), QStringLiteral("showOnlyType"))->text(), QStringLiteral("Show Only Type “PLAN_EVALUATION”"));
        named(menu.get(), QStringLiteral("showOnlyType"))->trigger();
    }
    QCOMPARE(proxy->rowCount(), kEntries / 2);
    m_window->searchController()->clearFilters();
    QCOMPARE(proxy->rowCount(), kEntries);
}

void TestTableContextMenu::showEntriesAroundUntilClearFilters()
{
    LogFilterProxyModel *proxy = m_window->filterModel();
    {
        std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(31, 0)));
        named(menu.get(), QStringLiteral("showEntriesAround"))->trigger();
    }
    QCOMPARE(proxy->rowCount(), 21); // #21..#41
    QCOMPARE(proxy->mapToSource(proxy->index(0, 0)).row(), 20);
    QCOMPARE(proxy->mapToSource(proxy->index(20, 0)).row(), 40);
    QCOMPARE(proxy->onlyEntriesDescription(), QStringLiteral("entries around #31"));
    m_window->searchController()->clearFilters();
    QCOMPARE(proxy->rowCount(), kEntries);
    {
        // Near the start: #1..#13.
        std::unique_ptr<QMenu> menu(m_window->tableMenu()->menuFor(indexOfEntry(3, 0)));
        named(menu.get(), QStringLiteral("showEntriesAround"))->trigger();
    }
    QCOMPARE(proxy->rowCount(), 13);
    m_window->searchController()->clearFilters();
    QCOMPARE(proxy->rowCount(), kEntries);
}

QTEST_MAIN(TestTableContextMenu)
#include "tst_tablecontextmenu.moc"
