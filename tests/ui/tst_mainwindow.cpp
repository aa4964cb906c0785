// SPDX-License-Identifier: MIT
// The window against the spec server on 127.0.0.1, on the offscreen platform: opening a run,
// the header, the detail pane, errors and keyboard navigation, as a user meets them.
#include "api/requestpacer.h"
#include "runsessioninternals.h"
#include "ui/detail/detailpane.h"
#include "ui/export/exportcontroller.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "session/runsession.h"
#include "rows/metadataformatter.h"
#include "ui/window/messagebanner.h"
#include "rows/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "ui/table/markedscrollbar.h"
#include "ui/window/runheader.h"
#include "ui/search/querycompleter.h"
#include "ui/search/queryerrorlabel.h"
#include "ui/search/searchbar.h"
#include "ui/search/searchcontroller.h"
#include "settings/appsettings.h"
#include "store/runlibrary.h"
#include "samplerun.h"
#include "stuckpipewriter.h"
#include "testlogserver.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QJsonDocument>
#include <QJsonObject>
#include <QClipboard>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QThreadPool>
#include <QtTest>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include <csignal>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr qint64 kOrg = 7;

QString headerText(RunHeader *header)
{
    QStringList texts;
    for (QLabel *label : header->findChildren<QLabel *>()) {
        if (label->isVisibleTo(header))
            texts << label->text() << label->toolTip(); // the tooltip holds what is elided
    }
    for (QToolButton *button : header->findChildren<QToolButton *>()) {
        if (button->isVisibleTo(header))
            texts << button->text();
    }
    return texts.join(QLatin1Char('\n'));
}
} // namespace

namespace {
// What the user sees, for a look by eye (RUNLOG_SHOTS: the folder; none: not written).
void grabTo(QWidget *widget, const QString &name, QWidget *popup = nullptr)
{
    const QString folder = qEnvironmentVariable("RUNLOG_SHOTS");
    if (folder.isEmpty())
        return;
    QPixmap shot = widget->grab();
    if (popup) {
        // The popup is a window of its own: drawn where it shows, over the window.
        QPainter painter(&shot);
        painter.drawPixmap(widget->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
    }
    shot.save(folder + u'/' + name);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startsWithEmptyState();
    void queryLanguageInTheBar();
    void filterMenuWritesTheQuery();
    void opensRunAndShowsHeader();
    void selectingRowFillsDetailPane();
    void largeEntryIsShownInFull();
    void detailJsonModeShowsExactEntry();
    void notFoundShowsMessageWithoutRetry();
    void serverErrorOffersRetryAndKeepsRows();
    void keyboardMovesBetweenEntries();
    void tokenNeverInWindowTitle();
    void followedRunStaysPinnedToNewest_data() { libraryOnAndOff(); }
    void followedRunStaysPinnedToNewest();
    void exportFetchesWholeRunAndOpensOffline();
    void fileWithoutRunIsNamedByItsFileName();
    void agentLogIsNamedByItsAgentAndFile();
    void unreadableFileKeepsWhatWasOpen();
    void searchMarksMovesAndCoversWholeRun();
    void invalidRegexSaysWhy();
    void filterByTypeShowsCount();
    void entriesOfAnotherRunAreMarked();
    void longRunOpensWithOneRequestAndEndsWithOneMore();
    void selectionKeptThroughFilterChanges();
    void clearingAFilterScrollsToTheEntryPickedInIt();
    void followOnlyForLiveRuns_data() { libraryOnAndOff(); }
    void followOnlyForLiveRuns();
    void searchSaysWhichMatchAndWhenBusy();
    void summaryColumnFitsSmallWindows_data();
    void summaryColumnFitsSmallWindows();
    void metadataIsFormattedOncePerChange();
    void openingAnotherFileNeverWaitsForTheLastOne();
    void closingTheWindowEndsTheReadOfAPipeNobodyWritesTo();
    void fullDiskStopsTheLibraryOnceAndRunsStillOpen();
    void newestFirstExportWhileTheRunGrows_data() { libraryOnAndOff(); }
    void newestFirstExportWhileTheRunGrows();
    void exportWithEntriesMissingWritesNothing();
    void newestFirstSelectionStaysOnItsEntryWhenTheRunGrows_data() { libraryOnAndOff(); }
    void newestFirstSelectionStaysOnItsEntryWhenTheRunGrows();

private:
    void openRun(qint64 runId, const QByteArray &token = {});
    // Follow tests run with the library (what every user gets) and without it (--no-store).
    static void libraryOnAndOff();
    void useLibraryIfAsked();

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_libraryDir;
    std::unique_ptr<RunLibrary> m_library;
};

void TestMainWindow::init()
{
    QStandardPaths::setTestModeEnabled(true);
    // Every test starts as a new user: no window state saved by an earlier test (or run).
    QSettings().clear();
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, 42, 1500));
    m_server->addRun(makeAwkwardRun(kOrg, 43));
    m_window = std::make_unique<MainWindow>();
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 10;
    loaderOf(m_window->session())->setRetryPolicy(fast);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    m_libraryDir.reset();
    m_server.reset();
}

void TestMainWindow::libraryOnAndOff()
{
    QTest::addColumn<bool>("withLibrary");
    QTest::addRow("library") << true;
    QTest::addRow("no-store") << false;
}

void TestMainWindow::useLibraryIfAsked()
{
    QFETCH(bool, withLibrary);
    if (!withLibrary)
        return;
    m_libraryDir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<RunLibrary>(m_libraryDir->filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(m_library.get());
    m_window->setLibrary(m_library.get());
}

void TestMainWindow::openRun(qint64 runId, const QByteArray &token)
{
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), token}, RunRef{kOrg, runId});
}

