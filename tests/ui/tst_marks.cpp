// SPDX-License-Identifier: MIT
// Marks as in lnav, in the window against the spec server on 127.0.0.1: m on the table marks the
// entry, F2 / Shift+F2 move between marks, Only Marked filters, the scroll bar shows them, and a
// run opened again (in a new window, as after a restart) has its marks back.
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/table/markcontroller.h"
#include "ui/table/markedscrollbar.h"
#include "rows/logtablemodel.h"
#include "model/runloader.h"
#include "samplerun.h"
#include "search/logfilterproxymodel.h"
#include "session/runsession.h"
#include "testlogserver.h"
#include "ui/window/windowactions.h"
#include "ui/table/logitemdelegate.h"

#include <QApplication>
#include <QInputDialog>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

#include <memory>

namespace {
constexpr qint64 kOrg = 7;
constexpr qint64 kRun = 42;
}

class TestMarks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void markMoveFilterAndKeepAcrossWindows();
    void marksFollowEntriesInEitherOrder();
    void markStandsOutOnASelectedRow();
    void markKeysWorkAfterGoToEntry();

private:
    std::unique_ptr<MainWindow> newWindow();
    void openRun(MainWindow *window, bool newestFirst = false);
    void selectRow(MainWindow *window, int row);

    std::unique_ptr<TestLogServer> m_server;
};

void TestMarks::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMarks::init()
{
    QSettings().remove(QStringLiteral("marks"));
    m_server = std::make_unique<TestLogServer>();
    QVERIFY(m_server->isListening());
    m_server->setRateLimit(1000, 60000);
    m_server->addRun(makeRun(kOrg, kRun, 250));
}

void TestMarks::cleanup()
{
    m_server.reset();
    QSettings().remove(QStringLiteral("marks"));
}

std::unique_ptr<MainWindow> TestMarks::newWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->resize(1000, 700);
    window->show();
    return window;
}

void TestMarks::openRun(MainWindow *window, bool newestFirst)
{
    window->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, kRun}, newestFirst);
    QTRY_VERIFY(window->logModel()->rowCount() > 0 && window->logModel()->store().isLoaded(0));
}

void TestMarks::selectRow(MainWindow *window, int row)
{
    window->tableView()->setFocus();
    window->tableView()->setCurrentIndex(window->filterModel()->index(row, 0));
}

void TestMarks::markMoveFilterAndKeepAcrossWindows()
{
    std::unique_ptr<MainWindow> window = newWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    openRun(window.get());
    LogTableView *table = window->tableView();
    for (int row : {3, 7, 60}) {
        selectRow(window.get(), row);
        QTest::keyClick(table, Qt::Key_M);
    }
    selectRow(window.get(), 7);
    QTest::keyClick(table, Qt::Key_M); // again: unmarked
    QCOMPARE(window->logModel()->markedEntries(), (QSet<int>{3, 60}));
    QVERIFY(window->logModel()->index(3, 0).data(LogTableModel::MarkedRole).toBool());
    QVERIFY(!window->logModel()->index(7, 0).data(LogTableModel::MarkedRole).toBool());
    QCOMPARE(table->markedScrollBar()->userMarkCount(), 2);

    // F2 / Shift+F2: next and previous mark from where the cursor is.
    selectRow(window.get(), 10);
    window->windowActions()->nextMark->trigger();
    QCOMPARE(table->currentIndex().row(), 60);
    window->windowActions()->nextMark->trigger(); // none after: stays
    QCOMPARE(table->currentIndex().row(), 60);
    window->windowActions()->previousMark->trigger();
    QCOMPARE(table->currentIndex().row(), 3);

    // Filter > Only Marked: the two marked entries, wherever their pages are.
    window->windowActions()->onlyMarked->setChecked(true);
    QCOMPARE(window->filterModel()->rowCount(), 2);
    QCOMPARE(window->filterModel()->mapToSource(window->filterModel()->index(1, 0)).row(), 60);
    QCOMPARE(window->marks()->chronologicalRows(), (QVector<int>{3, 60}));
    window->windowActions()->onlyMarked->setChecked(false);
    QCOMPARE(window->filterModel()->rowCount(), 250);

    // Closed (as when Runlog quits), the same run opened again in a new window: the marks are back.
    window.reset();
    std::unique_ptr<MainWindow> again = newWindow();
    openRun(again.get());
    QCOMPARE(again->logModel()->markedEntries(), (QSet<int>{3, 60}));
    QTRY_COMPARE(again->tableView()->markedScrollBar()->userMarkCount(), 2);
    // Another run has marks of its own (none).
    m_server->addRun(makeRun(kOrg, 43, 20));
    again->openRun(ApiEndpoint{m_server->baseUrl(), {}}, RunRef{kOrg, 43});
    QTRY_COMPARE(again->session()->apiRun()->runId, qint64(43));
    QVERIFY(again->logModel()->markedEntries().isEmpty());
    QCOMPARE(again->tableView()->markedScrollBar()->userMarkCount(), 0);
}

