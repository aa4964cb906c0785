// SPDX-License-Identifier: MIT
// Notes in the window, against the spec server on 127.0.0.1 with a library on disk: N on the
// table opens the editor and Ctrl+Enter saves; the note shows in the table's first column, above
// the entry in the detail pane, as a tick on the timeline and in the Notes dock, which goes to
// it; Filter > Only Entries with Notes shows just them; while a search has matches, n steps
// through them instead. With RUNLOG_NOTES_SHOTS set, the window is saved there as PNGs.
#include "model/runloader.h"
#include "notes/runnotes.h"
#include "rows/logtablemodel.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "session/runsession.h"
#include "store/runlibrary.h"
#include "testlogserver.h"
#include "ui/detail/detailpane.h"
#include "ui/detail/markdownview.h"
#include "ui/notes/notecontroller.h"
#include "ui/notes/noteeditor.h"
#include "ui/notes/notespanel.h"
#include "ui/overview/timelinestrip.h"
#include "ui/search/searchbar.h"
#include "ui/search/searchcontroller.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/windowactions.h"

#include <QDockWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <functional>
#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;

void saveShot(QWidget *window, const QString &name)
{
    const QString folder = qEnvironmentVariable("RUNLOG_NOTES_SHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    window->grab().save(QDir(folder).filePath(name + QStringLiteral(".png")));
}
// Answers the next modal editor: types `text` and presses Ctrl+Enter (or Escape when empty).
void answerEditor(const QString &text, QString *seenTitle = nullptr)
{
    QTimer::singleShot(0, [text, seenTitle] {
        auto *editor = qobject_cast<NoteEditor *>(QApplication::activeModalWidget());
        if (!editor) {
            answerEditor(text, seenTitle);
            return;
        }
        if (seenTitle)
            *seenTitle = editor->windowTitle();
        if (text.isEmpty()) {
            QTest::keyClick(editor->editor(), Qt::Key_Escape);
            return;
        }
        editor->editor()->setPlainText(text); // QTest types no newlines
        saveShot(editor, QStringLiteral("notes-editor"));

        QTest::keyClick(editor->editor(), Qt::Key_Return, Qt::ControlModifier);
    });
}

} // namespace

class TestNotesUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void addNoteShowsEverywhere();
    void nStepsThroughMatchesWhileASearchHasThem();

private:
    void selectRow(int row);

    std::unique_ptr<QTemporaryDir> m_libraryDir;
    std::unique_ptr<RunLibrary> m_library;
    std::unique_ptr<TestLogServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestNotesUi::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestNotesUi::init()
{
    QSettings().clear();
    m_libraryDir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<RunLibrary>(m_libraryDir->filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(m_library.get());
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(kOrg, kRun, 60));
    m_window = std::make_unique<MainWindow>();
    m_window->setLibrary(m_library.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun});
    QTRY_VERIFY(m_window->logModel()->rowCount() == 60 && m_window->logModel()->store().loadedCount() == 60);
    QTRY_VERIFY(m_window->session()->notes()->isReady());
}

void TestNotesUi::cleanup()
{
    m_window.reset();
    RunLoader::setDefaultPageCache(nullptr);
    m_library.reset();
    m_server.reset();
    m_libraryDir.reset();
}

void TestNotesUi::selectRow(int row)
{
    m_window->tableView()->setFocus();
    m_window->tableView()->setCurrentIndex(m_window->filterModel()->index(row, 0));
}