void TestMainWindow::startsWithEmptyState()
{
    auto *stack = m_window->findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentIndex(), 0);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Runlog"));
    bool hasOpenButton = false;
    for (QPushButton *button : stack->currentWidget()->findChildren<QPushButton *>())
        hasOpenButton |= button->text().contains(QStringLiteral("Open Run"));
    QVERIFY(hasOpenButton);
}

void TestMainWindow::opensRunAndShowsHeader()
{
    openRun(42);
    QVERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("Run 42"))); // at once
    QTRY_COMPARE(m_window->runHeader()->statusText(), QStringLiteral("COMPLETE"));
    const QString header = headerText(m_window->runHeader());
    QVERIFY2(header.contains(QStringLiteral("organization 7")), qPrintable(header));
    QVERIFY(header.contains(QStringLiteral("https://codegen.com/agent/trace/42")));
    QTRY_VERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("of 1,500")));
    QCOMPARE(m_window->logModel()->rowCount(), 1500);
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("Run 42")));
    // Only what is on screen was fetched.
    QTest::qWait(100);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestMainWindow::selectingRowFillsDetailPane()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    LogTableView *table = m_window->tableView();
    table->setCurrentIndex(table->model()->index(5, 0));
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 5")));
    QCOMPARE(m_window->detailPane()->entryJson(), m_server->run(42)->entries.at(5));
}

void TestMainWindow::largeEntryIsShownInFull()
{
    openRun(43);
    QTRY_VERIFY(loaderOf(m_window->session())->loadedRows() > 6);
    const QByteArray raw = m_server->run(43)->entries.at(6);
    QVERIFY(raw.size() > 2 * 1024 * 1024);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(6, 0));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->detailPane()->isRendering()
                                 && m_window->detailPane()->displayedText().size() > 2 * 1024 * 1024,
                             20000);
    // The last line of the big output is there: nothing was cut.
    const QString shown = m_window->detailPane()->displayedText();
    const QJsonObject entry = QJsonDocument::fromJson(raw).object();
    QString output;
    for (const QJsonValue &value : entry.value(QStringLiteral("tool_output")).toObject()) {
        if (value.isString() && value.toString().size() > output.size())
            output = value.toString();
    }
    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 100);
    QVERIFY2(shown.contains(lines.last().left(200)), qPrintable(lines.last().left(200)));
    QVERIFY(shown.contains(lines.at(lines.size() / 2).left(200)));
}

void TestMainWindow::detailJsonModeShowsExactEntry()
{
    openRun(43);
    QTRY_VERIFY(loaderOf(m_window->session())->loadedRows() > 2);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(2, 0));
    m_window->detailPane()->setMode(EntryRenderer::Mode::Json);
    QTRY_VERIFY(!m_window->detailPane()->isRendering()
                && m_window->detailPane()->displayedText().contains(QStringLiteral("18446744073709551615")));
    // Under its heading, entry 2 of makeAwkwardRun() indented, every token exactly as sent
    // (integers beyond 64 bits and doubles included), written out by hand.
    const QString shown = m_window->detailPane()->displayedText();
    const qsizetype headingEnd = shown.indexOf(QLatin1Char('\n'));
    QVERIFY2(shown.startsWith(QString(QChar(EntryRenderer::kHeadingMark)) + QStringLiteral(" Entry JSON")), qPrintable(shown.left(80)));
    QCOMPARE(shown.mid(headingEnd + 1), QStringLiteral(R"({
  "agent_run_id": 43,
  "created_at": "2025-06-21T12:06:33Z",
  "tool_name": "count",
  "message_type": "ACTION",
  "thought": null,
  "observation": null,
  "tool_input": {
    "n": 9007199254740993
  },
  "tool_output": {
    "min": -9223372036854775808,
    "max_u64": 18446744073709551615,
    "big": 9007199254740993,
    "float": 1.5e300
  }
})"));
    m_window->detailPane()->setMode(EntryRenderer::Mode::Readable);
}

void TestMainWindow::notFoundShowsMessageWithoutRetry()
{
    openRun(999);
    QTRY_VERIFY(m_window->banner()->isVisible());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("Run 999 was not found")),
             qPrintable(m_window->banner()->text()));
    QVERIFY(!m_window->banner()->retryOffered());
}

void TestMainWindow::serverErrorOffersRetryAndKeepsRows()
{
    bool failing = true;
    m_server->setInterceptor([&failing](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        if (failing && request.queryValue(QStringLiteral("skip")) != QLatin1String("0"))
            return HttpResponse::text(502, QByteArrayLiteral("<html>Bad Gateway</html>"), "text/html");
        return std::nullopt;
    });
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(1499, 0));
    m_window->tableView()->scrollToBottom();
    QTRY_VERIFY(m_window->banner()->retryOffered());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("502")), qPrintable(m_window->banner()->text()));
    QCOMPARE(loaderOf(m_window->session())->loadedRows(), 100); // what was loaded stays
    failing = false;
    emit m_window->banner()->retryRequested();
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 200);
    QTRY_VERIFY(!m_window->banner()->isVisible());
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 1499")));
}

void TestMainWindow::keyboardMovesBetweenEntries()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    LogTableView *table = m_window->tableView();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, 0));
    QTest::keyClick(table, Qt::Key_J);
    QCOMPARE(table->currentIndex().row(), 1);
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(table->currentIndex().row(), 2);
    QTest::keyClick(table, Qt::Key_K);
    QCOMPARE(table->currentIndex().row(), 1);
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(table->currentIndex().row(), 1499);
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 1499")));
    QTest::keyClick(table, Qt::Key_Home);
    QCOMPARE(table->currentIndex().row(), 0);
    QTest::keyClick(table, Qt::Key_PageDown);
    QVERIFY(table->currentIndex().row() > 5);
}

