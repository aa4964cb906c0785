// SPDX-License-Identifier: MIT
// Measures opening an exported run file in the real main window, as a user does (File > Open),
// until the window is idle: the table, its search text, the overview's statistics and timeline.
// Build Release (-DRUNLOG_BUILD_BENCHMARKS=ON) and run once per file (a fresh process each):
//     QT_QPA_PLATFORM=offscreen bench_windowopen FILE [--scroll] [--search TEXT]
// Prints:
//   - the time to the first screen (the first rows in the table, painted) and to idle (the file
//     read and every worker done: no more than 20% of a core used for 300 ms after, which is not
//     counted),
//   - the window's own memory for the run: RssAnon after idle minus RssAnon of the same window
//     empty, also as a multiple of the file's size (the mapped file's pages are the system's page
//     cache, counted apart as RssFile), and the peak resident set (VmHWM),
//   - with --scroll: the table scrolled from top to bottom a page at a time (at most 2,000
//     screens, evenly spaced), each painted at once (repaint()): frame times, median, 95th
//     percentile and worst,
//   - with --search: a search of the whole run as the window runs it (SearchRunner over the
//     window's corpus): time to the first match and to all, and how many.
//   - with --insights: the Insights dock shown and the insights computed again as a new page
//     would have them computed: the time to the panel's update (less the 400 ms the controller
//     gathers rows for), the longest the UI thread went without running its event loop
//     meanwhile (a 1 ms timer's worst gap), and what the insights hold (RssAnon after, over
//     before). (bench_insights --write FILE makes a run with planted loops and failures.)

#include "processstatus.h"
#include "ui/insights/insightscontroller.h"
#include "ui/window/mainwindow.h"
#include "rows/freedmemory.h"
#include "ui/table/logtableview.h"
#include "rows/logtablemodel.h"
#include "search/searchindexer.h"
#include "search/searchquery.h"
#include "search/searchrunner.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScrollBar>
#include <QTimer>

#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include <malloc.h>