void TestMarks::marksFollowEntriesInEitherOrder()
{
    std::unique_ptr<MainWindow> window = newWindow();
    openRun(window.get());
    selectRow(window.get(), 0); // the run's first entry
    QTest::keyClick(window->tableView(), Qt::Key_M);
    window.reset();
    // Newest first, the first entry is the last row.
    std::unique_ptr<MainWindow> reversed = newWindow();
    openRun(reversed.get(), true);
    QVERIFY(reversed->logModel()->isReversed());
    QVERIFY(reversed->logModel()->isMarked(249));
    QVERIFY(!reversed->logModel()->isMarked(0));
    QCOMPARE(reversed->marks()->chronologicalRows(), QVector<int>{249});
}

namespace {
int luminance(QRgb pixel)
{
    return (2126 * qRed(pixel) + 7152 * qGreen(pixel) + 722 * qBlue(pixel)) / 10000;
}
} // namespace

void TestMarks::markStandsOutOnASelectedRow()
{
    // The mark's blue on the selection's blue was a mark no one saw: on the selected row the
    // # cell shows a bookmark in the selected text's colour.
    std::unique_ptr<MainWindow> window = newWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    openRun(window.get());
    LogTableView *table = window->tableView();
    selectRow(window.get(), 5);
    const QModelIndex cell = window->filterModel()->index(5, LogTableModel::IndexColumn);
    const QRect rect = table->visualRect(cell);
    const auto grabCell = [&] { return table->viewport()->grab(rect).toImage().convertToFormat(QImage::Format_RGB32); };
    const QImage unmarked = grabCell();
    QTest::keyClick(table, Qt::Key_M);
    QVERIFY(window->logModel()->isMarked(5));
    QVERIFY(table->selectionModel()->isRowSelected(5, QModelIndex()));
    const QImage marked = grabCell();
    QCOMPARE(marked.size(), unmarked.size());
    // Pixels that differ clearly (a quarter of the luminance range or more) from the same
    // selected cell unmarked: most of a bookmark of 10 by up to 14 pixels.
    const QRect icon = LogItemDelegate::markIconRect(QRect(QPoint(0, 0), rect.size()));
    int standingOut = 0;
    int outside = 0;
    for (int y = 0; y < marked.height(); ++y) {
        for (int x = 0; x < marked.width(); ++x) {
            if (std::abs(luminance(marked.pixel(x, y)) - luminance(unmarked.pixel(x, y))) < 64)
                continue;
            if (icon.adjusted(-1, -1, 1, 1).contains(x, y))
                ++standingOut;
            else
                ++outside;
        }
    }
    QVERIFY2(standingOut >= 40, qPrintable(QString::number(standingOut)));
    QCOMPARE(outside, 0); // the number is where it was, untouched
    // And the icon leaves the number its room.
    const int numberWidth = table->fontMetrics().horizontalAdvance(QStringLiteral("250"));
    QVERIFY(icon.right() < rect.width() - numberWidth - 3);
}

void TestMarks::markKeysWorkAfterGoToEntry()
{
    std::unique_ptr<MainWindow> window = newWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    openRun(window.get());
    selectRow(window.get(), 2);
    // Ctrl+G, type 120, Enter: as a user does.
    bool answered = false;
    QTimer::singleShot(0, this, [&answered] {
        QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        auto *spin = dialog->findChild<QSpinBox *>();
        QVERIFY(spin);
        spin->selectAll();
        QTest::keyClicks(spin, QStringLiteral("120"));
        QTest::keyClick(spin, Qt::Key_Return);
        answered = true;
    });
    QTest::keyClick(window.get(), Qt::Key_G, Qt::ControlModifier);
    QTRY_VERIFY(answered);
    QTRY_COMPARE(window->tableView()->currentIndex().row(), 119);
    // The keys go where the focus is: the table, so that m marks the entry gone to.
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window->tableView()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_M);
    QCOMPARE(window->logModel()->markedEntries(), (QSet<int>{119}));
    // And F2 goes on from there (to the next mark: none after, stays; Shift+F2 none before).
    selectRow(window.get(), 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F2);
    QCOMPARE(window->tableView()->currentIndex().row(), 119);
}

QTEST_MAIN(TestMarks)
#include "tst_marks.moc"
