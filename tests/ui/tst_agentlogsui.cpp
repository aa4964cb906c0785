// SPDX-License-Identifier: MIT
// Other agents' logs in the window (issue 28): an Inspect eval log of several samples opens a
// chooser (filter, Enter) and then the sample chosen, which Open Recent opens again as that
// sample; a Claude Code session read in the window goes into the library, listed with its format,
// found by Search All Runs and opened again from there; a log dropped on the window opens.
// Expected values from the hand-written logs in tests/agentlogs/data.
#include "newuserlibrary.h"
#include "ui/library/librarycontroller.h"
#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "ui/open/openruncontroller.h"
#include "ui/open/samplechooserdialog.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/runheader.h"
#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "session/runsession.h"
#include "settings/appsettings.h"
#include "store/libraryrunsmodel.h"
#include "store/librarysearchmodel.h"
#include "store/runlibrary.h"
#include "session/agentrunstore.h"
#include "ui/window/messagebanner.h"
#include "rows/logtablemodel.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QStatusBar>
#include <QtTest>

#include <memory>

namespace {
QString dataPath(const char *name)
{
    return QDir::cleanPath(QStringLiteral(AGENTLOGS_DATA_DIR "/") + QLatin1String(name));
}

// For looking at by eye: RUNLOG_SHOTS=/some/folder saves what the user sees there.
void grabTo(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("RUNLOG_SHOTS");
    if (!folder.isEmpty())
        widget->grab().save(folder + u'/' + name);
}

QString headerText(const RunHeader *header)
{
    QStringList texts;
    for (const QLabel *label : header->findChildren<QLabel *>()) {
        if (label->isVisibleTo(header))
            texts << label->text() << label->toolTip(); // the tooltip holds what is elided
    }
    return texts.join(u'\n');
}
} // namespace

class TestAgentLogsUi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void severalSamplesOpenAChooser();
    void cancellingTheChooserKeepsWhatWasOpen();
    void openRecentReopensTheSample();
    void agentRunGoesIntoTheLibrary();
    void goneLogOpensTheLibrarysCopy();
    void droppedLogOpens();
    void subagentStepsSaySo();
    void demoOpensAgentLogsFromItsOwnFolder();

private:
    std::unique_ptr<MainWindow> newWindow();

    std::unique_ptr<NewUserLibrary> m_newUser;
    RunLibrary *m_library = nullptr;
};

void TestAgentLogsUi::init()
{
    m_newUser = std::make_unique<NewUserLibrary>();
    QVERIFY(m_newUser->isValid());
    m_library = m_newUser->library();
}

void TestAgentLogsUi::cleanup()
{
    m_library = nullptr;
    m_newUser.reset();
}

std::unique_ptr<MainWindow> TestAgentLogsUi::newWindow()
{
    return m_newUser->showWindow();
}