namespace {

// Processor time of the whole process (every thread), in ms.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Runs the event loop for a while without spinning (a busy wait would count as work).
void spinFor(int msecs)
{
    QEventLoop loop;
    QTimer::singleShot(msecs, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char **argv)
{
    FreedMemory::returnBigBlocksAtOnce(); // as runlog's main() does
    QApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: bench_windowopen FILE [--scroll] [--search TEXT] [--insights]\n");
        return 2;
    }
    const QString path = args.at(0);
    const bool scroll = args.contains(QLatin1String("--scroll"));
    const bool insights = args.contains(QLatin1String("--insights"));
    const qsizetype searchAt = args.indexOf(QLatin1String("--search"));
    const QString needle = searchAt > 0 ? args.value(searchAt + 1) : QString();
    const double fileMb = QFileInfo(path).size() / 1048576.0;

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    spinFor(500);
    const qint64 emptyAnonKb = ProcessStatus::kilobytes("RssAnon");
    LogTableModel *model = window.logModel();
    LogTableView *table = window.findChild<LogTableView *>();
    SearchIndexer *indexer = window.findChild<SearchIndexer *>();
    if (!model || !table || !indexer) {
        std::fprintf(stderr, "the window has no table model, table or search indexer\n");
        return 1;
    }

    QElapsedTimer clock;
    double firstScreenMs = -1;
    clock.start();
    {
        // The first rows: painted at once, as the window's next frame would.
        QEventLoop untilFirstRows;
        const auto check = [&] {
            if (firstScreenMs < 0 && model->rowCount() > 0 && model->store().isLoaded(0)) {
                table->viewport()->repaint();
                firstScreenMs = clock.nsecsElapsed() / 1e6;
                untilFirstRows.quit();
            }
        };
        QObject::connect(model, &QAbstractItemModel::rowsInserted, &untilFirstRows, check, Qt::QueuedConnection);
        QObject::connect(model, &QAbstractItemModel::dataChanged, &untilFirstRows, check, Qt::QueuedConnection);
        QTimer::singleShot(600000, &untilFirstRows, [&] {
            std::fprintf(stderr, "no rows after 10 minutes\n");
            std::exit(1);
        });
        window.openFile(path);
        untilFirstRows.exec();
    }
    // Idle: no processor time spent (by any thread) for a while; the quiet time is not counted.
    double lastBusyMs = clock.nsecsElapsed() / 1e6;
    double lastCpu = cpuMs();
    for (;;) {
        spinFor(50);
        const double cpu = cpuMs();
        const double lastCpuBefore = lastCpu;
        const double now = clock.nsecsElapsed() / 1e6;
        // The window's own timers (a caret, a debounce) cost up to ~5 ms per 50 ms when nothing
        // happens; work of the opening costs a core (50 ms), or two.
        if (cpu - lastCpu > 10 || indexer->isIndexing())
            lastBusyMs = now;
        lastCpu = cpu;
        if (now - lastBusyMs >= 300)
            break;
        if (qEnvironmentVariableIsSet("BENCH_TRACE"))
            std::fprintf(stderr, "%.0f ms: rows %d, cpu +%.1f ms, indexing %d\n", now, model->rowCount(), cpu - lastCpuBefore,
                         int(indexer->isIndexing()));
    }
    const qint64 anonKb = ProcessStatus::kilobytes("RssAnon") - emptyAnonKb;
    const double anonMb = anonKb / 1024.0;
    const double peakMb = ProcessStatus::kilobytes("VmHWM") / 1024.0;
    std::printf("%s: %d rows, %.1f MB; first screen %.0f ms, idle %.0f ms; own memory %.1f MB (%.2fx the "
                "file), page cache of the file held %.1f MB, peak %.1f MB\n",
                qPrintable(QFileInfo(path).fileName()), model->rowCount(), fileMb, firstScreenMs, lastBusyMs,
                anonMb, anonMb / fileMb, ProcessStatus::kilobytes("RssFile") / 1024.0, peakMb);
    std::fflush(stdout);
    if (qEnvironmentVariableIsSet("BENCH_TRACE")) {
        const struct mallinfo2 heap = mallinfo2();
        std::printf("malloc: in use %.1f MB (of which mapped blocks %.1f MB), free in the heap %.1f MB\n",
                    (heap.uordblks + heap.hblkhd) / 1048576.0, heap.hblkhd / 1048576.0, heap.fordblks / 1048576.0);
    }
    if (qEnvironmentVariableIsSet("BENCH_TRIM")) {
        malloc_trim(0);
        std::printf("after malloc_trim: own memory %.1f MB\n", (ProcessStatus::kilobytes("RssAnon") - emptyAnonKb) / 1024.0);
    }

    if (scroll) {
        QScrollBar *bar = table->verticalScrollBar();
        std::vector<double> frames;
        QElapsedTimer frame;
        QElapsedTimer all;
        all.start();
        // A page at a time through 100k rows; through a million, 2,000 evenly spaced screens
        // (each still a screen of rows never painted before).
        const int step = std::max({1, bar->pageStep(), (bar->maximum() - bar->minimum()) / 2000});
        for (int value = bar->minimum(); value <= bar->maximum(); value += step) {
            frame.start();
            bar->setValue(value);
            table->viewport()->repaint();
            frames.push_back(frame.nsecsElapsed() / 1e6);
            QCoreApplication::processEvents();
        }
        std::printf("scroll top to bottom: %zu frames in %.0f ms; frame median %.2f ms, 95th percentile %.2f ms, "
                    "worst %.2f ms\n",
                    frames.size(), all.nsecsElapsed() / 1e6, percentile(frames, 0.5), percentile(frames, 0.95),
                    percentile(frames, 1.0));
        std::fflush(stdout);
    }

    if (insights) {
        InsightsController *controller = window.insights();
        window.insightsDock()->show();
        spinFor(300);
        malloc_trim(0);
        const qint64 anonBeforeKb = ProcessStatus::kilobytes("RssAnon");
        bool updated = false;
        QObject::connect(controller, &InsightsController::updated, &app, [&] { updated = true; });
        double worstGapMs = 0;
        QElapsedTimer sinceBeat;
        QTimer beat;
        beat.setInterval(1);
        qint64 anonPeakKb = anonBeforeKb;
        int beats = 0;
        QObject::connect(&beat, &QTimer::timeout, &app, [&] {
            worstGapMs = std::max(worstGapMs, sinceBeat.nsecsElapsed() / 1e6);
            if (++beats % 20 == 0) // the worker's memory while it works, sampled every ~20 ms
                anonPeakKb = std::max(anonPeakKb, ProcessStatus::kilobytes("RssAnon"));
            sinceBeat.restart();
        });
        clock.restart();
        sinceBeat.start();
        beat.start();
        controller->scheduleUpdate();
        while (!updated)
            spinFor(1);
        const double updatedMs = clock.nsecsElapsed() / 1e6 - 400;
        spinFor(200); // the panel's repaint after the update, also watched
        beat.stop();
        const Insights &found = controller->insights();
        std::printf("insights: updated after %.0f ms on the worker; worst UI stall %.1f ms; %lld loops, %lld repeated "
                    "signatures, %lld failures, %lld commands, %lld files; memory while computing +%.1f MB (%.1f bytes an "
                    "entry), after +%.1f MB\n",
                    updatedMs, worstGapMs, qint64(found.loops.size()), qint64(found.repeatedFailures.size()),
                    qint64(found.failures.size()), qint64(found.commands.size()), qint64(found.files.size()),
                    (anonPeakKb - anonBeforeKb) / 1024.0, (anonPeakKb - anonBeforeKb) * 1024.0 / std::max(1, model->rowCount()),
                    (ProcessStatus::kilobytes("RssAnon") - anonBeforeKb) / 1024.0);
        std::fflush(stdout);
    }

    if (!needle.isEmpty()) {
        SearchRunner runner;
        SearchQuery query;
        query.pattern = needle;
        double firstMatchMs = -1;
        double allMs = -1;
        SearchResult result;
        QObject::connect(&runner, &SearchRunner::firstMatch, &app, [&](quint64, int) {
            if (firstMatchMs < 0)
                firstMatchMs = clock.nsecsElapsed() / 1e6;
        });
        QObject::connect(&runner, &SearchRunner::finished, &app, [&](quint64, const SearchResult &r) {
            allMs = clock.nsecsElapsed() / 1e6;
            result = r;
        });
        clock.restart();
        runner.start(query, indexer->corpus());
        while (allMs < 0)
            spinFor(1);
        std::printf("search \"%s\": first match %.1f ms, all %.1f ms: %lld matches in %d entries of %d searched\n",
                    qPrintable(needle), firstMatchMs, allMs, qint64(result.matchCount), result.entryCount,
                    result.searchedRows);
    }
    return 0;
}
