// SPDX-License-Identifier: MIT
// Untrusted text stays text: a run whose every field is markup, opened from the spec server on
// 127.0.0.1 and from files (one whose name is markup too), an error whose server words are
// markup, and a broken file whose name is markup. After each, MarkupAudit walks every widget,
// tooltip, button, menu item and message box of the application: none may render the markup.
#include "ui/detail/detailpane.h"
#include "runsessioninternals.h"
#include "ui/export/exportcontroller.h"
#include "ui/library/librarycontroller.h"
#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "markupaudit.h"
#include "ui/window/messagebanner.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "ui/open/openrundialog.h"
#include "ui/library/orgrunsview.h"
#include "ui/window/runheader.h"
#include "samplerun.h"
#include "ui/search/searchbar.h"
#include "store/librarysearchmodel.h"
#include "store/runlibrary.h"
#include "testlogserver.h"

#include "json/jsonwriter.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolTip>
#include <QWindow>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

// The audit's QVERIFYs return from the helper only: stop the test function too.
#define EXPECT_NO_MARKUP_RENDERED(minimumLiteralSightings)                                       \
    do {                                                                                         \
        expectNoMarkupRendered(minimumLiteralSightings);                                         \
        if (QTest::currentTestFailed())                                                          \
            return;                                                                              \
    } while (false)

// A file name that is markup too (no closing tags: a name holds no '/'), with what else a name
// may hold on Linux: quotes, an ampersand, and "[*]", the window title's placeholder for
// "modified".
QString markupFileName(const QString &extension)
{
    return QStringLiteral("<font color=\"#00ff00\" size=\"7\">file[*]<img src=\"no-such-image.png\"><table> R&D.")
        + extension;
}
} // namespace

class TestUntrustedText : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void runFromServerShowsMarkupAsText();
    void serverErrorWordsShowAsText();
    void runFromFileShowsMarkupAsText_data();
    void runFromFileShowsMarkupAsText();
    void brokenFileNamedInMarkupShowsAsText();
    void keychainReasonShowsAsText();
    void libraryAndRunsWindowsShowMarkupAsText();

private:
    void openMarkupRun();
    void expectNoMarkupRendered(int minimumLiteralSightings);

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_libraryDir;
    std::unique_ptr<RunLibrary> m_library;   // outlives the window that shows it
};

void TestUntrustedText::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeMarkupRun(kOrg, kRun));
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestUntrustedText::cleanup()
{
    QToolTip::hideText();
    m_window.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    m_libraryDir.reset();
    m_server.reset();
}

void TestUntrustedText::openMarkupRun()
{
    m_window->detailPane()->setMode(EntryRenderer::Mode::Readable); // the mode is a saved setting
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 3);
    QTRY_COMPARE(m_window->tableView()->currentIndex().row(), 0);
    QTRY_VERIFY(!m_window->detailPane()->isRendering()
                && m_window->detailPane()->displayedText().contains(markupText(QStringLiteral("thought"))));
}

void TestUntrustedText::expectNoMarkupRendered(int minimumLiteralSightings)
{
    MarkupAudit audit;
    audit.auditAllWidgets();
    QVERIFY2(audit.problems().isEmpty(), qPrintable(audit.problems().join(QLatin1Char('\n'))));
    // The walk saw the outside text, shown as the characters it is.
    QVERIFY2(audit.literalSightings() >= minimumLiteralSightings,
             qPrintable(QStringLiteral("only %1 texts showed the markup").arg(audit.literalSightings())));
}

void TestUntrustedText::runFromServerShowsMarkupAsText()
{
    openMarkupRun();
    QCOMPARE(m_window->runHeader()->statusText(), markupText(QStringLiteral("status")).toUpper());
    QTRY_VERIFY(m_window->banner()->isVisible()); // entry 2 is of another run
    m_window->showSearch();
    m_window->searchBar()->setPattern(markupText(QStringLiteral("thought")));
    QTRY_VERIFY(m_window->searchBar()->resultText().contains(QStringLiteral("1 entry")));
    m_window->detailPane()->setMode(EntryRenderer::Mode::Json);
    QTRY_VERIFY(!m_window->detailPane()->isRendering());
    EXPECT_NO_MARKUP_RENDERED(8);

    // The table's tooltips were looked at too: hovering a cell shows one.
    MarkupAudit audit;
    audit.auditAllWidgets();
    QVERIFY(audit.itemToolTipsSeen() > 0);
}

