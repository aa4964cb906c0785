// SPDX-License-Identifier: MIT
// Everything works by keyboard alone (issue 27, "Usable by everyone"): a whole task driven by key
// events only, as a user without a mouse does it. File menu by Alt+F, the demo run by its
// mnemonic, Ctrl+F and a query typed, Alt+O for only the matching entries, Enter to the first
// match (the detail pane shows it), Ctrl+E, Alt+S for the shown entries, the file name typed
// into the save dialog and Enter: the file holds exactly the matching entries. Then the
// timeline and a statistics chart by their keys.
#include "model/runloader.h"
#include "rows/logtablemodel.h"
#include "runsessioninternals.h"
#include "search/logfilterproxymodel.h"
#include "ui/detail/detailpane.h"
#include "ui/export/exportcontroller.h"
#include "ui/overview/barchart.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/overview/timelinestrip.h"
#include "ui/search/searchbar.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QCompleter>
#include <QAbstractItemView>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

namespace {
// A modal dialog blocks in exec(): the keys for it are sent from a timer, once it is up.
void whenModalShows(const std::function<bool(QWidget *)> &isIt, const std::function<void(QWidget *)> &keys)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, isIt, keys] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !isIt(modal))
            return;
        poll->stop();
        poll->deleteLater();
        // A desktop activates a dialog that opens; the offscreen platform leaves that to us.
        QApplication::setActiveWindow(modal);
        if (!QTest::qWaitForWindowActive(modal))
            qWarning("the dialog did not become active");
        keys(modal);
    });
    poll->start();
}

QWidget *focused()
{
    return QApplication::focusWidget();
}
} // namespace

class TestKeyboardOnly : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void openSearchFilterReadAndExport();
    void timelineMovesBetweenBinsAndGoesThere();
    void chartBarsAreChosenAndAppliedByKeys();

private:
    void openDemoByMenu();

    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestKeyboardOnly::init()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1200, 800);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestKeyboardOnly::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void TestKeyboardOnly::openDemoByMenu()
{
    // Alt+F opens the File menu; D is "Open the &Demo Run".
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::AltModifier);
    QTRY_VERIFY(qobject_cast<QMenu *>(QApplication::activePopupWidget()));
    QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_D);
    QTRY_VERIFY_WITH_TIMEOUT(loaderOf(m_window->session())->loadedRows() >= 100, 20000);
    // The offscreen platform has no window manager to give the window its activation back when
    // the menu closes: that is done here, as any desktop does.
    QTRY_VERIFY(!QApplication::activePopupWidget());
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY(focused());
}

