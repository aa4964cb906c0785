// SPDX-License-Identifier: MIT
// Every control has a name a screen reader can say (issue 27, "Usable by everyone"): the main
// window on the demo run with its search bar, Statistics and Insights docks, the empty start
// screen, the Library, the organization's Runs and a Compare window. Walks each widget tree
// through QAccessible and fails naming every interactive widget without an accessible name.
#include "newuserlibrary.h"
#include "widgetaudit.h"

#include "model/runloader.h"
#include "runsessioninternals.h"
#include "samplerun.h"
#include "store/runlibrary.h"
#include "ui/compare/comparerunsdialog.h"
#include "ui/compare/comparewindow.h"
#include "ui/detail/detailpane.h"
#include "ui/library/librarycontroller.h"
#include "ui/library/librarywindow.h"
#include "ui/library/orgrunsview.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/overview/timelinestrip.h"
#include "ui/open/openrundialog.h"
#include "ui/search/searchbar.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QDockWidget>
#include <QSettings>
#include <QTableView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
// The audit's findings, one per line, so that a failure lists every widget at once.
#define EXPECT_ALL_NAMED(root)                                                                  \
    do {                                                                                        \
        const QStringList problems = WidgetAudit::unnamedInteractiveWidgets(root);              \
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n')))); \
    } while (false)
} // namespace

class TestAccessibleNames : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startScreenIsNamed();
    void mainWindowOnARunIsNamed();
    void libraryAndRunsWindowsAreNamed();
    void compareWindowIsNamed();
    void chartsAndTimelineHaveRoles();
    void openAndCompareDialogsAreNamed();
    void dialogsTabDownTheirForms();
    void mainWindowTabsInReadingOrder();

private:
    void openDemoRun();

    std::unique_ptr<NewUserLibrary> m_newUser;
    RunLibrary *m_library = nullptr;
    std::unique_ptr<MainWindow> m_window;
};

void TestAccessibleNames::init()
{
    m_newUser = std::make_unique<NewUserLibrary>();
    QVERIFY(m_newUser->isValid());
    m_library = m_newUser->library();
    m_window = m_newUser->showWindow();
    QVERIFY(m_window->isVisible());
}

void TestAccessibleNames::cleanup()
{
    m_window.reset();
    m_library = nullptr;
    m_newUser.reset();
}

void TestAccessibleNames::openDemoRun()
{
    QVERIFY(m_window->openDemo(false));
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() >= 100, 20000);
    QTRY_VERIFY(!m_window->detailPane()->isRendering());
}

void TestAccessibleNames::startScreenIsNamed()
{
    EXPECT_ALL_NAMED(m_window.get());
}

void TestAccessibleNames::mainWindowOnARunIsNamed()
{
    openDemoRun();
    EXPECT_ALL_NAMED(m_window.get());
    m_window->showSearch();
    m_window->statisticsDock()->show();
    m_window->insightsDock()->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing(), 20000);
    QTest::qWait(100);
    EXPECT_ALL_NAMED(m_window.get());
}

void TestAccessibleNames::libraryAndRunsWindowsAreNamed()
{
    openDemoRun();
    m_library->flush();
    LibraryController *library = m_window->libraryController();
    library->showLibrary();
    QVERIFY(library->libraryWindow());
    QVERIFY(QTest::qWaitForWindowExposed(library->libraryWindow()));
    EXPECT_ALL_NAMED(library->libraryWindow());
    library->showSearch();
    EXPECT_ALL_NAMED(library->libraryWindow());
    library->showRuns();
    QVERIFY(library->runsView());
    QVERIFY(QTest::qWaitForWindowExposed(library->runsView()));
    // The list arrived: its rows named too, and no request in flight when the window closes
    // (closing it with one in flight crashes in RunListLoader::close: a bug of its own, reported).
    QTRY_VERIFY_WITH_TIMEOUT(library->runsView()->table()->model()->rowCount() > 0, 20000);
    EXPECT_ALL_NAMED(library->runsView());
}

void TestAccessibleNames::compareWindowIsNamed()
{
    CompareWindow window;
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy aligned(&window, &CompareWindow::aligned);
    QList<QByteArray> left, right;
    for (int n = 0; n < 20; ++n) {
        left << makeSampleEntry(1, n);
        right << makeSampleEntry(2, n % 7 == 3 ? n + 100 : n);
    }
    window.compareEntries(left, right, QStringLiteral("left.jsonl"), QStringLiteral("right.jsonl"));
    QVERIFY(aligned.wait(30000));
    EXPECT_ALL_NAMED(&window);
}

// The custom widgets say what they are, not just "a client area".
void TestAccessibleNames::chartsAndTimelineHaveRoles()
{
    openDemoRun();
    m_window->statisticsDock()->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing(), 20000);
    QAccessibleInterface *timeline = QAccessible::queryAccessibleInterface(m_window->timeline());
    QVERIFY(timeline);
    QCOMPARE(timeline->role(), QAccessible::Chart);
    QCOMPARE(timeline->text(QAccessible::Name), QStringLiteral("Timeline of the run"));
    QWidget *types = m_window->statisticsDock()->findChild<QWidget *>(QStringLiteral("statisticsTypes"));
    QVERIFY(types);
    QAccessibleInterface *chart = QAccessible::queryAccessibleInterface(types);
    QCOMPARE(chart->role(), QAccessible::Chart);
    QCOMPARE(chart->text(QAccessible::Name), QStringLiteral("Message types"));
}

