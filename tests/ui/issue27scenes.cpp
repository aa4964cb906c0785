// SPDX-License-Identifier: MIT
// Not a test: the in-window scenes of issue 27's before/after pictures (tests/ui/screenshots/issue-27),
// written against the few window calls that Runlog had before the work too, so that the
// same file builds in an older checkout and both pictures show the same scene.
//   runlog_issue27_scenes OUTPUT_DIR [-platform offscreen]
// writes 01-search-pane-text, 08-summary-room, 09-statistics-errors, 11-dark-contrast,
// 12-timeline and 13-mark-selected (.png). The scenes that need the real program (a refused
// token, the start screen, the first window on a small screen) are taken with the binary itself.
#include "model/runloader.h"
#include "runsessioninternals.h"
#include "store/runlibrary.h"
#include "ui/common/theme.h"
#include "ui/detail/detailpane.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/overview/timelinestrip.h"
#include "ui/search/searchbar.h"
#include "ui/table/logtableview.h"
#include "ui/table/markcontroller.h"
#include "ui/window/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace {
bool waitFor(const std::function<bool()> &condition, int timeoutMs = 20000)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void settle()
{
    waitFor([] { return false; }, 600);
}

void save(QWidget *widget, const QDir &out, const QString &name)
{
    settle();
    const QString path = out.filePath(name + QStringLiteral(".png"));
    widget->grab().save(path);
    qInfo("wrote %s (%dx%d)", qPrintable(path), widget->width(), widget->height());
}

// A window on the demo run, `size` large, with the entry at `row` current.
std::unique_ptr<MainWindow> demoWindow(RunLibrary *library, QSize size, int row = 3)
{
    auto window = std::make_unique<MainWindow>();
    window->setLibrary(library);
    window->resize(size);
    window->show();
    window->openDemo(false);
    if (!waitFor([&] { return loaderOf(window->session())->loadedRows() >= 100; }, 30000))
        qWarning("the demo run did not load");
    window->tableView()->setCurrentIndex(window->tableView()->model()->index(row, 0));
    waitFor([&] { return !window->detailPane()->isRendering(); });
    return window;
}

void waitForStatistics(MainWindow *window)
{
    settle();
    waitFor([&] { return !window->overview()->isComputing(); });
    settle();
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogIssue27Scenes"));
    const QDir out(app.arguments().value(1, QDir::currentPath()));
    QDir().mkpath(out.absolutePath());
    QTemporaryDir folder;
    RunLibrary library(folder.filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(&library);
    Theme::apply(Theme::Choice::Light);

    {
        // 1: search for the text as the detail pane shows it.
        auto window = demoWindow(&library, QSize(1280, 760));
        window->showSearch();
        window->searchBar()->setPattern(QStringLiteral("exit_code: 0"));
        waitFor([&] { return !window->searchBar()->resultText().isEmpty(); });
        save(window.get(), out, QStringLiteral("01-search-pane-text"));
    }
    {
        // 8 and 9: the Statistics dock open at 1024 x 640, the table's Summary beside it; the
        // dock on its own.
        auto window = demoWindow(&library, QSize(1024, 640));
        window->statisticsDock()->show();
        waitForStatistics(window.get());
        save(window.get(), out, QStringLiteral("08-summary-room"));
        window->resize(1280, 1000);
        waitForStatistics(window.get());
        save(window->statisticsDock(), out, QStringLiteral("09-statistics-errors"));
    }
    {
        // 13: a marked entry that is also the selected row.
        auto window = demoWindow(&library, QSize(1100, 600), 5);
        window->tableView()->setFocus();
        window->marks()->toggleCurrent();
        settle();
        QWidget *table = window->tableView();
        table->grab(QRect(0, 0, table->width(), std::min(table->height(), 260)))
            .save(out.filePath(QStringLiteral("13-mark-selected.png")));
        qInfo("wrote 13-mark-selected.png");
    }
    {
        // 12: the timeline of the demo run (its gaps shaded).
        auto window = demoWindow(&library, QSize(1280, 760));
        window->statisticsDock()->show();
        waitForStatistics(window.get());
        save(window->timeline(), out, QStringLiteral("12-timeline"));
    }
    {
        // 11: the dark theme: the run's link in the header, the Statistics' bars.
        Theme::apply(Theme::Choice::Dark);
        auto window = demoWindow(&library, QSize(1280, 760));
        window->statisticsDock()->show();
        waitForStatistics(window.get());
        save(window.get(), out, QStringLiteral("11-dark-contrast"));
        Theme::apply(Theme::Choice::Light);
    }
    return 0;
}
