// SPDX-License-Identifier: MIT
// Statistics that say what failed (issue 27, stumble 9), in the real window on the offscreen
// platform: the Errors list shows the first line of each error beside its entry number; the
// lists are as tall as their rows (the dock scrolls as one); a partly loaded run gets a Load All
// button in the dock, which loads the rest.
#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "runsessioninternals.h"
#include "samplerun.h"
#include "session/runsession.h"
#include "testlogserver.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/overview/statisticspanel.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"

#include <QDockWidget>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

class TestStatisticsErrors : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void errorsSayTheirFirstLine();
    void partlyLoadedRunOffersLoadAll();

private:
    StatisticsPanel *panel() const { return m_window->statisticsDock()->findChild<StatisticsPanel *>(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestStatisticsErrors::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1300, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->statisticsDock()->show();
}

void TestStatisticsErrors::cleanup()
{
    m_window.reset();
}

void TestStatisticsErrors::errorsSayTheirFirstLine()
{
    // Entries 2, 4 and 5 are errors: a text after blank lines, a long Python traceback's
    // first line, and one with nothing to say.
    const QList<QByteArray> lines{
        R"({"agent_run_id":42,"id":1,"created_at":"2025-01-01T00:00:00Z","message_type":"ACTION","tool_name":"bash","observation":"ok"})",
        R"({"agent_run_id":42,"id":2,"created_at":"2025-01-01T00:00:01Z","message_type":"ERROR","observation":"\n   pip install failed:   401 Unauthorized  \nfrom https://pypi.example/simple/"})",
        R"({"agent_run_id":42,"id":3,"created_at":"2025-01-01T00:00:02Z","message_type":"ACTION","tool_name":"bash","observation":"ok"})",
        R"({"agent_run_id":42,"id":4,"created_at":"2025-01-01T00:00:03Z","message_type":"error","observation":"Traceback (most recent call last):\n  File \"x.py\", line 1"})",
        R"({"agent_run_id":42,"id":5,"created_at":"2025-01-01T00:00:04Z","message_type":"ERROR"})",
    };
    const QString path = m_dir.filePath(QStringLiteral("errors.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (const QByteArray &line : lines)
        file.write(line + '\n');
    file.close();
    m_window->openFile(path);
    QListWidget *errors = panel()->errorList();
    QTRY_COMPARE_WITH_TIMEOUT(errors->count(), 3, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(errors->item(0)->text(), QStringLiteral("Entry 2 — pip install failed: 401 Unauthorized"), 30000);
    QCOMPARE(errors->item(1)->text(), QStringLiteral("Entry 4 — Traceback (most recent call last):"));
    QCOMPARE(errors->item(2)->text(), QStringLiteral("Entry 5"));
    // The tooltip is plain text made rich (escaped, wrapped): PlainText::toolTip.
    QCOMPARE(errors->item(0)->toolTip(), QStringLiteral("<p>pip install failed: 401 Unauthorized</p>"));
    // One scroll area: the list shows every row and never scrolls by itself.
    QCOMPARE(errors->verticalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    QCOMPARE(errors->verticalScrollBar()->maximum(), 0);
    QVERIFY(errors->height() >= 3 * errors->sizeHintForRow(0));
    QCOMPARE(panel()->findChildren<QScrollArea *>(QString(), Qt::FindDirectChildrenOnly).size(), 1);
    QVERIFY(!panel()->loadAllButton()->isVisibleTo(panel())); // a file is whole
    // A click goes to the entry.
    errors->scrollToItem(errors->item(1));
    QTest::mouseClick(errors->viewport(), Qt::LeftButton, {}, errors->visualItemRect(errors->item(1)).center());
    QTRY_COMPARE(m_window->tableView()->currentIndex().row(), 3);
    if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS"))
        m_window->statisticsDock()->grab().save(QStringLiteral("/tmp/polish-shots/9-statistics-errors-after.png"));
}

void TestStatisticsErrors::partlyLoadedRunOffersLoadAll()
{
    TestLogServer server;
    QVERIFY(server.isListening());
    server.addRun(makeRun(7, 42, 1500));
    m_window->openRun(ApiEndpoint{server.baseUrl(), {}}, RunRef{7, 42});
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows(), 100, 30000);
    QPushButton *loadAll = panel()->loadAllButton();
    QTRY_VERIFY_WITH_TIMEOUT(loadAll->isVisibleTo(panel()) && m_window->overview()->statistics().loadedEntries == 100, 30000);
    QCOMPARE(loadAll->text(), QStringLiteral("Load All 1,500 Entries"));
    if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS"))
        m_window->statisticsDock()->grab().save(QStringLiteral("/tmp/polish-shots/9-statistics-load-all-after.png"));
    QTest::mouseClick(loadAll, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows(), 1500, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->overview()->statistics().loadedEntries == 1500 && !loadAll->isVisibleTo(panel()), 30000);
}

QTEST_MAIN(TestStatisticsErrors)
#include "tst_statisticserrors.moc"