void TestMainWindow::tokenNeverInWindowTitle()
{
    m_server->setRequiredToken(QByteArrayLiteral("s3cret-token-value"));
    openRun(42, QByteArrayLiteral("wrong-token-value"));
    QTRY_VERIFY(m_window->banner()->isVisible());
    QVERIFY(m_window->banner()->text().contains(QStringLiteral("token was rejected")));
    for (const QString &text : {m_window->windowTitle(), m_window->banner()->text(), headerText(m_window->runHeader())})
        QVERIFY(!text.contains(QStringLiteral("token-value")));
}

void TestMainWindow::followedRunStaysPinnedToNewest()
{
    useLibraryIfAsked();
    m_server->addRun(makeRun(kOrg, 44, 60, QStringLiteral("ACTIVE")));
    // The follower polls at a quarter of the pacer's budget whatever its minimum says: with the
    // shared 60-per-60 s pacer that is every 4 s. A pacer of this window's own, with room for
    // 1000 a minute, makes it a poll every 240 ms. (A child of the window: it outlives the loader.)
    loaderOf(m_window->session())->setPacer(new RequestPacer(1000, 60000, m_window.get()));
    followerOf(m_window->session())->setMinimumIntervalMs(50);
    openRun(44);
    QCOMPARE(followerOf(m_window->session())->intervalMs(), 240);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 60);
    QTRY_VERIFY(followerOf(m_window->session())->isFollowing());
    LogTableView *table = m_window->tableView();
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    const auto run = m_server->run(44);
    auto grow = [&](int to) {
        for (int n = int(run->entries.size()); n < to; ++n)
            run->entries.append(makeSampleEntry(44, n));
        // Generous: a bound to wait for, never one that a busy machine should reach.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), to, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows(), to, 30000);
    };
    grow(150);
    QTRY_VERIFY(table->isAtBottom());
    QCOMPARE(table->visibleRows().second, 149);

    table->scrollToTop(); // reading older entries: unpinned
    grow(170);
    QTest::qWait(100);
    QVERIFY(!table->isAtBottom());
    QCOMPARE(table->visibleRows().first, 0);

    QTest::keyClick(table, Qt::Key_End); // pinned again
    grow(260);
    QTRY_VERIFY(table->isAtBottom());

    run->setStatus(QStringLiteral("COMPLETE"));
    QTRY_VERIFY(!followerOf(m_window->session())->isFollowing());
    QTRY_COMPARE(m_window->runHeader()->statusText(), QStringLiteral("COMPLETE"));
}

void TestMainWindow::exportFetchesWholeRunAndOpensOffline()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("run-42.json"));
    QSignalSpy exported(m_window->exportController(), &ExportController::finished);
    QVERIFY(m_window->exportTo(path, ExportFormat::Json));
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QCOMPARE(loaderOf(m_window->session())->loadedRows(), 1500); // every page was fetched for it

    // A second window opens the file with no server at all.
    m_server.reset();
    MainWindow offline;
    offline.openFile(path);
    QTRY_VERIFY(offline.isShowingFile());
    QTRY_COMPARE(offline.logModel()->rowCount(), 1500);
    QTRY_VERIFY(!offline.runHeader()->statusText().isEmpty());
    QVERIFY(headerText(offline.runHeader()).contains(QStringLiteral("Run 42")));
    const QByteArray last = offline.logModel()->index(1499, 0).data(LogTableModel::RawJsonRole).toByteArray();
    QCOMPARE(last, m_window->logModel()->index(1499, 0).data(LogTableModel::RawJsonRole).toByteArray());
}

// A .jsonl holds entries and no run: the header names the file, before the read ends and after
// (it said "Run 0 · organization 0" once the read was done).
void TestMainWindow::fileWithoutRunIsNamedByItsFileName()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("no-run.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int n = 0; n < 300; ++n)
        file.write(makeSampleEntry(42, n) + '\n');
    file.close();
    m_window->openFile(path);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 300);
    QTRY_VERIFY(!m_window->session()->progress().busy);
    QCoreApplication::processEvents();
    const QString header = headerText(m_window->runHeader());
    QVERIFY2(header.contains(QStringLiteral("no-run.jsonl")), qPrintable(header));
    QVERIFY2(!header.contains(QStringLiteral("Run 0")), qPrintable(header));
}

// Another agent's log (issue 28): the header names the agent and the session, the line under it
// the format and the file; what the conversion read over is said in the banner; the file goes
// to Open Recent.
void TestMainWindow::agentLogIsNamedByItsAgentAndFile()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("session.jsonl"));
    QVERIFY(QFile::copy(QStringLiteral(AGENTLOGS_DATA_DIR "/claudecode-session.jsonl"), path));
    m_window->openFile(path);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 9);
    QTRY_VERIFY(!m_window->session()->progress().busy);
    QCoreApplication::processEvents();
    const QString header = headerText(m_window->runHeader());
    QVERIFY2(header.contains(QStringLiteral("Claude Code session: Fix the failing date test")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Claude Code transcript from the file ")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("session.jsonl")), qPrintable(header));
    QVERIFY2(!header.contains(QStringLiteral("organization")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Metadata: ")), qPrintable(header));
    QTRY_VERIFY(m_window->banner()->isVisible());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("2 places of the file were read over, the first: line 7")),
             qPrintable(m_window->banner()->text()));
    QCOMPARE(m_window->logModel()->index(1, 0).data(LogTableModel::RawJsonRole).toByteArray().left(60),
             QByteArray(R"({"agent_run_id":189005202433146,"id":2,"created_at":"2025-06)"));
    QCOMPARE(AppSettings().recentFiles().value(0).path, QFileInfo(path).absoluteFilePath());
    grabTo(m_window.get(), QStringLiteral("agent-log.png"));
}

void TestMainWindow::unreadableFileKeepsWhatWasOpen()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("broken.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": 1, \"organization_id\": 2, \"logs\": [ {\"agent_run_id\": 1, \"thought\": \"cut");
    file.close();
    m_window->openFile(path);
    QTRY_VERIFY(QApplication::activeModalWidget() != nullptr || m_window->findChild<QMessageBox *>());
    auto *box = m_window->findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("broken.json")), qPrintable(box->text()));
    box->close();
    QVERIFY(!m_window->isShowingFile());
    QCOMPARE(loaderOf(m_window->session())->run().runId, qint64(42));
    QCOMPARE(m_window->logModel()->rowCount(), 1500);
}

