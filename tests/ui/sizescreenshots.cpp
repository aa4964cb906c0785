// SPDX-License-Identifier: MIT
// Not a test: the window at any size and scale (issue 27, "Usable by everyone"), to be looked at.
//   runlog_size_screenshots OUTPUT_DIR
// starts itself once per variant: 800x500, 1024x640 and 1920x1080 at QT_SCALE_FACTOR=2 (a window
// of 960x540 logical pixels), each light and dark, and with RUNLOG_PSEUDO_LOCALE=1 set, in the
// pseudo-translation. One variant:
//   runlog_size_screenshots OUTPUT_DIR --size WxH --theme light|dark --prefix NAME
// writes NAME-empty.png, NAME-demo.png, NAME-search.png (only matching, Statistics dock),
// NAME-details.png (the run's details), NAME-library.png and NAME-runs.png.
// (use -platform offscreen, or run under Xvfb)
#include "model/runloader.h"
#include "runsessioninternals.h"
#include "session/demoservice.h"
#include "store/runlibrary.h"
#include "ui/common/pseudotranslator.h"
#include "ui/common/theme.h"
#include "ui/detail/detailpane.h"
#include "ui/library/librarycontroller.h"
#include "ui/library/librarywindow.h"
#include "ui/library/orgrunsview.h"
#include "ui/overview/overviewcontroller.h"
#include "ui/search/searchbar.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/runheader.h"

#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QProcess>
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
    qInfo("wrote %s (%dx%d at %g)", qPrintable(path), window->width(), window->height(), window->devicePixelRatioF());
}

struct Variant
{
    QString name;
    QString size;   // logical pixels
    QByteArray scale;
};

// Every variant, each in a process of its own: the scale factor is read when the application starts.
int runAllVariants(const QString &program, const QString &out)
{
    const QList<Variant> variants = {{QStringLiteral("800x500"), QStringLiteral("800x500"), "1"},
                                     {QStringLiteral("1024x640"), QStringLiteral("1024x640"), "1"},
                                     {QStringLiteral("1920x1080@2"), QStringLiteral("960x540"), "2"}};
    int failures = 0;
    for (const bool pseudo : {false, true}) {
        for (const Variant &variant : variants) {
            for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
                QProcess child;
                QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
                environment.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::fromLatin1(variant.scale));
                if (pseudo)
                    environment.insert(QStringLiteral("RUNLOG_PSEUDO_LOCALE"), QStringLiteral("1"));
                else
                    environment.remove(QStringLiteral("RUNLOG_PSEUDO_LOCALE"));
                child.setProcessEnvironment(environment);
                child.setProcessChannelMode(QProcess::ForwardedChannels);
                const QString prefix = (pseudo ? QStringLiteral("pseudo-") : QString()) + variant.name + u'-' + theme;
                child.start(program, {out, QStringLiteral("--size"), variant.size, QStringLiteral("--theme"), theme,
                                      QStringLiteral("--prefix"), prefix, QStringLiteral("-platform"),
                                      QStringLiteral("offscreen")});
                if (!child.waitForFinished(300000) || child.exitCode() != 0)
                    ++failures;
            }
        }
    }
    return failures == 0 ? 0 : 1;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("RunlogSizeScreenshots"));
    QCommandLineParser options;
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("window size"), QStringLiteral("WxH"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light or dark"), QStringLiteral("theme"),
                                         QStringLiteral("light"));
    const QCommandLineOption prefixOption(QStringLiteral("prefix"), QStringLiteral("file name prefix"), QStringLiteral("name"));
    options.addOptions({sizeOption, themeOption, prefixOption});
    options.addPositionalArgument(QStringLiteral("output"), QStringLiteral("folder for the PNG files"));
    options.process(app);
    const QDir out(options.positionalArguments().value(0, QDir::currentPath()));
    QDir().mkpath(out.absolutePath());
    if (!options.isSet(sizeOption))
        return runAllVariants(QCoreApplication::applicationFilePath(), out.absolutePath());

    PseudoTranslator pseudo;
    if (PseudoTranslator::isRequested())
        QCoreApplication::installTranslator(&pseudo);
    const QStringList size = options.value(sizeOption).split(QLatin1Char('x'));
    Theme::apply(options.value(themeOption) == QLatin1String("dark") ? Theme::Choice::Dark : Theme::Choice::Light);
    const QString prefix = options.value(prefixOption);
    auto file = [&](const QString &what) { return out.filePath(prefix + u'-' + what + QStringLiteral(".png")); };

    QTemporaryDir folder;
    RunLibrary library(folder.filePath(QStringLiteral("library")));
    RunLoader::setDefaultPageCache(&library);
    MainWindow window;
    window.setLibrary(&library);
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    save(&window, file(QStringLiteral("empty")));

    window.openDemo(false);
    if (!waitFor([&] { return loaderOf(window.session())->loadedRows() >= 100; }))
        return 1;
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(3, 0));
    waitFor([&] { return !window.detailPane()->isRendering(); });
    save(&window, file(QStringLiteral("demo")));

    window.showSearch();
    window.searchBar()->setPattern(QStringLiteral("rounding"));
    waitFor([&] { return window.searchBar()->resultText().contains(QStringLiteral(" of ")); });
    if (auto *only = window.searchBar()->findChild<QCheckBox *>())
        only->setChecked(true);
    window.statisticsDock()->show();
    waitFor([&] { return !window.overview()->isComputing(); });
    save(&window, file(QStringLiteral("search")));
    window.statisticsDock()->hide();
    window.closeSearch();
    window.closeSearch();

    window.runHeader()->setShowingDetails(true);
    save(&window, file(QStringLiteral("details")));
    window.runHeader()->setShowingDetails(false);

    library.flush();
    LibraryController *controller = window.libraryController();
    controller->showLibrary();
    if (QWidget *libraryWindow = controller->libraryWindow()) {
        libraryWindow->resize(window.size());
        save(libraryWindow, file(QStringLiteral("library")));
        libraryWindow->close();
    }
    controller->showRuns();
    if (QWidget *runs = controller->runsView()) {
        runs->resize(window.size());
        waitFor([&] { return controller->runsView()->table()->model()->rowCount() > 0; });
        save(runs, file(QStringLiteral("runs")));
        runs->close();
    }
    return 0;
}