void TestKeyboardOnly::openSearchFilterReadAndExport()
{
    openDemoByMenu();
    if (QTest::currentTestFailed())
        return;

    // Ctrl+F: the search field has the focus; the query is typed.
    QTest::keyClick(focused() ? focused() : m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(qobject_cast<QLineEdit *>(focused()));
    QTest::keyClicks(focused(), QStringLiteral("rounding"));
    // "1,201 matches in 39 entries", not "12 entries so far…".
    QTRY_VERIFY_WITH_TIMEOUT(m_window->searchBar()->resultText().contains(QRegularExpression(QStringLiteral("[0-9] entr")))
                                 && !m_window->searchBar()->resultText().contains(QStringLiteral("so far")),
                             20000);

    // Alt+O: only the matching entries.
    const int total = m_window->logModel()->rowCount();
    QTest::keyClick(focused(), Qt::Key_O, Qt::AltModifier);
    QTRY_VERIFY(m_window->filterModel()->isFiltering());
    const int shown = m_window->filterModel()->rowCount();
    QVERIFY2(shown > 0 && shown < total, qPrintable(QStringLiteral("%1 of %2").arg(shown).arg(total)));

    // Enter: the first match, read in the detail pane.
    QVERIFY(qobject_cast<QLineEdit *>(focused()));
    QTest::keyClick(focused(), Qt::Key_Return);
    QTRY_VERIFY(m_window->tableView()->currentIndex().isValid());
    QTRY_VERIFY(!m_window->detailPane()->isRendering()
                && m_window->detailPane()->displayedText().contains(QStringLiteral("rounding"), Qt::CaseInsensitive));

    // Ctrl+E; the entries shown (Alt+S); the file name typed into the save dialog, Enter.
    const QString path = m_dir->filePath(QStringLiteral("matching.jsonl"));
    bool scopeAsked = false;
    bool fileAsked = false;
    whenModalShows([](QWidget *modal) { return qobject_cast<QMessageBox *>(modal) != nullptr; },
                   [&](QWidget *box) {
                       scopeAsked = true;
                       whenModalShows([](QWidget *modal) { return qobject_cast<QFileDialog *>(modal) != nullptr; },
                                      [&](QWidget *dialog) {
                                          fileAsked = true;
                                          auto *fileDialog = static_cast<QFileDialog *>(dialog);
                                          auto *field = qobject_cast<QLineEdit *>(dialog->focusWidget());
                                          if (!field) {
                                              fileDialog->reject();
                                              return;
                                          }
                                          // The folder first (Enter goes into it), then the name,
                                          // as a user types them; Enter only once the completer's
                                          // list has closed (Escape closes it), else Enter takes
                                          // the entry it lists.
                                          auto enterOnceListed = [field] {
                                              QAbstractItemView *list = field->completer() ? field->completer()->popup() : nullptr;
                                              if (list && !QTest::qWaitFor([list] { return !list->isVisible(); }, 1500))
                                                  QTest::keyClick(list, Qt::Key_Escape);
                                              QTest::keyClick(field, Qt::Key_Return);
                                          };
                                          QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
                                          QTest::keyClicks(field, m_dir->path() + u'/');
                                          enterOnceListed();
                                          const bool inFolder = QTest::qWaitFor([&] {
                                              return fileDialog->directory().canonicalPath() == QDir(m_dir->path()).canonicalPath();
                                          });
                                          QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
                                          QTest::keyClicks(field, QFileInfo(path).fileName());
                                          if (inFolder)
                                              enterOnceListed();
                                          if (!inFolder || dialog->isVisible())
                                              fileDialog->reject(); // the test fails below, it does not hang
                                      });
                       QTest::keyClick(box, Qt::Key_S, Qt::AltModifier);
                   });
    QSignalSpy finished(m_window->exportController(), &ExportController::finished);
    QTest::keyClick(focused(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(scopeAsked);
    QVERIFY(fileAsked);
    QVERIFY(finished.count() == 1 || finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(int(lines.size()), shown);
    for (const QByteArray &line : lines) {
        QVERIFY(QJsonDocument::fromJson(line).isObject());
        QVERIFY2(line.toLower().contains("rounding"), line.left(200).constData());
    }
}

void TestKeyboardOnly::timelineMovesBetweenBinsAndGoesThere()
{
    openDemoByMenu();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing() && !m_window->timeline()->timeline().bins.isEmpty(), 20000);
    TimelineStrip *timeline = m_window->timeline();
    // Tab reaches it (it takes focus from the keyboard) and it says where its cursor is.
    QVERIFY(timeline->focusPolicy() & Qt::TabFocus);
    timeline->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(timeline->hasFocus());
    QVERIFY(!timeline->accessibleDescription().isEmpty());
    // Right, then Left: the next bin with entries, and back.
    const QString start = timeline->accessibleDescription();
    QTest::keyClick(timeline, Qt::Key_Right);
    QVERIFY(timeline->accessibleDescription() != start);
    QTest::keyClick(timeline, Qt::Key_Left);
    QCOMPARE(timeline->accessibleDescription(), start);
    // Home, Enter: the first entry.
    QSignalSpy requested(timeline, &TimelineStrip::positionRequested);
    QTest::keyClick(timeline, Qt::Key_Home);
    QTest::keyClick(timeline, Qt::Key_Return);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(0).toInt(), 0);

    // On the index axis the pages not loaded yet are places to go too: End, Enter goes to the
    // last of the demo's 2,000 entries, fetching its page, as a click there does.
    timeline->setAxis(Timeline::Axis::Index);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->overview()->isComputing() && m_window->timeline()->timeline().axis == Timeline::Axis::Index,
                             20000);
    QTest::keyClick(timeline, Qt::Key_End);
    QVERIFY2(timeline->accessibleDescription().contains(QStringLiteral("2,000")), qPrintable(timeline->accessibleDescription()));
    QTest::keyClick(timeline, Qt::Key_Enter);
    QCOMPARE(requested.count(), 2);
    QVERIFY2(requested.last().at(0).toInt() > 1900, qPrintable(QString::number(requested.last().at(0).toInt())));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tableView()->currentIndex().row() > 1900, 20000);
    // Page Up: a tenth of the strip back.
    const QString atEnd = timeline->accessibleDescription();
    QTest::keyClick(timeline, Qt::Key_PageUp);
    QVERIFY(timeline->accessibleDescription() != atEnd);
}

void TestKeyboardOnly::chartBarsAreChosenAndAppliedByKeys()
{
    openDemoByMenu();
    if (QTest::currentTestFailed())
        return;
    // Ctrl+Shift+S: the Statistics dock.
    QTest::keyClick(focused() ? focused() : m_window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_window->statisticsDock()->isVisible());
    auto *types = m_window->statisticsDock()->findChild<BarChart *>(QStringLiteral("statisticsTypes"));
    QVERIFY(types);
    QTRY_VERIFY_WITH_TIMEOUT(types->bars().size() > 2, 20000);
    types->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(types->hasFocus());
    // The first bar is current; Down moves to the second, whose label and value are read out.
    QCOMPARE(types->accessibleDescription(), types->bars().at(0).label + QStringLiteral(": ") + types->bars().at(0).valueText);
    QTest::keyClick(types, Qt::Key_Down);
    const BarChart::Bar second = types->bars().at(1);
    QCOMPARE(types->accessibleDescription(), second.label + QStringLiteral(": ") + second.valueText);
    QSignalSpy clicked(types, &BarChart::barClicked);
    QTest::keyClick(types, Qt::Key_Return);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toInt(), 1);
    // Enter applied the bar's filter: only entries of that type are shown.
    QTRY_VERIFY(m_window->filterModel()->isFiltering());
    const QAbstractItemModel *shown = m_window->filterModel();
    QTRY_VERIFY(shown->rowCount() > 0);
    for (int row = 0; row < shown->rowCount() && row < 50; ++row)
        QCOMPARE(shown->index(row, 0).data(LogTableModel::MessageTypeRole).toString(), second.label);
}

QTEST_MAIN(TestKeyboardOnly)
#include "tst_keyboardonly.moc"

