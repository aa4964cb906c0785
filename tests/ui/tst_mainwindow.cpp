// The window against the spec server on 127.0.0.1, on the offscreen platform: opening a run,
// the header, the detail pane, errors and keyboard navigation, as a user meets them.
#include "api/requestpacer.h"
#include "detailpane.h"
#include "exportcontroller.h"
#include "logtableview.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "model/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "markedscrollbar.h"
#include "runheader.h"
#include "searchbar.h"
#include "searchcontroller.h"
#include "samplerun.h"
#include "testlogserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;

QString headerText(RunHeader *header)
{
    QStringList texts;
    for (QLabel *label : header->findChildren<QLabel *>()) {
        if (label->isVisibleTo(header))
            texts << label->text();
    }
    return texts.join(QLatin1Char('\n'));
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startsWithEmptyState();
    void opensRunAndShowsHeader();
    void selectingRowFillsDetailPane();
    void largeEntryIsShownInFull();
    void detailJsonModeShowsExactEntry();
    void notFoundShowsMessageWithoutRetry();
    void serverErrorOffersRetryAndKeepsRows();
    void keyboardMovesBetweenEntries();
    void tokenNeverInWindowTitle();
    void followedRunStaysPinnedToNewest();
    void exportFetchesWholeRunAndOpensOffline();
    void unreadableFileKeepsWhatWasOpen();
    void searchMarksMovesAndCoversWholeRun();
    void invalidRegexSaysWhy();
    void filterByTypeShowsCount();
    void entriesOfAnotherRunAreMarked();
    void longRunOpensWithOneRequestAndEndsWithOneMore();

private:
    void openRun(qint64 runId, const QByteArray &token = {});

    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->addRun(makeRun(kOrg, 42, 1500));
    m_server->addRun(makeAwkwardRun(kOrg, 43));
    m_window = std::make_unique<MainWindow>();
    RunLoader::RetryPolicy fast;
    fast.maxAttempts = 2;
    fast.baseDelayMs = 10;
    m_window->loader()->setRetryPolicy(fast);
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_server.reset();
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
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    LogTableView *table = m_window->tableView();
    table->setCurrentIndex(table->model()->index(5, 0));
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 5")));
    QCOMPARE(m_window->detailPane()->entryJson(), m_server->run(42)->entries.at(5));
}

void TestMainWindow::largeEntryIsShownInFull()
{
    openRun(43);
    QTRY_VERIFY(m_window->loader()->loadedRows() > 6);
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
    QTRY_VERIFY(m_window->loader()->loadedRows() > 2);
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
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    m_window->tableView()->setCurrentIndex(m_window->tableView()->model()->index(1499, 0));
    m_window->tableView()->scrollToBottom();
    QTRY_VERIFY(m_window->banner()->retryOffered());
    QVERIFY2(m_window->banner()->text().contains(QStringLiteral("502")), qPrintable(m_window->banner()->text()));
    QCOMPARE(m_window->loader()->loadedRows(), 100); // what was loaded stays
    failing = false;
    emit m_window->banner()->retryRequested();
    QTRY_COMPARE(m_window->loader()->loadedRows(), 200);
    QTRY_VERIFY(!m_window->banner()->isVisible());
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 1499")));
}

void TestMainWindow::keyboardMovesBetweenEntries()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
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
    m_server->addRun(makeRun(kOrg, 44, 60, QStringLiteral("ACTIVE")));
    // The follower polls at a quarter of the pacer's budget whatever its minimum says: with the
    // shared 60-per-60 s pacer that is every 4 s. A pacer of this window's own, with room for
    // 1000 a minute, makes it a poll every 240 ms. (A child of the window: it outlives the loader.)
    m_window->loader()->setPacer(new RequestPacer(1000, 60000, m_window.get()));
    m_window->follower()->setMinimumIntervalMs(50);
    openRun(44);
    QCOMPARE(m_window->follower()->intervalMs(), 240);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 60);
    QTRY_VERIFY(m_window->follower()->isFollowing());
    LogTableView *table = m_window->tableView();
    QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
    const auto run = m_server->run(44);
    auto grow = [&](int to) {
        for (int n = int(run->entries.size()); n < to; ++n)
            run->entries.append(makeSampleEntry(44, n));
        // Generous: a bound to wait for, never one that a busy machine should reach.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->logModel()->rowCount(), to, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->loader()->loadedRows(), to, 30000);
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
    QTRY_VERIFY(!m_window->follower()->isFollowing());
    QTRY_COMPARE(m_window->runHeader()->statusText(), QStringLiteral("COMPLETE"));
}

void TestMainWindow::exportFetchesWholeRunAndOpensOffline()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("run-42.json"));
    QSignalSpy exported(m_window->exportController(), &ExportController::finished);
    QVERIFY(m_window->exportTo(path, ExportFormat::Json));
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
    QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
    QCOMPARE(m_window->loader()->loadedRows(), 1500); // every page was fetched for it

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

void TestMainWindow::unreadableFileKeepsWhatWasOpen()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
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
    QCOMPARE(m_window->loader()->run().runId, qint64(42));
    QCOMPARE(m_window->logModel()->rowCount(), 1500);
}

void TestMainWindow::searchMarksMovesAndCoversWholeRun()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    QVERIFY(bar->isVisible());
    bar->setPattern(QStringLiteral("entry 7"));
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
    QCOMPARE(m_window->runHeader()->filterText(), QStringLiteral("Showing 11 of 1,500"));

    emit bar->loadAllRequested();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->loader()->loadedRows(), 1500, 10000);
    QTRY_COMPARE(bar->resultText(), QStringLiteral("111 matches in 111 entries"));
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 111);
    QVERIFY(bar->coverageText().isEmpty());

    m_window->closeSearch();
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 1500);
    QVERIFY(m_window->runHeader()->filterText().isEmpty());
}

void TestMainWindow::invalidRegexSaysWhy()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    m_window->showSearch();
    SearchBar *bar = m_window->searchBar();
    QTest::keyClick(bar, Qt::Key_R, Qt::AltModifier); // regular expression on
    bar->setPattern(QStringLiteral("entry (7"));
    QTRY_VERIFY(!bar->errorText().isEmpty());
    QVERIFY2(bar->errorText().contains(QStringLiteral("parenthes")), qPrintable(bar->errorText()));
    bar->setPattern(QStringLiteral("entry (7|8)$"));
    QTRY_COMPARE(bar->resultText(), QStringLiteral("2 matches in 2 entries"));
}

void TestMainWindow::filterByTypeShowsCount()
{
    openRun(42);
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    m_window->searchController()->setAllowedMessageTypes({QStringLiteral("ACTION")});
    QTRY_COMPARE(m_window->tableView()->model()->rowCount(), 50); // odd entries of the loaded 100
    QCOMPARE(m_window->runHeader()->filterText(), QStringLiteral("Showing 50 of 1,500"));
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
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
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
    QTRY_COMPARE(m_window->loader()->loadedRows(), 100);
    QTest::qWait(200);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_window->logModel()->rowCount(), 12000);
    QTest::keyClick(m_window->tableView(), Qt::Key_End, Qt::ControlModifier);
    QTRY_VERIFY(m_window->detailPane()->displayedText().contains(QStringLiteral("entry 11999")));
    QTest::qWait(200);
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requestLog().last().skip, QStringLiteral("11900"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