void TestMainWindow::searchMarksMovesAndCoversWholeRun()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    QVERIFY(bar->isVisible());
    bar->setPattern(QStringLiteral("\"entry 7\""));
    // "entry 7" and "entry 70" to "entry 79" among the 100 rows loaded.
    QTRY_COMPARE(bar->resultText(), QStringLiteral("11 matches in 11 entries"));
    QVERIFY2(bar->coverageText().contains(QStringLiteral("100 of 1,500")), qPrintable(bar->coverageText()));
    QCOMPARE(m_window->tableView()->markedScrollBar()->markCount(), 11);
    // The first match is selected and highlighted in the detail pane.
    QTRY_COMPARE(m_window->tableView()->currentIndex().row(), 7);
    QTRY_VERIFY(m_window->detailPane()->highlightCount() >= 1);
    QTest::keyClick(m_window->tableView(), Qt::Key_N);
    QCOMPARE(m_window->tableView()->currentIndex().row(), 70);
    QTest::keyClick(m_window->tableView(), Qt::Key_N, Qt::ShiftModifier);
    QCOMPARE(m_window->tableView()->currentIndex().row(), 7);

    bar->setOnlyMatching(true);
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 11);
    // The count says it covers the loaded part only, and offers the rest.
    QCOMPARE(m_window->runHeader()->filterText(), QStringLiteral("Showing 11 in the 100 loaded of 1,500 · Load all"));

    emit bar->loadAllRequested();
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows(), 1500, 10000);
    QTRY_COMPARE(bar->resultText(), QStringLiteral("111 matches in 111 entries"));
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 111);
    QTRY_COMPARE(m_window->runHeader()->filterText(), QStringLiteral("Showing 111 of 1,500"));
    QVERIFY(bar->coverageText().isEmpty());

    m_window->closeSearch();
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 1500);
    QVERIFY(m_window->runHeader()->filterText().isEmpty());
}

void TestMainWindow::invalidRegexSaysWhy()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    QTest::keyClick(bar, Qt::Key_R, Qt::AltModifier); // regular expression on
    bar->setPattern(QStringLiteral("entry (7"));
    QTRY_VERIFY(!bar->errorText().isEmpty());
    QVERIFY2(bar->errorText().contains(QStringLiteral("parenthes")), qPrintable(bar->errorText()));
    bar->setPattern(QStringLiteral("entry (7|8)$"));
    QTRY_COMPARE(bar->resultText(), QStringLiteral("2 matches in 2 entries"));
}

void TestMainWindow::queryLanguageInTheBar()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    // Keys on the entries' facts, words through the search: odd entries are ACTION/bash.
    bar->setPattern(QStringLiteral("type:action entry:..10"));
    QTRY_COMPARE(bar->resultText(), QStringLiteral("5 matches in 5 entries")); // rows 1, 3, 5, 7, 9
    bar->setPattern(QStringLiteral("tool:BASH \"entry 7\" OR entry:2"));
    // Rows 7, 71, 73, 75, 77, 79 ("entry N" is row N's thought), and entry 2 (row 1; a key counts 1).
    QTRY_COMPARE(bar->resultText(), QStringLiteral("7 matches in 7 entries"));
    const QString before = bar->resultText();
    const int markedBefore = m_window->tableView()->markedScrollBar()->markCount();
    // A query that does not parse: where and why beside the field, the last result kept.
    bar->setPattern(QStringLiteral("entry 7 foo:bar"));
    QTRY_COMPARE(bar->errorText(), QStringLiteral("unknown key `foo:` at character 9"));
    QCOMPARE(bar->resultText(), before);
    QCOMPARE(m_window->tableView()->markedScrollBar()->markCount(), markedBefore);
    QVERIFY(bar->findChildren<QMessageBox *>().isEmpty());
    grabTo(bar, QStringLiteral("querybar-error.png"));
    // A message longer than the room beside the field ends in "…" where it is cut, and is whole
    // in its tooltip (it used to stop mid-word, as if that were all).
    const QString longKey(400, QLatin1Char('k'));
    bar->setPattern(QStringLiteral("entry 7 %1:bar").arg(longKey));
    const QString longError = QStringLiteral("unknown key `%1:` at character 9").arg(longKey);
    QTRY_COMPARE(bar->errorText(), longError);
    auto *errorLabel = bar->findChild<QueryErrorLabel *>();
    QVERIFY(errorLabel);
    QVERIFY2(errorLabel->text().endsWith(QChar(0x2026)), qPrintable(errorLabel->text()));
    QVERIFY(errorLabel->text().size() < longError.size());
    QVERIFY2(errorLabel->toolTip().contains(longError), qPrintable(errorLabel->toolTip()));
    bar->setPattern(QStringLiteral("type:error"));
    QTRY_VERIFY(bar->errorText().isEmpty());

    // The completer: keys as a word begins, then the run's own values.
    QLineEdit *edit = bar->findChild<QLineEdit *>();
    edit->setText(QStringLiteral("login ty"));
    QCOMPARE(bar->completer()->candidates(), QStringList{QStringLiteral("type:")});
    edit->setText(QStringLiteral("-tool:"));
    QCOMPARE(bar->completer()->candidates(), QStringList{QStringLiteral("bash")});
    edit->setText(QStringLiteral("type:ACTION,p"));
    QCOMPARE(bar->completer()->candidates(), QStringList{QStringLiteral("PLAN_EVALUATION")});
    edit->setText(QStringLiteral("is:"));
    QCOMPARE(bar->completer()->candidates(), (QStringList{QStringLiteral("marked"), QStringLiteral("failure"), QStringLiteral("loop")}));
    // Notes are kept (with the run, in the library): has: is offered, and its value.
    edit->setText(QStringLiteral("ha"));
    QCOMPARE(bar->completer()->candidates(), QStringList{QStringLiteral("has:")});
    edit->setText(QStringLiteral("has:"));
    QCOMPARE(bar->completer()->candidates(), QStringList{QStringLiteral("note")});
    // Typed, the list opens under the field.
    edit->clear();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("to"));
    QTRY_VERIFY(bar->completer()->completer()->popup()->isVisible());
    grabTo(m_window.get(), QStringLiteral("querybar-completer.png"), bar->completer()->completer()->popup());
    QTest::keyClick(bar->completer()->completer()->popup(), Qt::Key_Escape);
}