namespace {
// The widgets Tab visits from `start`, in order, until it comes back to `start` (or 80 steps).
QList<QWidget *> tabChain(QWidget *start)
{
    QList<QWidget *> chain;
    start->setFocus(Qt::TabFocusReason);
    QWidget *current = QApplication::focusWidget();
    for (int step = 0; step < 80 && current; ++step) {
        chain << current;
        QTest::keyClick(current, Qt::Key_Tab);
        current = QApplication::focusWidget();
        if (current == chain.first())
            break;
    }
    return chain;
}

// The same walk as Qt's Tab (QWidget::focusNextPrevChild) without a key: for a dialog, which the
// offscreen platform does not always leave active beside its parent window.
QList<QWidget *> focusChain(QWidget *start)
{
    QList<QWidget *> chain{start};
    for (QWidget *widget = start->nextInFocusChain(); widget && widget != start; widget = widget->nextInFocusChain()) {
        if ((widget->focusPolicy() & Qt::TabFocus) && widget->isEnabled() && widget->isVisibleTo(start->window())
            && widget->window() == start->window() && !widget->focusProxy())
            chain << widget;
    }
    return chain;
}

QString describe(const QList<QWidget *> &chain)
{
    QStringList names;
    for (QWidget *widget : chain) {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        names << QString::fromLatin1(widget->metaObject()->className()) + u'"'
                + (accessible ? accessible->text(QAccessible::Name) : QString()) + u'"';
    }
    return names.join(QStringLiteral(" > "));
}
} // namespace

// The Open Run and Compare Runs dialogs: every field and button named for a screen reader.
void TestAccessibleNames::openAndCompareDialogsAreNamed()
{
    OpenRunDialog open(m_window.get());
    open.show();
    QVERIFY(QTest::qWaitForWindowExposed(&open));
    EXPECT_ALL_NAMED(&open);
    open.close();
    CompareRunsDialog compare(std::nullopt, m_window.get());
    compare.show();
    QVERIFY(QTest::qWaitForWindowExposed(&compare));
    EXPECT_ALL_NAMED(&compare);
    const QList<QLineEdit *> edits = compare.findChildren<QLineEdit *>();
    QCOMPARE(edits.size(), 2);
    QCOMPARE(QAccessible::queryAccessibleInterface(edits.at(0))->text(QAccessible::Name), QStringLiteral("Left run"));
    QCOMPARE(QAccessible::queryAccessibleInterface(edits.at(1))->text(QAccessible::Name), QStringLiteral("Right run"));
}

// Tab goes down each dialog's form as it is drawn, then to its buttons.
void TestAccessibleNames::dialogsTabDownTheirForms()
{
    OpenRunDialog open(m_window.get());
    open.show();
    QVERIFY(QTest::qWaitForWindowExposed(&open));
    const QList<QWidget *> openChain = focusChain(open.findChildren<QLineEdit *>().at(0));
    QStringList openNames;
    for (QWidget *widget : openChain)
        openNames << QAccessible::queryAccessibleInterface(widget)->text(QAccessible::Name);
    // The fields by their labels, the Remember box under the token, then the buttons.
    const QStringList expected = {QStringLiteral("Run ID or URL:"), QStringLiteral("Organization ID:"),
                                  QStringLiteral("API token:"), QStringLiteral("Remember the token in the system keychain"),
                                  QStringLiteral("API base URL:")};
    QVERIFY2(openNames.mid(0, expected.size()) == expected, qPrintable(describe(openChain)));
    QVERIFY2(openChain.size() > expected.size() && qobject_cast<QPushButton *>(openChain.at(expected.size())),
             qPrintable(describe(openChain)));
    open.close();

    CompareRunsDialog compare(std::nullopt, m_window.get());
    compare.show();
    QVERIFY(QTest::qWaitForWindowExposed(&compare));
    const QList<QWidget *> compareChain = focusChain(compare.findChildren<QLineEdit *>().at(0));
    QStringList compareNames;
    for (QWidget *widget : compareChain)
        compareNames << QAccessible::queryAccessibleInterface(widget)->text(QAccessible::Name);
    const QStringList expectedCompare = {QStringLiteral("Left run"), QStringLiteral("Browse for the left run's file"),
                                         QStringLiteral("Right run"), QStringLiteral("Browse for the right run's file"),
                                         QStringLiteral("Compare"), QStringLiteral("Cancel")};
    QVERIFY2(compareNames.mid(0, expectedCompare.size()) == expectedCompare, qPrintable(describe(compareChain)));
}

// In the main window Tab follows the page from top to bottom, left to right: the run header's
// buttons, the search bar (field first), the timeline, the table, then the detail pane.
void TestAccessibleNames::mainWindowTabsInReadingOrder()
{
    openDemoRun();
    m_window->showSearch();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QLineEdit *field = m_window->searchBar()->findChild<QLineEdit *>();
    QVERIFY(field);
    const QList<QWidget *> chain = tabChain(field);
    qInfo("%s", qPrintable(describe(chain)));
    const qsizetype table = chain.indexOf(m_window->tableView());
    const qsizetype timeline = chain.indexOf(m_window->timeline());
    QVERIFY2(table > 0 && timeline > 0, qPrintable(describe(chain)));
    QVERIFY2(timeline < table, qPrintable(describe(chain)));
    // The search bar's own controls come right after its field, before the timeline.
    for (qsizetype i = 1; i < timeline; ++i)
        QVERIFY2(m_window->searchBar()->isAncestorOf(chain.at(i)), qPrintable(describe(chain)));
    // The detail pane after the table.
    qsizetype pane = -1;
    for (qsizetype i = 0; i < chain.size() && pane < 0; ++i) {
        if (m_window->detailPane()->isAncestorOf(chain.at(i)))
            pane = i;
    }
    QVERIFY2(pane > table, qPrintable(describe(chain)));
}

QTEST_MAIN(TestAccessibleNames)
#include "tst_accessiblenames.moc"
