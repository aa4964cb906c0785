// SPDX-License-Identifier: MIT
// The start screen lists recent runs (issue 27, stumble 4): Open Recent's runs with what the
// library knows of them (status, title, entries, when), then the library's others; Enter opens
// one; every new window (Ctrl+N) and a closed run (Ctrl+W) show the list too.
#include "rows/logtablemodel.h"
#include "samplerun.h"
#include "session/runsession.h"
#include "settings/appsettings.h"
#include "testlogserver.h"
#include "ui/window/emptystate.h"
#include "ui/window/mainwindow.h"
#include "ui/window/recentruns.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

class TestStartScreen : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void mergesOpenRecentWithTheLibrary();
    void summaryTitleIsText();
    void windowListsRecentRunsAndEnterOpens();

private:
    std::unique_ptr<TestLogServer> m_server;
};

void TestStartScreen::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestStartScreen::cleanup()
{
    m_server.reset();
}

void TestStartScreen::mergesOpenRecentWithTheLibrary()
{
    const QUrl api(QStringLiteral("https://api.codegen.com"));
    LibraryRun known;
    known.origin = QStringLiteral("https://api.codegen.com");
    known.orgId = 7;
    known.runId = 42;
    known.status = QStringLiteral("COMPLETE");
    known.summary = QStringLiteral("\n## Fixed the **login** bug\nmore");
    known.totalLogs = 1234;
    known.storedEntries = 100;
    known.lastOpenedMs = 1000;
    LibraryRun other;
    other.origin = QStringLiteral("https://staging.example");
    other.orgId = 8;
    other.runId = 9;
    other.status = QStringLiteral("FAILED");
    other.storedEntries = 55;
    other.lastOpenedMs = 5000;
    const QList<RecentRun> recent{RecentRun{api, RunRef{7, 42}}, RecentRun{QUrl(), RunRef{7, 43}}};

    const QList<RecentRunRow> rows = RecentRuns::merge(recent, {other, known}, api);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].run.runId, 42);
    QCOMPARE(rows[0].status, QStringLiteral("COMPLETE"));
    QCOMPARE(rows[0].title, QStringLiteral("Fixed the login bug"));
    QCOMPARE(rows[0].entries, std::optional<qint64>(1234));
    QCOMPARE(rows[0].whenMs, 1000);
    // Not in the library: what Open Recent knows, at the address it was opened at (the default).
    QCOMPARE(rows[1].run.runId, 43);
    QCOMPARE(rows[1].baseUrl, api);
    QCOMPARE(rows[1].title, QStringLiteral("Run 43"));
    QVERIFY(rows[1].status.isEmpty());
    QVERIFY(!rows[1].entries);
    // The library's other run, at its own origin, with the entries it holds.
    QCOMPARE(rows[2].baseUrl, QUrl(QStringLiteral("https://staging.example")));
    QCOMPARE(rows[2].run.orgId, 8);
    QCOMPARE(rows[2].run.runId, 9);
    QCOMPARE(rows[2].entries, std::optional<qint64>(55));

    QList<RecentRun> many;
    for (int i = 1; i <= 12; ++i)
        many.append(RecentRun{api, RunRef{7, i}});
    QCOMPARE(RecentRuns::merge(many, {}, api).size(), 8);
}

void TestStartScreen::summaryTitleIsText()
{
    QCOMPARE(RecentRuns::titleFromSummary(QStringLiteral("  \n- `npm test` passes\n")), QStringLiteral("npm test passes"));
    QCOMPARE(RecentRuns::titleFromSummary(QStringLiteral("1. First __step__")), QStringLiteral("First step"));
    QCOMPARE(RecentRuns::titleFromSummary(QString()), QString());
}

void TestStartScreen::windowListsRecentRunsAndEnterOpens()
{
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(7, 42, 30));
    {
        AppSettings settings;
        settings.addRecentRun(RecentRun{QUrl(QStringLiteral("https://api.codegen.com")), RunRef{7, 99}});
        settings.addRecentRun(RecentRun{m_server->baseUrl(), RunRef{7, 42}}); // the newest first
    }
    auto window = std::make_unique<MainWindow>();
    window->setLibrary(nullptr); // --no-store: the list is Open Recent's alone
    window->setEnvironmentToken(QByteArrayLiteral("token")); // no keychain, no dialog
    window->resize(1100, 760);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QTreeWidget *list = window->emptyState()->recentRunsView();
    QVERIFY(list->isVisible());
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Run 42"));
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("Run 99"));
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("—")); // no library: status unknown
    if (qEnvironmentVariableIsSet("RUNLOG_POLISH_SHOTS"))
        window->grab().save(QStringLiteral("/tmp/polish-shots/4-start-screen-after.png"));

    // A new window (Ctrl+N) lists them too.
    MainWindow *second = window->openNewWindow();
    QVERIFY(QTest::qWaitForWindowExposed(second));
    QCOMPARE(second->emptyState()->recentRunsView()->topLevelItemCount(), 2);
    second->close();

    // Enter on the first (current) row opens it.
    window->activateWindow();
    list->setFocus();
    QCOMPARE(list->currentItem(), list->topLevelItem(0));
    QSignalSpy requested(window->emptyState(), &EmptyState::recentRunRequested);
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested[0][0].toUrl(), m_server->baseUrl());
    QTRY_COMPARE(window->session()->model()->rowCount(), 30);
    auto *stack = window->findChild<QStackedWidget *>();
    QCOMPARE(stack->currentIndex(), 1);

    // Closed (Ctrl+W): the start screen lists them again.
    window->session()->close();
    QCOMPARE(stack->currentIndex(), 0);
    QTRY_VERIFY(list->isVisible());
    QCOMPARE(list->topLevelItemCount(), 2);
}

QTEST_MAIN(TestStartScreen)
#include "tst_startscreen.moc"