void TestMainWindow::filterMenuWritesTheQuery()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    QMenu *menu = bar->filterButton()->menu();
    emit menu->aboutToShow();
    QAction *action = nullptr;
    for (QAction *candidate : menu->actions()) {
        if (candidate->text().startsWith(QStringLiteral("ACTION")))
            action = candidate;
    }
    QVERIFY(action);
    action->trigger();
    QCOMPARE(bar->pattern(), QStringLiteral("type:ACTION"));
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 50); // only matching: the odd entries loaded
    // The menu reads its choices back from the bar, and a second one joins the list.
    emit menu->aboutToShow();
    QAction *plan = nullptr;
    for (QAction *candidate : menu->actions()) {
        if (candidate->text().startsWith(QStringLiteral("ACTION")))
            QVERIFY(candidate->isChecked());
        if (candidate->text().startsWith(QStringLiteral("PLAN_EVALUATION")))
            plan = candidate;
    }
    QVERIFY(plan && !plan->isChecked());
    plan->trigger();
    QCOMPARE(bar->pattern(), QStringLiteral("type:ACTION,PLAN_EVALUATION"));
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 100);
}

void TestMainWindow::filterByTypeShowsCount()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("ACTION")});
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 50); // odd entries of the loaded 100
    QCOMPARE(m_window->runHeader()->filterText(), QStringLiteral("Showing 50 in the 100 loaded of 1,500 · Load all"));
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(0, 0));
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 1")));
    m_window->searchController()->clearFilters();
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 1500);
}

void TestMainWindow::entriesOfAnotherRunAreMarked()
{
    TestLogServer *server = m_server.get();
    m_server->setInterceptor([server](const HttpRequest &request, int) -> std::optional<HttpResponse> {
        HttpResponse response = server->endpoint().handle(request);
        if (response.status == 200) // the third entry of every page claims another run
            response.body.replace(response.body.indexOf("\"agent_run_id\":42,\"created_at\":\"2025-01-01T00:00:02Z"),
                                  qstrlen("\"agent_run_id\":42"), "\"agent_run_id\":99");
        return response;
    });
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    QTRY_VERIFY(m_window->banner()->isVisible());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("run 99")), qPrintable(m_window->banner()->text()));
    const QString summary = m_window->logModel()->index(2, LogTableModel::SummaryColumn).data().toString();
    QVERIFY2(summary.startsWith(QStringLiteral("⚠ entry of run 99")), qPrintable(summary));
    QCOMPARE(m_window->logModel()->rowCount(), 1500); // nothing dropped, nothing shifted
}

void TestMainWindow::longRunOpensWithOneRequestAndEndsWithOneMore()
{
    m_server->addRun(makeRun(kOrg, 45, 12000));
    openRun(45);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    QTest::qWait(200);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_window->logModel()->rowCount(), 12000);
    QTest::keyClick(m_window->tableView(), Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 11999")));
    QTest::qWait(200);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requestLog().last().skip, QStringLiteral("11900"));
}