void TestAgentLogsUi::severalSamplesOpenAChooser()
{
    auto window = newWindow();
    window->openFile(dataPath("inspect-eval.json"));
    QTRY_VERIFY(window->sampleChooser());
    SampleChooserDialog *chooser = window->sampleChooser();
    QTRY_VERIFY(chooser->isVisible());
    QVERIFY(!window->session()->isOpen()); // nothing opened behind the question
    // The reading stopped at the question: the status bar no longer says it converts.
    QCOMPARE(window->statusBar()->currentMessage(), QString());
    const QAbstractItemModel *samples = chooser->view()->model();
    QCOMPARE(samples->rowCount(), 2);
    QCOMPARE(samples->index(0, SampleChooserDialog::Id).data().toString(), QStringLiteral("s-1"));
    QCOMPARE(samples->index(0, SampleChooserDialog::Epoch).data().toString(), QStringLiteral("1"));
    QCOMPARE(samples->index(0, SampleChooserDialog::Input).data().toString(), QStringLiteral("Finde die Flagge in /größe 🙂"));
    QCOMPARE(samples->index(0, SampleChooserDialog::Target).data().toString(), QStringLiteral("FLAG{x}"));
    QCOMPARE(samples->index(0, SampleChooserDialog::Score).data().toString(), QStringLiteral("C"));
    QCOMPARE(samples->index(0, SampleChooserDialog::ToolCalls).data().toString(), QStringLiteral("4"));
    QCOMPARE(samples->index(1, SampleChooserDialog::Id).data().toString(), QStringLiteral("2"));
    QCOMPARE(samples->index(1, SampleChooserDialog::Score).data().toString(), QStringLiteral("error"));
    QCOMPARE(samples->index(1, SampleChooserDialog::ToolCalls).data().toString(), QStringLiteral("2"));
    QCOMPARE(chooser->filterField()->accessibleName(), QStringLiteral("Filter the samples"));
    QCOMPARE(chooser->view()->accessibleName(), QStringLiteral("Samples"));
    grabTo(chooser, QStringLiteral("sample-chooser.png"));

    // The keyboard alone: filter, then Enter opens the one sample left.
    chooser->filterField()->setFocus();
    QTest::keyClicks(chooser->filterField(), QStringLiteral("rechne"));
    QCOMPARE(samples->rowCount(), 1);
    QTest::keyClick(chooser->filterField(), Qt::Key_Down);
    QTest::keyClick(chooser->view(), Qt::Key_Return);
    QTRY_VERIFY(window->session()->isOpen());
    QTRY_VERIFY(!window->session()->progress().busy);
    QCOMPARE(window->session()->fileSample(), std::optional<SampleRef>(SampleRef{QStringLiteral("2"), 1}));
    QTRY_COMPARE(window->logModel()->rowCount(), 5);
    QCOMPARE(window->logModel()->store().at(0).messageType, QStringLiteral("USER_MESSAGE"));
    const QString header = headerText(window->runHeader());
    QVERIFY2(header.contains(QStringLiteral("Inspect eval log, sample 2, epoch 1, from the file ")), qPrintable(header));
    QVERIFY2(window->windowTitle().startsWith(QStringLiteral("inspect-eval.json (sample 2, epoch 1)")), qPrintable(window->windowTitle()));
    const QList<RecentFile> recent = AppSettings().recentFiles();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().path, dataPath("inspect-eval.json"));
    QCOMPARE(recent.first().sample, std::optional<SampleRef>(SampleRef{QStringLiteral("2"), 1}));
}

void TestAgentLogsUi::cancellingTheChooserKeepsWhatWasOpen()
{
    auto window = newWindow();
    window->openFile(dataPath("claudecode-session.jsonl"));
    QTRY_VERIFY(window->session()->isOpen());
    QTRY_COMPARE(window->logModel()->rowCount(), 9);
    window->openFile(dataPath("inspect-eval.eval"));
    QTRY_VERIFY(window->sampleChooser());
    QCOMPARE(window->sampleChooser()->view()->model()->rowCount(), 3);
    QTest::keyClick(window->sampleChooser()->view(), Qt::Key_Escape);
    QTRY_VERIFY(!window->sampleChooser());
    QCOMPARE(window->session()->filePath(), dataPath("claudecode-session.jsonl"));
    QCOMPARE(window->logModel()->rowCount(), 9);
}

void TestAgentLogsUi::openRecentReopensTheSample()
{
    AppSettings().addRecentFile(RecentFile{dataPath("inspect-eval.eval"), SampleRef{QStringLiteral("s-1"), 1}});
    auto window = newWindow();
    QMenu menu;
    window->openRunController()->populateRecentMenu(&menu);
    QAction *recent = nullptr;
    for (QAction *action : menu.actions()) {
        if (action->text() == QStringLiteral("inspect-eval.eval (sample s-1, epoch 1)"))
            recent = action;
    }
    QVERIFY(recent);
    recent->trigger();
    QTRY_VERIFY(window->session()->isOpen());
    QTRY_VERIFY(!window->session()->progress().busy);
    QVERIFY(!window->sampleChooser()); // the sample remembered: no question
    QCOMPARE(window->session()->fileSample(), std::optional<SampleRef>(SampleRef{QStringLiteral("s-1"), 1}));
    QTRY_COMPARE(window->logModel()->rowCount(), 9);
}