void TestUntrustedText::serverErrorWordsShowAsText()
{
    m_server->setInterceptor([](const HttpRequest &, int) -> std::optional<HttpResponse> {
        return HttpResponse::json(400, "{\"detail\":" + JsonWriter::string(markupText(QStringLiteral("detail"))) + "}");
    });
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_VERIFY(m_window->banner()->isVisible());
    QVERIFY2(m_window->banner()->text().contains(markupText(QStringLiteral("detail"))), qPrintable(m_window->banner()->text()));
    EXPECT_NO_MARKUP_RENDERED(1);
}

void TestUntrustedText::runFromFileShowsMarkupAsText_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("extension");
    QTest::addRow("json: the run's fields and entries") << ExportFormat::Json << QStringLiteral("json");
    QTest::addRow("jsonl: entries only, the file name is the title") << ExportFormat::Jsonl << QStringLiteral("jsonl");
}

void TestUntrustedText::runFromFileShowsMarkupAsText()
{
    QFETCH(ExportFormat, format);
    QFETCH(QString, extension);
    openMarkupRun();
    QTemporaryDir directory;
    const QString path = directory.filePath(markupFileName(extension));
    QSignalSpy exported(m_window->exportController(), &ExportController::finished);
    QVERIFY(m_window->exportTo(path, format));
    EXPECT_NO_MARKUP_RENDERED(8); // the export's progress dialog names the file
    QTRY_COMPARE(exported.count(), 1);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    m_server.reset(); // the file needs no server

    m_window->openFile(path);
    QTRY_VERIFY(m_window->isShowingFile());
    QTRY_COMPARE(m_window->logModel()->rowCount(), 3);
    QTRY_VERIFY(!m_window->detailPane()->isRendering()
                && m_window->detailPane()->displayedText().contains(markupText(QStringLiteral("thought"))));
    // The title bar shows the name as it is, "[*]" included.
    QTRY_VERIFY2(m_window->windowHandle()->title().contains(markupFileName(extension)),
                 qPrintable(m_window->windowHandle()->title()));
    EXPECT_NO_MARKUP_RENDERED(6);
}

void TestUntrustedText::brokenFileNamedInMarkupShowsAsText()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(markupFileName(QStringLiteral("json")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": 1, \"organization_id\": 2, \"logs\": [ {\"agent_run_id\": 1, \"thought\": \"cut");
    file.close();
    m_window->openFile(path);
    QTRY_VERIFY(m_window->findChild<QMessageBox *>());
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY2(box->text().contains(markupFileName(QStringLiteral("json"))), qPrintable(box->text()));
    EXPECT_NO_MARKUP_RENDERED(1);
    box->close();
}

void TestUntrustedText::keychainReasonShowsAsText()
{
    OpenRunDialog dialog(m_window.get());
    dialog.setKeychainState(false, markupText(QStringLiteral("keychain")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    EXPECT_NO_MARKUP_RENDERED(1);
}

QTEST_MAIN(TestUntrustedText)
void TestUntrustedText::libraryAndRunsWindowsShowMarkupAsText()
{
    // The markup run kept in a library: its fields in the Library, its entries in the search
    // across runs, and the server's run list (the same run, its fields as markup) in Runs.
    m_libraryDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_libraryDir->isValid());
    m_library = std::make_unique<RunLibrary>(m_libraryDir->filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(m_library.get());
    m_window->setLibrary(m_library.get());
    openMarkupRun();
    QTRY_COMPARE(loaderOf(m_window->session())->pagesInFlight(), 0);
    m_library->flush();
    LibraryController *controller = m_window->libraryController();
    QVERIFY(controller);

    controller->libraryAction()->trigger();
    LibraryRunsPanel *runs = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(runs->table()->model()->rowCount(), 1);
    EXPECT_NO_MARKUP_RENDERED(10);

    controller->searchAction()->trigger();
    LibrarySearchPanel *search = controller->libraryWindow()->searchPanel();
    search->queryField()->setText(markupText(QStringLiteral("thought")));
    search->searchNow();
    QTRY_COMPARE(search->model()->rowCount(), 1);
    EXPECT_NO_MARKUP_RENDERED(10);

    controller->runsAction()->trigger();
    OrgRunsView *view = controller->runsView();
    QTRY_COMPARE(view->table()->model()->rowCount(), 1);
    EXPECT_NO_MARKUP_RENDERED(10);
}

#include "tst_untrustedtext.moc"