void TestNotesUi::addNoteShowsEverywhere()
{
    LogTableModel *model = m_window->logModel();
    selectRow(12);
    QString title;
    answerEditor(QStringLiteral("The **retry** loop starts here.\n\n- check `pricing.py`"), &title);
    QTest::keyClick(m_window->tableView(), Qt::Key_N);
    QTRY_VERIFY(model->hasNote(12));
    QCOMPARE(title, QStringLiteral("Add Note to Entry 13"));
    QCOMPARE(model->noteText(12), QStringLiteral("The **retry** loop starts here.\n\n- check `pricing.py`"));
    QCOMPARE(m_window->windowActions()->addNote->text(), QStringLiteral("Edit &Note…"));

    // Detail pane: above the entry, as Markdown (no asterisks left), shown.
    DetailPane *detail = m_window->detailPane();
    QCOMPARE(detail->noteText(), model->noteText(12));
    QVERIFY(detail->noteView()->isVisibleTo(m_window.get()));
    QVERIFY(detail->noteView()->toPlainText().startsWith(QStringLiteral("The retry loop starts here.")));
    selectRow(13);
    QVERIFY(!detail->noteView()->isVisibleTo(m_window.get()));
    QVERIFY(detail->noteText().isEmpty());

    // The timeline has a tick at the note's entry.
    QTRY_VERIFY(std::any_of(m_window->timeline()->timeline().bins.cbegin(), m_window->timeline()->timeline().bins.cend(),
                            [](const TimelineBin &bin) { return bin.note; }));

    // A second note, then the Notes dock lists both and goes to each.
    selectRow(40);
    answerEditor(QStringLiteral("second"));
    m_window->windowActions()->addNote->trigger();
    QTRY_VERIFY(model->hasNote(40));
    // Both ticked on the timeline.
    QTRY_COMPARE(std::count_if(m_window->timeline()->timeline().bins.cbegin(), m_window->timeline()->timeline().bins.cend(),
                               [](const TimelineBin &bin) { return bin.note; }),
                 2);
    m_window->windowActions()->notes->setChecked(true);
    QDockWidget *dock = m_window->notes()->dock();
    QTRY_VERIFY(dock->isVisible());
    QTreeWidget *list = m_window->notes()->panel()->list();
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("13"));
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("The retry loop starts here."));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("41"));
    selectRow(0);
    list->setCurrentItem(list->topLevelItem(0));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(m_window->filterModel()->mapToSource(m_window->tableView()->currentIndex()).row(), 12);
    selectRow(12);
    QTRY_VERIFY(!detail->isRendering() && detail->entryJson() == model->index(12, 0).data(LogTableModel::RawJsonRole).toByteArray());
    QTest::qWait(50);
    saveShot(m_window.get(), QStringLiteral("notes-window"));

    // Filter > Only Entries with Notes.
    m_window->windowActions()->onlyNoted->setChecked(true);
    QCOMPARE(m_window->filterModel()->rowCount(), 2);
    saveShot(m_window.get(), QStringLiteral("notes-only-entries-with-notes"));
    m_window->windowActions()->onlyNoted->setChecked(false);
    QCOMPARE(m_window->filterModel()->rowCount(), 60);

    // The query language: has:note finds the two entries, -has:note the others; a word of a
    // note finds its entry.
    m_window->showSearch();
    m_window->searchBar()->setPattern(QStringLiteral("has:note"));
    QTRY_COMPARE(m_window->searchController()->result().matchingRows, (QVector<int>{12, 40}));
    m_window->searchBar()->setPattern(QStringLiteral("-has:note"));
    QTRY_COMPARE(m_window->searchController()->result().entryCount, 58);
    m_window->searchBar()->setPattern(QStringLiteral("pricing.py"));
    QTRY_VERIFY(m_window->searchController()->result().matchingRows.contains(12));
    // A note is one more field of its entry, with keys too (issue 25).
    m_window->searchBar()->setPattern(QStringLiteral("has:note pricing.py retry"));
    QTRY_COMPARE(m_window->searchController()->result().matchingRows, (QVector<int>{12}));
    m_window->searchBar()->setPattern(QString());

    // Editing: the editor starts with the text; Delete Note removes it.
    selectRow(40);
    answerEditor(QStringLiteral("second, edited"), &title);
    m_window->windowActions()->addNote->trigger();
    QTRY_COMPARE(model->noteText(40), QStringLiteral("second, edited"));
    QCOMPARE(title, QStringLiteral("Edit Note on Entry 41"));
    m_window->windowActions()->deleteNote->trigger();
    QVERIFY(!model->hasNote(40));
    QTRY_COMPARE(list->topLevelItemCount(), 1);

    // Escape cancels: nothing changes.
    selectRow(12);
    answerEditor(QString());
    m_window->windowActions()->addNote->trigger();
    QCOMPARE(model->noteText(12), QStringLiteral("The **retry** loop starts here.\n\n- check `pricing.py`"));
}

void TestNotesUi::nStepsThroughMatchesWhileASearchHasThem()
{
    LogTableModel *model = m_window->logModel();
    m_window->searchBar()->setPattern(QStringLiteral("entry 5"));
    QTRY_VERIFY(!m_window->searchController()->result().matchingRows.isEmpty());
    selectRow(0);
    QTest::keyClick(m_window->tableView(), Qt::Key_N); // next match, no editor
    QTRY_COMPARE(m_window->filterModel()->mapToSource(m_window->tableView()->currentIndex()).row(), 5);
    QVERIFY(!model->hasNote(5));
    QVERIFY(!QApplication::activeModalWidget());
}

QTEST_MAIN(TestNotesUi)
#include "tst_notesui.moc"