void TestAgentLogsUi::agentRunGoesIntoTheLibrary()
{
    auto window = newWindow();
    window->openFile(dataPath("claudecode-session.jsonl"));
    QTRY_VERIFY(window->session()->isOpen());
    QTRY_VERIFY(window->session()->isFullyLoaded());
    m_library->flush();

    LibraryController *controller = window->libraryController();
    QVERIFY(controller);
    controller->libraryAction()->trigger();
    LibraryRunsPanel *panel = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(panel->table()->model()->rowCount(), 1);
    const QAbstractItemModel *runs = panel->table()->model();
    QCOMPARE(runs->index(0, LibraryRunsModel::Run).data().toString(), QStringLiteral("189005202433146"));
    QCOMPARE(runs->index(0, LibraryRunsModel::Origin).data().toString(), QStringLiteral("Claude Code: claudecode-session.jsonl"));
    QCOMPARE(runs->index(0, LibraryRunsModel::Origin).data(Qt::ToolTipRole).toString(), dataPath("claudecode-session.jsonl"));
    QCOMPARE(runs->index(0, LibraryRunsModel::Result).data().toString(), QStringLiteral("Fix the failing date test"));
    QCOMPARE(runs->index(0, LibraryRunsModel::Entries).data().toString(), QStringLiteral("9 of 9"));
    controller->libraryWindow()->resize(1100, 420);
    grabTo(controller->libraryWindow(), QStringLiteral("library-agent-run.png"));

    // Search All Runs finds its text; Enter opens the session again at that entry.
    window->close();
    auto other = newWindow();
    LibraryController *otherController = other->libraryController();
    otherController->searchAction()->trigger();
    LibrarySearchPanel *search = otherController->libraryWindow()->searchPanel();
    search->queryField()->setText(QStringLiteral("\"ça échoue\" type:user_message")); // keyClicks types ASCII only
    search->searchNow();
    QTRY_COMPARE(search->model()->rowCount(), 1);
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Run).data().toString(), QStringLiteral("189005202433146"));
    QCOMPARE(search->model()->index(0, LibrarySearchModel::Entry).data().toString(), QStringLiteral("1"));
    search->table()->setFocus();
    search->table()->setCurrentIndex(search->model()->index(0, 0));
    QTest::keyClick(search->table(), Qt::Key_Return);
    QTRY_COMPARE(other->session()->filePath(), dataPath("claudecode-session.jsonl"));
    QTRY_COMPARE(other->logModel()->rowCount(), 9);
    QTRY_COMPARE(other->tableView()->currentIndex().row(), 0);
}

void TestAgentLogsUi::goneLogOpensTheLibrarysCopy()
{
    // A session read once, then deleted (Claude Code deletes old sessions): the Library opens
    // the copy it holds, the agent and title named, every entry there, and says the file is gone.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("sess-1.jsonl"));
    QVERIFY(QFile::copy(dataPath("claudecode-session.jsonl"), path));
    QList<QByteArray> read;
    {
        auto window = newWindow();
        window->openFile(path);
        QTRY_VERIFY(window->session()->isFullyLoaded());
        for (int row = 0; row < window->logModel()->rowCount(); ++row)
            read << window->logModel()->index(row, 0).data(LogTableModel::RawJsonRole).toByteArray();
        m_library->flush();
    }
    QCOMPARE(read.size(), 9);
    QVERIFY(QFile::remove(path));

    auto window = newWindow();
    LibraryController *controller = window->libraryController();
    controller->libraryAction()->trigger();
    LibraryRunsPanel *panel = controller->libraryWindow()->runsPanel();
    QTRY_COMPARE(panel->table()->model()->rowCount(), 1);
    panel->table()->setCurrentIndex(panel->table()->model()->index(0, 0));
    emit panel->table()->doubleClicked(panel->table()->currentIndex());
    QTRY_COMPARE(window->session()->filePath(), path);
    QTRY_VERIFY(window->session()->isFullyLoaded());
    QList<QByteArray> shown;
    for (int row = 0; row < window->logModel()->rowCount(); ++row)
        shown << window->logModel()->index(row, 0).data(LogTableModel::RawJsonRole).toByteArray();
    QCOMPARE(shown, read);
    QCOMPARE(window->session()->runInfo().agentName, QStringLiteral("Claude Code"));
    QCOMPARE(window->session()->runInfo().agentFormat, QStringLiteral("Claude Code transcript"));
    QCOMPARE(window->session()->runInfo().agentTitle, QStringLiteral("Fix the failing date test"));
    QTRY_VERIFY2(window->banner()->text().contains(QStringLiteral("is gone: this is the library's copy of its 9 entries")),
                 qPrintable(window->banner()->text()));
    QVERIFY(headerText(window->runHeader()).contains(QStringLiteral("Claude Code")));
    // Insights run on the copy as on the file: its failed Bash call is the first failure.
    QTRY_COMPARE(window->runHeader()->firstFailureText(),
                 QStringLiteral("First failure at #2 · Bash · 1 failed: test_parse \u2014 ValueError: bad zone"));
    grabTo(window.get(), QStringLiteral("gone-log-library-copy.png"));

    // Not in the library either (removed): the file's absence is said, what was open stays.
    m_library->removeRun(AgentRunStore::keyOf(path, std::nullopt, window->session()->runInfo()));
    m_library->flush();
    QSignalSpy failed(window->session(), &RunSession::openFailed);
    window->openFileOrLibraryCopy(path, std::nullopt, window->session()->runInfo().id);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("is gone, and the library holds none of its entries")),
             qPrintable(failed.first().first().toString()));
    QCOMPARE(window->logModel()->rowCount(), 9);
}

