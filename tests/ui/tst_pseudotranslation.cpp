// SPDX-License-Identifier: MIT
// A translation fits when it comes (issue 27, "Usable by everyone"): the pseudo-translation
// (RUNLOG_PSEUDO_LOCALE=1) makes every string about 40 % longer and accented; under it the main
// window on the demo run, its Statistics dock, the Library and the Runs window have no label or
// button whose text is cut.
#include "newuserlibrary.h"
#include "widgetaudit.h"

#include "model/runloader.h"
#include "runsessioninternals.h"
#include "store/runlibrary.h"
#include "ui/common/pseudotranslator.h"
#include "ui/detail/detailpane.h"
#include "ui/library/librarycontroller.h"
#include "ui/library/librarywindow.h"
#include "ui/library/orgrunsview.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"

#include <QDockWidget>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {
#define EXPECT_NOTHING_CLIPPED(root)                                                            \
    do {                                                                                        \
        const QStringList problems = WidgetAudit::clippedTexts(root);                           \
        QVERIFY2(problems.isEmpty(), qPrintable(QLatin1Char('\n') + problems.join(QLatin1Char('\n')))); \
    } while (false)
} // namespace

class TestPseudoTranslation : public QObject
{
    Q_OBJECT

private slots:
    void transformKeepsWhatMustStay_data();
    void transformKeepsWhatMustStay();
    void translatorTransformsEveryString();

    void init();
    void cleanup();
    void mainWindowFits();
    void statisticsFits();
    void libraryAndRunsFit();

private:
    void openDemoRun();

    PseudoTranslator m_translator;
    std::unique_ptr<NewUserLibrary> m_newUser;
    RunLibrary *m_library = nullptr;
    std::unique_ptr<MainWindow> m_window;
};

void TestPseudoTranslation::transformKeepsWhatMustStay_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    // Written by hand: accents, then 40 % more (brackets and a padding of ~).
    QTest::addRow("word") << QStringLiteral("Open") << QStringLiteral("[Öþéñ]");
    QTest::addRow("longer") << QStringLiteral("Load All entries") << QStringLiteral("[Ļöáð Åļļ éñţŕîéš ~~~]");
    QTest::addRow("placeholders") << QStringLiteral("%n entries of %L1")
                                  << QStringLiteral("[%n éñţŕîéš öf %L1 ~~]");
    QTest::addRow("mnemonic and entity") << QStringLiteral("&Open a &amp; b")
                                         << QStringLiteral("[&Oþéñ á &amp; ƀ]");
    QTest::addRow("tags") << QStringLiteral("<b>Run</b>") << QStringLiteral("[<b>Ŕûñ</b>]");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("blank") << QStringLiteral("  ") << QStringLiteral("  ");
}

void TestPseudoTranslation::transformKeepsWhatMustStay()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(PseudoTranslator::transform(text), expected);
}

void TestPseudoTranslation::translatorTransformsEveryString()
{
    QCoreApplication::installTranslator(&m_translator);
    QCOMPARE(QCoreApplication::translate("Nowhere", "Open"), QStringLiteral("[Öþéñ]"));
    // Counts still take their number.
    QCOMPARE(QCoreApplication::translate("Nowhere", "%n entries", nullptr, 3), QStringLiteral("[3 éñţŕîéš]"));
    QCoreApplication::removeTranslator(&m_translator);
}

void TestPseudoTranslation::init()
{
    if (QString::fromLatin1(QTest::currentTestFunction()).startsWith(QLatin1String("transform"))
        || QString::fromLatin1(QTest::currentTestFunction()) == QLatin1String("translatorTransformsEveryString"))
        return;
    QCoreApplication::installTranslator(&m_translator);
    m_newUser = std::make_unique<NewUserLibrary>();
    QVERIFY(m_newUser->isValid());
    m_library = m_newUser->library();
    // A laptop's screen (1280x800, less the panel).
    m_window = m_newUser->showWindow(QSize(1280, 760));
    QVERIFY(m_window->isVisible());
}

void TestPseudoTranslation::cleanup()
{
    m_window.reset();
    m_library = nullptr;
    m_newUser.reset();
    QCoreApplication::removeTranslator(&m_translator);
}

void TestPseudoTranslation::openDemoRun()
{
    QVERIFY(m_window->openDemo(false));
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() >= 100, 20000);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(3, 0));
    QTRY_VERIFY(!m_window->detailPane()->isRendering());
    QTest::qWait(200);
}

void TestPseudoTranslation::mainWindowFits()
{
    EXPECT_NOTHING_CLIPPED(m_window.get()); // the start screen
    openDemoRun();
    EXPECT_NOTHING_CLIPPED(m_window.get());
    m_window->showSearch();
    QTest::qWait(100);
    EXPECT_NOTHING_CLIPPED(m_window.get());
}

void TestPseudoTranslation::statisticsFits()
{
    openDemoRun();
    m_window->statisticsDock()->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing(), 20000);
    QTest::qWait(200);
    EXPECT_NOTHING_CLIPPED(m_window->statisticsDock());
}

void TestPseudoTranslation::libraryAndRunsFit()
{
    openDemoRun();
    m_library->flush();
    LibraryController *library = m_window->libraryController();
    library->showLibrary();
    QVERIFY(QTest::qWaitForWindowExposed(library->libraryWindow()));
    QTest::qWait(200);
    EXPECT_NOTHING_CLIPPED(library->libraryWindow());
    // Longer words fit a small screen too: the window never asks for more than 800 px (its
    // buttons and the size line once asked for 906).
    for (QWidget *window : {static_cast<QWidget *>(library->libraryWindow())}) {
        QVERIFY2(window->minimumSizeHint().width() <= 800,
                 qPrintable(QStringLiteral("asks for %1 px").arg(window->minimumSizeHint().width())));
    }
    library->showRuns();
    QVERIFY(QTest::qWaitForWindowExposed(library->runsView()));
    QTRY_VERIFY_WITH_TIMEOUT(library->runsView()->table()->model()->rowCount() > 0, 20000);
    QTest::qWait(200);
    EXPECT_NOTHING_CLIPPED(library->runsView());
}

QTEST_MAIN(TestPseudoTranslation)
#include "tst_pseudotranslation.moc"