void TestMainWindow::selectionKeptThroughFilterChanges()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    LogTableView *table = m_window->tableView();
    QAbstractItemModel *view = table->model();
    const auto sourceRowOfCurrent = [&] {
        return view->index(table->currentIndex().row(), LogTableModel::IndexColumn).data().toInt() - 1;
    };
    const auto onScreenY = [&] { return table->rowViewportPosition(table->currentIndex().row()); };
    table->setCurrentIndex(view->index(41, 0)); // entry 41, an ACTION (odd entries are)
    table->scrollTo(table->currentIndex(), QAbstractItemView::PositionAtCenter);
    const int y = onScreenY();
    QVERIFY(y > 0);

    // A filter that keeps the entry: still selected, at the same height.
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("ACTION")});
    QTRY_COMPARE(view->rowCount(), 50);
    QCOMPARE(sourceRowOfCurrent(), 41);
    QCOMPARE(onScreenY(), y);

    // Filters off again: the same entry, the same place.
    m_window->searchController()->clearFilters();
    QTRY_COMPARE(view->rowCount(), 1500);
    QCOMPARE(sourceRowOfCurrent(), 41);
    QCOMPARE(onScreenY(), y);

    // A filter that hides it: the nearest shown entry stands in, in view...
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("PLAN_EVALUATION")});
    QTRY_COMPARE(view->rowCount(), 50);
    QVERIFY(qAbs(sourceRowOfCurrent() - 41) == 1);
    QVERIFY(onScreenY() >= 0 && onScreenY() < table->viewport()->height());
    // ...and the user's entry comes back when the filter goes.
    m_window->searchController()->clearFilters();
    QTRY_COMPARE(view->rowCount(), 1500);
    QCOMPARE(sourceRowOfCurrent(), 41);

    // Only matching, on and off.
    m_window->showSearch();
    m_window->searchBar()->setPattern(QStringLiteral("\"entry 4\""));
    QTRY_COMPARE(m_window->searchBar()->resultText(), QStringLiteral("11 matches in 11 entries")); // 4, 40 to 49
    table->setCurrentIndex(view->index(41, 0));
    m_window->searchBar()->setOnlyMatching(true);
    QTRY_VERIFY(view->rowCount() < 1500);
    QCOMPARE(sourceRowOfCurrent(), 41);
    m_window->searchBar()->setOnlyMatching(false);
    QTRY_COMPARE(view->rowCount(), 1500);
    QCOMPARE(sourceRowOfCurrent(), 41);
    const int row = table->currentIndex().row();
    QVERIFY(table->rowViewportPosition(row) >= 0 && table->rowViewportPosition(row) < table->viewport()->height());
}

// Issue 27, stumble 2: filter, pick an entry far down the filtered rows, clear the filter; the
// table shows that entry (it stayed at the filtered rows' height while the pane showed the entry).
void TestMainWindow::clearingAFilterScrollsToTheEntryPickedInIt()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    LogTableView *table = m_window->tableView();
    QAbstractItemModel *view = table->model();
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("ACTION")});
    QTRY_COMPARE(view->rowCount(), 50);
    // The last ACTION loaded, entry 100, clicked as a user would.
    table->scrollToBottom();
    const QModelIndex last = view->index(49, LogTableModel::SummaryColumn);
    QCOMPARE(last.siblingAtColumn(LogTableModel::IndexColumn).data().toInt(), 100);
    const QRect rect = table->visualRect(last);
    QVERIFY(table->viewport()->rect().contains(rect.center()));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 99")));
    const int y = table->rowViewportPosition(49);

    m_window->searchController()->clearFilters();
    QTRY_COMPARE(view->rowCount(), 1500);
    const int row = table->currentIndex().row();
    QCOMPARE(view->index(row, LogTableModel::IndexColumn).data().toInt(), 100);
    QCOMPARE(row, 99);
    // On screen, where it was.
    QCOMPARE(table->rowViewportPosition(row), y);
}

void TestMainWindow::followOnlyForLiveRuns()
{
    useLibraryIfAsked();
    QAction *follow = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_L))
            follow = action;
    }
    QVERIFY(follow);
    QVERIFY(!follow->isEnabled()); // nothing open
    QVERIFY(!follow->isChecked());

    openRun(42); // COMPLETE
    QTRY_COMPARE(m_window->runHeader()->statusText(), QStringLiteral("COMPLETE"));
    QTest::qWait(50);
    QVERIFY(!follow->isEnabled());
    QVERIFY(!follow->isChecked()); // greyed and unchecked: nothing is being followed
    QVERIFY(!headerText(m_window->runHeader()).contains(QStringLiteral("Live")));

    m_server->addRun(makeRun(kOrg, 44, 300, QStringLiteral("ACTIVE")));
    followerOf(m_window->session())->setMinimumIntervalMs(100);
    openRun(44);
    QTRY_VERIFY(follow->isEnabled());
    QVERIFY(follow->isChecked()); // followed, as the user left it
    QTRY_VERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("Live")));
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);

    // Turned on, it goes to the newest entries.
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(3, 0));
    follow->trigger(); // off
    QVERIFY(!follow->isChecked());
    QTRY_VERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("paused")));
    follow->trigger(); // on
    QTRY_COMPARE(m_window->tableView()->currentIndex().row(), m_window->tableView()->model()->rowCount() - 1);
    QTRY_VERIFY(m_window->tableView()->isAtBottom());

    // The run finishes: nothing to follow any more.
    m_server->run(44)->setStatus(QStringLiteral("COMPLETE"));
    QTRY_VERIFY_WITH_TIMEOUT(!follow->isEnabled(), 10000);
    QVERIFY(!follow->isChecked());
    QTRY_VERIFY(!headerText(m_window->runHeader()).contains(QStringLiteral("Live")));
}

void TestMainWindow::searchSaysWhichMatchAndWhenBusy()
{
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    bar->setPattern(QStringLiteral("\"entry 7\""));
    QTRY_VERIFY(!bar->isBusy());
    QTRY_COMPARE(m_window->tableView()->currentIndex().row(), 7);
    QLabel *count = nullptr;
    const auto findCount = [&] {
        for (QLabel *label : bar->findChildren<QLabel *>()) {
            if (label->text() == QStringLiteral("1 of 11"))
                count = label;
        }
        return count != nullptr;
    };
    QTRY_VERIFY2(findCount(), "the position of the selected match among 11");
    const int width = count->width();
    QTest::keyClick(m_window->tableView(), Qt::Key_N);
    QTRY_COMPARE(count->text(), QStringLiteral("2 of 11"));
    // A new query: the old count is not shown as if it were this one's.
    bar->setPattern(QStringLiteral("\"entry 8\""));
    QVERIFY(count->text() != QStringLiteral("2 of 11"));
    QTRY_VERIFY(!bar->isBusy());
    QTRY_VERIFY2(count->text().endsWith(QStringLiteral(" of 11")), qPrintable(count->text()));
    QCOMPARE(count->width(), width); // a fixed place: nothing after it moves
}