void TestAgentLogsUi::droppedLogOpens()
{
    auto window = newWindow();
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(dataPath("codex-session.jsonl"))});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window.get(), &drop);
    QTRY_VERIFY(window->session()->isOpen());
    QTRY_VERIFY(window->session()->hasRunInfo());
    QTRY_COMPARE(window->session()->runInfo().agentName, QStringLiteral("Codex CLI"));
}

void TestAgentLogsUi::subagentStepsSaySo()
{
    // The sample session's Task call ran a subagent, whose three steps (a user message, a Grep
    // call, its answer) follow the main conversation's six.
    auto window = newWindow();
    window->openFile(dataPath("claudecode-session.jsonl"));
    QTRY_VERIFY(window->session()->hasRunInfo());
    QAbstractItemModel *model = window->tableView()->model();
    QTRY_COMPARE(model->rowCount(), 9);
    const int summary = LogTableModel::SummaryColumn;
    QCOMPARE(model->index(0, summary).data().toString(), QStringLiteral("Fix the failing test in dates.py — ça échoue"));
    QCOMPARE(model->index(6, summary).data().toString(), QStringLiteral("Subagent · Find callers of parse"));
    QCOMPARE(model->index(7, summary).data().toString(), QStringLiteral("Subagent · pattern: parse("));
    QCOMPARE(model->index(8, summary).data().toString(), QStringLiteral("Subagent · parse is called from app.py"));
    for (int row = 0; row < 6; ++row)
        QVERIFY2(!model->index(row, summary).data().toString().startsWith(QStringLiteral("Subagent")), qPrintable(QString::number(row)));
}

void TestAgentLogsUi::demoOpensAgentLogsFromItsOwnFolder()
{
    auto window = newWindow();
    QVERIFY(window->openDemo());
    const QString folder = window->agentLogsStartFolder();
    QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name),
             (QStringList{QStringLiteral("claude-code-session.jsonl"), QStringLiteral("codex-rollout.jsonl"), QStringLiteral("inspect-eval.json")}));
    // Its Inspect log holds three samples: the chooser shows the demo's.
    window->openFile(QDir(folder).filePath(QStringLiteral("inspect-eval.json")));
    QTRY_VERIFY(window->sampleChooser());
    QCOMPARE(window->sampleChooser()->view()->model()->rowCount(), 3);
    window->sampleChooser()->accept(); // the first, selected at first
    QTRY_COMPARE(window->session()->fileSample(), std::optional<SampleRef>(SampleRef{QStringLiteral("flag-1"), 1}));
}

QTEST_MAIN(TestAgentLogsUi)
#include "tst_agentlogsui.moc"
