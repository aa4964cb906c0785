// SPDX-License-Identifier: MIT
// Not a test: takes the screenshots of the Library and Runs windows (README, issue notes), from
// the real window on the demo backend with a library in a temporary folder.
//   runlog_library_screenshots OUTPUT_DIR   (use -platform offscreen, or run under Xvfb)
#include "ui/library/librarycontroller.h"
#include "runsessioninternals.h"
#include "session/orgrunlist.h"
#include "ui/library/libraryrunspanel.h"
#include "ui/library/librarysearchpanel.h"
#include "ui/library/librarywindow.h"
#include "ui/window/mainwindow.h"
#include "model/runlistloader.h"
#include "model/runloader.h"
#include "ui/library/orgrunsview.h"
#include "session/demoservice.h"
#include "store/libraryrunsmodel.h"
#include "store/librarysearchmodel.h"
#include "store/runlibrary.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>

#include <functional>

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

void save(QWidget *window, const QString &path)
{
    waitFor([] { return false; }, 500);
    window->grab().save(path);
    qInfo("wrote %s", qPrintable(path));
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogScreenshots"));
    const QDir out(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath());
    QDir().mkpath(out.absolutePath());
    QTemporaryDir folder;
    RunLibrary library(folder.filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(&library);

    {
        MainWindow window;
        window.resize(1500, 900);
        window.setLibrary(&library);
        window.show();
        window.openDemo(false);
        waitFor([&] { return loaderOf(window.session())->loadedRows() >= 100; });
        // A few more of the demo organization's runs, read through (each is short).
        const ApiEndpoint demo = window.demoService()->endpoint();
        for (const qint64 run : {1003, 946, 943, 941, 938, 935}) {
            window.openRun(demo, RunRef{1, run});
            // The open run stays until the new one's first page is here (RunSession).
            waitFor([&] { return loaderOf(window.session())->run().runId == run && loaderOf(window.session())->isFullyLoaded(); });
        }
        window.openRun(demo, RunRef{1, 1001});
        waitFor([&] { return loaderOf(window.session())->run().runId == 1001 && loaderOf(window.session())->loadedRows() >= 100; });
        library.flush();

        LibraryController *controller = window.libraryController();
        controller->showLibrary();
        waitFor([&] { return controller->libraryModel()->rowCount() >= 7; });
        controller->libraryWindow()->runsPanel()->table()->selectRow(0);
        save(controller->libraryWindow(), out.filePath(QStringLiteral("library.png")));

        controller->showSearch();
        LibrarySearchPanel *search = controller->libraryWindow()->searchPanel();
        search->queryField()->setText(QStringLiteral("401"));
        search->searchNow();
        waitFor([&] { return search->model()->rowCount() > 0; });
        waitFor([] { return false; }, 800);
        search->table()->selectRow(0);
        save(controller->libraryWindow(), out.filePath(QStringLiteral("library-search.png")));
        controller->libraryWindow()->close();

        controller->showRuns();
        waitFor([&] { return controller->runList()->loadedCount() >= 40; });
        controller->runsView()->table()->selectRow(2);
        save(controller->runsView(), out.filePath(QStringLiteral("runs.png")));
        controller->runsView()->close();
    }
    RunLoader::setDefaultPageCache(nullptr);
    return 0;
}