void TestMainWindow::summaryColumnFitsSmallWindows_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("1600x1000") << QSize(1600, 1000);
    QTest::addRow("1024x640") << QSize(1024, 640);
    QTest::addRow("800x500") << QSize(800, 500);
}

void TestMainWindow::summaryColumnFitsSmallWindows()
{
    QFETCH(QSize, size);
    openRun(42);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    m_window->resize(size);
    QTRY_COMPARE(m_window->size(), size); // the window may be that small
    QTest::qWait(50);
    LogTableView *table = m_window->tableView();
    const int summaryLeft = table->columnViewportPosition(LogTableModel::SummaryColumn);
    const int summaryWidth = table->columnWidth(LogTableModel::SummaryColumn);
    // At least fifteen characters of every summary show, inside the table.
    const int fifteenCharacters = table->fontMetrics().horizontalAdvance(QString(15, QLatin1Char('x')));
    QVERIFY2(summaryLeft >= 0 && summaryLeft + fifteenCharacters <= table->viewport()->width(),
             qPrintable(QStringLiteral("summary at %1 of %2").arg(summaryLeft).arg(table->viewport()->width())));
    QVERIFY(summaryWidth >= fifteenCharacters);
    QVERIFY(m_window->minimumSizeHint().width() <= 800);
}


// Every page repeats the run's metadata: the header formats it once, not once per page, and
// again only when it changes.
void TestMainWindow::metadataIsFormattedOncePerChange()
{
    const auto run = m_server->run(42);
    run->setField(QStringLiteral("metadata"), QByteArrayLiteral("{\"repo\":\"runlog\",\"tags\":[1,2,3]}"));
    openRun(42);
    loaderOf(m_window->session())->loadAll();
    QTRY_COMPARE_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows(), 1500, 20000);
    QVERIFY(m_server->requestCount() >= 15);
    const MetadataFormatter *formatter = m_window->runHeader()->metadataFormatter();
    QTRY_VERIFY(!formatter->isFormatting());
    QCOMPARE(formatter->formatCount(), 1);
    QVERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("Metadata: repo: runlog · tags: [1,2,3]")));

    // The look past the end that Load All ends with may still be on its way: let it land first.
    QTRY_COMPARE(loaderOf(m_window->session())->pagesInFlight(), 0);
    run->setField(QStringLiteral("metadata"), QByteArrayLiteral("{\"repo\":\"runlog\",\"tags\":[4]}"));
    loaderOf(m_window->session())->checkForNewEntries();
    QTRY_VERIFY(headerText(m_window->runHeader()).contains(QStringLiteral("Metadata: repo: runlog · tags: [4]")));
    QCOMPARE(formatter->formatCount(), 2);
}


// The file being read is stuck (a pipe nobody closes stands in for a huge entry being parsed):
// opening another file shows it without waiting for the first one. A watchdog closes the pipe
// after a long while so that a window that does wait fails here instead of hanging.
void TestMainWindow::openingAnotherFileNeverWaitsForTheLastOne()
{
    // The stuck worker holds a pool thread; the next file needs another even on one core.
    QThreadPool::globalInstance()->setMaxThreadCount(std::max(4, QThreadPool::globalInstance()->maxThreadCount()));
    QTemporaryDir directory;
    const QByteArray fifo = QFile::encodeName(directory.filePath(QStringLiteral("stuck.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    QByteArray lines;
    for (int n = 0; n < 50; ++n)
        lines += makeSampleEntry(42, n) + '\n';
    const QString good = directory.filePath(QStringLiteral("good.jsonl"));
    QFile file(good);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(lines) == lines.size());
    file.close();

    m_window->openFile(QString::fromLocal8Bit(fifo));
    StuckPipeWriter writer(fifo); // returns once the reader opened the pipe
    QVERIFY(writer.isOpen());
    m_window->openFile(good);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isShowingFile() && m_window->logModel()->rowCount() == 50, 60000);
    QVERIFY2(!writer.stopWatchdog(), "opening the second file waited for the first one's worker");
    QCOMPARE(m_window->logModel()->index(49, 0).data(LogTableModel::RawJsonRole).toByteArray(), makeSampleEntry(42, 49));
    writer.close();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
}


// A FIFO with no writer, opened as a run: Quit (the window closed and gone, as at the end of
// main()) must not leave the process waiting for a writer. QCoreApplication's destructor waits
// for the global pool, so a worker stuck in open() or read() would keep the process alive. The
// wait is a limit, not a measure of speed; a stuck worker is freed afterwards.
void TestMainWindow::closingTheWindowEndsTheReadOfAPipeNobodyWritesTo()
{
    QTemporaryDir directory;
    const QByteArray fifo = QFile::encodeName(directory.filePath(QStringLiteral("nobody.jsonl")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    m_window->openFile(QString::fromLocal8Bit(fifo));
    QTest::qWait(300);
    m_window->close();
    m_window.reset();
    const bool ended = QThreadPool::globalInstance()->waitForDone(30000);
    if (!ended) {
        const int writer = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK);
        if (writer >= 0)
            ::close(writer);
        QThreadPool::globalInstance()->waitForDone(30000);
    }
    QVERIFY2(ended, "the file's worker still waited for a writer after the window was gone");
}


// The disk holding the library fills up while a run is fetched (a limit on the size of the files
// this process writes stands for it; SIGXFSZ ignored, so the write fails instead of the process):
// the window says so once, in a message naming the library's folder, and every run still opens
// whole from the server.
void TestMainWindow::fullDiskStopsTheLibraryOnceAndRunsStillOpen()
{
    m_libraryDir = std::make_unique<QTemporaryDir>();
    const QString folder = m_libraryDir->filePath(QStringLiteral("library"));
    m_library = std::make_unique<RunLibrary>(folder);
    RunLoader::setDefaultPageCache(m_library.get());
    m_window->setLibrary(m_library.get());
    QVERIFY(m_library->isAvailable());
    m_server->addRun(makeRun(kOrg, 45, 800));

    struct rlimit before = {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &before), 0);
    const auto previousHandler = ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = before;
    small.rlim_cur = 160 * 1024; // the soft limit only: it can be raised again
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
    const auto restore = qScopeGuard([&] {
        ::setrlimit(RLIMIT_FSIZE, &before);
        ::signal(SIGXFSZ, previousHandler);
    });

    const auto stoppedBoxes = [this] {
        QList<QMessageBox *> boxes;
        for (QMessageBox *box : m_window->findChildren<QMessageBox *>()) {
            if (box->text().contains(QStringLiteral("goes on without the library")))
                boxes.append(box);
        }
        return boxes;
    };
    openRun(42);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 1500);
    loaderOf(m_window->session())->loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() == 1500, 30000);
    QTRY_COMPARE(stoppedBoxes().size(), 1);
    QVERIFY2(stoppedBoxes().first()->text().contains(QDir::toNativeSeparators(folder)), qPrintable(stoppedBoxes().first()->text()));
    QCOMPARE(stoppedBoxes().first()->textFormat(), Qt::PlainText);

    // Another run: from the server, whole, and nothing said again.
    openRun(45);
    QTRY_COMPARE(m_window->logModel()->rowCount(), 800);
    loaderOf(m_window->session())->loadAll();
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() == 800, 30000);
    QCOMPARE(m_window->logModel()->index(799, 0).data(LogTableModel::RawJsonRole).toByteArray(), makeSampleEntry(45, 799));
    QTest::qWait(100);
    QCOMPARE(stoppedBoxes().size(), 1);
    QVERIFY(!m_library->isAvailable());
}


