// SPDX-License-Identifier: MIT
// Not a test: takes the screenshots the README and the issue notes show, from the real window
// on the demo backend, so what users see can be looked at after every UI change.
//   runlog_screenshots OUTPUT_DIR [--size WIDTHxHEIGHT] [--theme light|dark]
// (use -platform offscreen, or run under Xvfb). Without --size the window is 1500x900.
#include "demo/demobackend.h"
#include "demo/demodataset.h"
#include "stats/insights.h"
#include "runsessioninternals.h"
#include "ui/detail/detailpane.h"
#include "ui/table/logtableview.h"
#include "ui/window/mainwindow.h"
#include "ui/window/runheader.h"
#include "ui/table/currententrycontroller.h"
#include "ui/insights/insightscontroller.h"
#include "ui/insights/insightspanel.h"
#include "ui/insights/insightsmodel.h"
#include <QTreeView>
#include "ui/overview/overviewcontroller.h"
#include "search/logfilterproxymodel.h"
#include "ui/overview/timelinestrip.h"
#include "rows/logtablemodel.h"
#include "model/runfollower.h"
#include "model/runloader.h"
#include "ui/table/markcontroller.h"
#include "ui/search/searchbar.h"
#include "session/runsession.h"
#include "ui/window/viewsettings.h"
#include "ui/window/windowactions.h"
#include "ui/search/searchcontroller.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
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
    waitFor([&] { return loaderOf(window.session())->loadedRows() >= 100 && !window.detailPane()->isRendering(); });
    save(&window, out.filePath(QStringLiteral("demo.png")));
    window.runHeader()->setShowingDetails(true); // the run's result, rendered, and its metadata
    save(&window, out.filePath(QStringLiteral("details.png")));
    window.runHeader()->setShowingDetails(false);

    // The largest tool output of the demo, in full.
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(312, 0));
    waitFor([&] { return loaderOf(window.session())->loadedRows() >= 200; });
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(312, 0));
    waitFor([&] { return !window.detailPane()->isRendering() && window.detailPane()->displayedText().size() > 1000000; });
    save(&window, out.filePath(QStringLiteral("large-output.png")));

    // Marks (m), one step bigger text, long lines not wrapped; and Help > About over it.
    for (int row : {2, 5, 9}) {
        window.tableView()->setCurrentIndex(window.tableView()->model()->index(row, 0));
        window.marks()->toggleCurrent();
    }
    window.viewSettings()->zoomIn();
    window.viewSettings()->setWrapLines(false);
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
    window.viewSettings()->resetZoom();
    window.viewSettings()->setWrapLines(true);
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
    waitFor([&] { return loaderOf(window.session())->isFullyLoaded(); }, 30000);
    settle(800);
    save(&window, out.filePath(QStringLiteral("filtered.png")));
    window.searchController()->clearFilters();
    window.closeSearch();

    // The run at a glance: the timeline above the table, the statistics dock beside it.
    window.statisticsDock()->show();
    window.tableView()->setCurrentIndex(window.tableView()->model()->index(0, 0));
    waitFor([&] { return !window.overview()->isComputing(); });
    settle(800);
    save(&window, out.filePath(QStringLiteral("overview.png")));
    window.statisticsDock()->grab().save(out.filePath(QStringLiteral("statistics.png")));
    if (auto *scroll = window.statisticsDock()->findChild<QScrollArea *>()) {
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        settle(200);
        window.statisticsDock()->grab().save(out.filePath(QStringLiteral("statistics-end.png")));
        scroll->verticalScrollBar()->setValue(0);
    }
    window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-demo.png")));
    {
        // The same widgets in a dark palette: they draw with palette roles, not fixed colours.
        const QPalette dark = Theme::darkPalette();
        const QPalette light = window.statisticsDock()->palette();
        window.statisticsDock()->setPalette(dark);
        window.timeline()->setPalette(dark);
        settle(300);
        window.statisticsDock()->grab().save(out.filePath(QStringLiteral("statistics-dark.png")));
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-demo-dark.png")));
        window.statisticsDock()->setPalette(light);
        window.timeline()->setPalette(light);
    }
    {
        // The insights' findings on the timeline: the loops in their lane, failures with the
        // errors. (The window's own insights are another part's; here they are computed from the
        // demo's entries, which are the same bytes the window loaded.)
        const Insights insights = InsightsFinder::compute(DemoDataset().run(DemoDataset::kCompleteRunId)->entries);
        QVector<int> failures;
        for (int entry : insights.failures)
            failures.append(entry - 1);
        QVector<QPair<int, int>> loops;
        for (const InsightsLoop &loop : insights.loops)
            loops.append({loop.firstEntry - 1, loop.lastEntry - 1});
        window.overview()->setInsightMarks(failures, loops);
        settle(500);
        waitFor([&] { return !window.overview()->isComputing(); });
        settle(300);
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-loops.png")));
        window.timeline()->setAxis(Timeline::Axis::Index);
        settle(500);
        waitFor([&] { return !window.overview()->isComputing(); });
        settle(300);
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-loops-index.png")));
        const QPalette light = window.timeline()->palette();
        window.timeline()->setPalette(Theme::darkPalette());
        settle(300);
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-loops-index-dark.png")));
        window.timeline()->setPalette(light);
        window.timeline()->setAxis(Timeline::Axis::Time);
        window.overview()->setInsightMarks({}, {});
        settle(500);
        waitFor([&] { return !window.overview()->isComputing(); });
    }
    window.statisticsDock()->hide();

    // What went wrong: the Insights dock, a finding gone to, and the first failure in the header.
    window.insightsDock()->show();
    waitFor([&] { return !window.insights()->isComputing() && window.insights()->insights().entries > 0; });
    settle(300);
    window.insightsPanel()->tree()->setCurrentIndex(window.insightsPanel()->model()->index(0, 0));
    save(&window, out.filePath(QStringLiteral("insights.png")));
    window.insightsDock()->grab().save(out.filePath(QStringLiteral("insights-dock.png")));
    // The planted loop of `pytest -x` ×11, folded (View > Fold Repeats), a row before it selected.
    window.windowActions()->foldRepeats->setChecked(true);
    window.currentEntry()->goToEntryNumber(1178);
    settle(300);
    save(&window, out.filePath(QStringLiteral("insights-folded.png")));
    window.windowActions()->foldRepeats->setChecked(false);
    window.insightsDock()->hide();

    // The detail pane rendered: a Markdown answer, a coloured diff, the JSON tree of a big output.
    auto firstRow = [&](const std::function<bool(const QModelIndex &)> &wanted) {
        const LogTableModel *model = window.logModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (wanted(model->index(row, 0)))
                return row;
        }
        return -1;
    };
    auto showRow = [&](int row) {
        window.tableView()->setCurrentIndex(window.filterModel()->mapFromSource(window.logModel()->index(row, 0)));
        window.tableView()->scrollTo(window.tableView()->currentIndex(), QAbstractItemView::PositionAtCenter);
        settle(200);
        waitFor([&] { return !window.detailPane()->isRendering(); });
    };
    const int answer = firstRow([](const QModelIndex &i) {
        return i.data(LogTableModel::MessageTypeRole).toString() == QLatin1String("FINAL_ANSWER");
    });
    showRow(answer);
    save(&window, out.filePath(QStringLiteral("markdown-answer.png")));
    window.detailPane()->grab().save(out.filePath(QStringLiteral("markdown-answer-pane.png")));
    const int diff = firstRow([](const QModelIndex &i) {
        return i.data(LogTableModel::RawJsonRole).toByteArray().contains("\"diff\":\"@@ ");
    });
    showRow(diff);
    window.detailPane()->grab().save(out.filePath(QStringLiteral("diff-pane.png")));
    window.detailPane()->setMode(EntryRenderer::Mode::Tree);
    const int big = firstRow([](const QModelIndex &i) { return i.data(LogTableModel::RawJsonRole).toByteArray().size() > 4'000'000; });
    showRow(big);
    settle(300);
    save(&window, out.filePath(QStringLiteral("json-tree.png")));
    window.detailPane()->grab().save(out.filePath(QStringLiteral("json-tree-pane.png")));
    window.detailPane()->setMode(EntryRenderer::Mode::Readable);

    window.demoService()->setLiveInterval(300);
    window.openDemo(true);
    followerOf(window.session())->setMinimumIntervalMs(500);
    waitFor([&] { return loaderOf(window.session())->loadedRows() >= 150; });
    QTimer::singleShot(0, [&] { window.tableView()->scrollToBottom(); });
    waitFor([&] { return loaderOf(window.session())->loadedRows() >= 175; }, 30000);
    save(&window, out.filePath(QStringLiteral("live.png")));

    // A run of a million entries (RUNLOG_SCREENSHOT_BIG_RUN names a .jsonl of them): the timeline
    // on both axes once the file is read and the overview computed.
    const QString bigRun = qEnvironmentVariable("RUNLOG_SCREENSHOT_BIG_RUN");
    if (!bigRun.isEmpty()) {
        window.openFile(bigRun);
        int lastRows = -1;
        QElapsedTimer stable;
        stable.start();
        waitFor([&] {
            const int rows = window.logModel()->rowCount();
            if (rows != lastRows) {
                lastRows = rows;
                stable.restart();
            }
            return rows > 0 && stable.elapsed() > 3000 && !window.overview()->isComputing();
        }, 300000);
        settle(1500);
        waitFor([&] { return !window.overview()->isComputing(); }, 60000);
        window.statisticsDock()->show();
        settle(1500);
        save(&window, out.filePath(QStringLiteral("big-run.png")));
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-1m.png")));
        window.timeline()->setAxis(Timeline::Axis::Index);
        settle(1500);
        waitFor([&] { return !window.overview()->isComputing(); }, 60000);
        settle(500);
        window.timeline()->grab().save(out.filePath(QStringLiteral("timeline-1m-index.png")));
        window.timeline()->setAxis(Timeline::Axis::Time);
        window.statisticsDock()->hide();
    }

    // A run that cannot open while another is open leaves that one (and says so); from an empty
    // window it shows its error in place.
    window.session()->close();
    window.openRun(ApiEndpoint{QUrl(QStringLiteral("http://127.0.0.1:9")), {}}, RunRef{1, 4242});
    waitFor([&] { return loaderOf(window.session())->state() == RunLoader::State::Failed; }, 30000);
    save(&window, out.filePath(QStringLiteral("error.png")));
    return 0;
}
