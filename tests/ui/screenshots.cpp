// Not a test: takes the screenshots the README and the issue notes show, from the real window
// on the demo backend, so what users see can be looked at after every UI change.
//   runlog_screenshots OUTPUT_DIR [--size WIDTHxHEIGHT] [--theme light|dark]
// (use -platform offscreen, or run under Xvfb). Without --size the window is 1500x900.
#include "demo/demobackend.h"
#include "detailpane.h"
#include "logtableview.h"
#include "mainwindow.h"
#include "runheader.h"
#include "model/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "markcontroller.h"
#include "searchbar.h"
#include "session/runsession.h"
#include "viewoptions.h"
#include "windowactions.h"
#include "searchcontroller.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <functional>

namespace {
bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
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

void settle(int ms = 400)
{
    waitFor([] { return false; }, ms);
}

void save(QWidget *window, const QString &path)
{
    settle();
    window->grab().save(path);
    qInfo("wrote %s", qPrintable(path));
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogScreenshots"));
    QCommandLineParser options;
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("window size"), QStringLiteral("WxH"),
                                        QStringLiteral("1500x900"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light or dark"), QStringLiteral("theme"),
                                         QStringLiteral("light"));
    options.addOptions({sizeOption, themeOption});
    options.addPositionalArgument(QStringLiteral("output"), QStringLiteral("folder for the PNG files"));
    options.process(app);
    const QDir out(options.positionalArguments().value(0, QDir::currentPath()));
    QDir().mkpath(out.absolutePath());
    const QStringList size = options.value(sizeOption).split(QLatin1Char('x'));
    const QString theme = options.value(themeOption);
    Theme::apply(theme == QLatin1String("dark") ? Theme::Choice::Dark : Theme::Choice::Light);

    MainWindow window;
    window.resize(size.value(0).toInt() > 0 ? size.value(0).toInt() : 1500, size.value(1).toInt() > 0 ? size.value(1).toInt() : 900);
    window.show();
    save(&window, out.filePath(QStringLiteral("empty.png")));

    window.openDemo(false);
    waitFor([&] { return window.loader()->loadedRows() >= 100 && !window.detailPane()->isRendering(); });
    save(&window, out.filePath(QStringLiteral("demo.png")));
    window.runHeader()->setShowingDetails(true); // the run's result, rendered, and its metadata
    save(&window, out.filePath(QStringLiteral("details.png")));
    window.runHeader()->setShowingDetails(false);

    // The largest tool output of the demo, in full.
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(312, 0));
    waitFor([&] { return window.loader()->loadedRows() >= 200; });
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(312, 0));
    waitFor([&] { return !window.detailPane()->isRendering() && window.detailPane()->displayedText().size() > 1000000; });
    save(&window, out.filePath(QStringLiteral("large-output.png")));

    // Marks (m), one step bigger text, long lines not wrapped; and Help > About over it.
    for (int row : {2, 5, 9}) {
        window.tableView()->setCurrentIndex(window.tableView()->model()->index(row, 0));
        window.marks()->toggleCurrent();
    }
    window.viewOptions()->zoomIn();
    window.viewOptions()->setWrapLines(false);
    waitFor([&] { return !window.detailPane()->isRendering(); });
    settle();
    save(&window, out.filePath(QStringLiteral("marks-zoom.png")));
    QTimer::singleShot(500, [&] {
        if (QWidget *box = QApplication::activeModalWidget()) {
            save(box, out.filePath(QStringLiteral("about.png")));
            box->close();
        }
    });
    window.windowActions()->about->trigger();
    window.viewOptions()->resetZoom();
    window.viewOptions()->setWrapLines(true);
    for (int row : {2, 5, 9}) {
        window.tableView()->setCurrentIndex(window.tableView()->model()->index(row, 0));
        window.marks()->toggleCurrent();
    }

    window.showSearch();
    window.searchBar()->setPattern(QStringLiteral("rounding"));
    waitFor([&] { return window.searchBar()->resultText().contains(QStringLiteral("entries")); });
    waitFor([&] { return !window.detailPane()->isRendering(); });
    save(&window, out.filePath(QStringLiteral("search.png")));

    window.searchController()->setAllowedMessageTypes({QStringLiteral("ERROR"), QStringLiteral("FINAL_ANSWER")});
    emit window.searchBar()->loadAllRequested();
    waitFor([&] { return window.loader()->isFullyLoaded(); }, 30000);
    settle(800);
    save(&window, out.filePath(QStringLiteral("filtered.png")));
    window.searchController()->clearFilters();
    window.closeSearch();

    window.demoService()->setLiveInterval(300);
    window.openDemo(true);
    window.follower()->setMinimumIntervalMs(500);
    waitFor([&] { return window.loader()->loadedRows() >= 150; });
    QTimer::singleShot(0, [&] { window.tableView()->scrollToBottom(); });
    waitFor([&] { return window.loader()->loadedRows() >= 175; }, 30000);
    save(&window, out.filePath(QStringLiteral("live.png")));

    // A run that cannot open while another is open leaves that one (and says so); from an empty
    // window it shows its error in place.
    window.session()->close();
    window.openRun(ApiEndpoint{QUrl(QStringLiteral("http://127.0.0.1:9")), {}}, RunRef{1, 4242});
    waitFor([&] { return window.loader()->state() == RunLoader::State::Failed; }, 30000);
    save(&window, out.filePath(QStringLiteral("error.png")));
    return 0;
}