// Newest first, the run grows while Export fetches the pages it lacks: the file has every entry
// exactly once, oldest first (an export's order, whatever the view's).
void TestMainWindow::newestFirstExportWhileTheRunGrows()
{
    useLibraryIfAsked();
    m_server->addRun(makeRun(kOrg, 45, 450, QStringLiteral("ACTIVE")));
    const auto run = m_server->run(45);
    TestLogServer *server = m_server.get();
    const QMap<int, int> growth{{2, 17}, {4, 100}, {5, 3}};
    const QMap<int, int> delays{{1, 300}};
    m_server->setInterceptor([=](const HttpRequest &request, int index) -> std::optional<HttpResponse> {
        for (int n = 0; n < growth.value(index); ++n)
            run->entries.append(makeSampleEntry(45, int(run->entries.size())));
        HttpResponse response = server->endpoint().handle(request);
        response.delayMs = delays.value(index);
        return response;
    });
    followerOf(m_window->session())->setEnabled(false);
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, 45}, true);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 100);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("run-45.jsonl"));
    QSignalSpy exported(m_window->exportController(), &ExportController::finished);
    QVERIFY(m_window->exportTo(path, ExportFormat::Jsonl));
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QCOMPARE(run->entries.size(), 450 + 17 + 100 + 3);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    QCOMPARE(lines.size(), run->entries.size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QCOMPARE(lines.at(i), run->entries.at(i));
}

// An export never has holes: with entries missing it writes nothing and says how many.
void TestMainWindow::exportWithEntriesMissingWritesNothing()
{
    QWidget parent;
    RunSession session;
    LogTableModel &model = *session.model();
    model.resizeRows(5);
    QList<LogEntry> one;
    LogEntry entry;
    entry.rawJson = makeSampleEntry(42, 1);
    one << entry;
    model.setEntries(1, std::move(one));
    ExportController controller(&session, &parent);
    QSignalSpy finished(&controller, &ExportController::finished);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("holes.jsonl"));
    ExportController::Source source;
    source.description = QStringLiteral("a run with holes");
    controller.exportTo(source, path, ExportFormat::Jsonl);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("4 of the 5 entries are not loaded")),
             qPrintable(finished.first().at(1).toString()));
    QVERIFY(!QFile::exists(path));
}


// Newest first, new entries come in at the top and every row moves down: the selected entry
// stays selected, and Copy copies that entry, not whichever now sits at its old row.
void TestMainWindow::newestFirstSelectionStaysOnItsEntryWhenTheRunGrows()
{
    useLibraryIfAsked();
    m_server->addRun(makeRun(kOrg, 46, 60, QStringLiteral("ACTIVE")));
    followerOf(m_window->session())->setMinimumIntervalMs(50);
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, 46}, true);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 60);
    LogTableView *table = m_window->tableView();
    table->setCurrentIndex(table->model()->index(5, 0)); // entry 54 (60 - 1 - 5)
    const auto run = m_server->run(46);
    QTRY_COMPARE(m_window->detailPane()->entryJson(), run->entries.at(54));
    for (int n = 60; n < 67; ++n)
        run->entries.append(makeSampleEntry(46, n));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), 67, 5000);
    QTRY_COMPARE(loaderOf(m_window->session())->loadedRows(), 67);
    QCOMPARE(table->currentIndex().row(), 12);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text().toUtf8(), run->entries.at(54));
    run->setStatus(QStringLiteral("COMPLETE"));
    QTRY_VERIFY(!followerOf(m_window->session())->isFollowing());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
