// SPDX-License-Identifier: MIT
// Measures the run-at-a-glance work on 1,000,000 entries held as the window holds them (a
// LogTableModel of LogEntry rows, each with its own strings, as the page parser makes them):
//   - the copy of the entries' table fields on the UI thread (EntryFactsOf::store),
//   - statistics and timeline bins on a worker (the OverviewController's job), and how long the
//     UI thread's event loop went without running while that happened (a 1 ms timer),
//   - painting the timeline strip from its bins, and opening a 5 MB value in the JSON tree,
//   - the rich detail view at its size limit: building it, and the stall while it is laid out.
// Build Release and run under the offscreen platform:
//     QT_QPA_PLATFORM=offscreen bench_overview [entries=1000000]
#include "processstatus.h"
#include "json/jsontreemodel.h"
#include "ui/detail/richentrydocument.h"
#include "ui/detail/safetextbrowser.h"
#include "rows/logtablemodel.h"
#include "stats/entryfacts.h"
#include "stats/statisticscalculator.h"
#include "stats/timelinebins.h"
#include "ui/overview/timelinestrip.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextDocument>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstdio>

#include <malloc.h>

namespace {

qint64 g_phaseBaseKb = 0;

void resetPeak()
{
    malloc_trim(0);
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
    g_phaseBaseKb = ProcessStatus::kilobytes("VmRSS");
}

void report(const char *what, qint64 nsecs)
{
    const qint64 peakKb = ProcessStatus::kilobytes("VmHWM");
    std::printf("%-52s %9.1f ms   peak RSS %5lld MB (+%lld MB in this phase)\n", what, double(nsecs) / 1e6,
                peakKb / 1024, (peakKb - g_phaseBaseKb) / 1024);
    std::fflush(stdout);
}

// A run shaped like the demo's: mostly tool calls, some thoughts, a few errors, pauses now and
// then and one idle hour. Every entry gets its own strings, as parsing pages gives them.
QList<LogEntry> makeEntries(int count)
{
    QRandomGenerator rng(20250621);
    const char *const types[] = {"ACTION", "ACTION", "ACTION", "ACTION", "PLAN_EVALUATION", "ERROR", "USER_MESSAGE"};
    const char *const tools[] = {"bash", "edit_file", "read_file", "grep", "list_directory", "web_search"};
    QList<LogEntry> entries;
    entries.reserve(count);
    qint64 clock = 1'750'507'591'000;
    for (int i = 0; i < count; ++i) {
        LogEntry entry;
        clock += rng.bounded(100) < 97 ? rng.bounded(8000) : rng.bounded(300'000);
        if (i == count / 2)
            clock += 3'600'000;
        entry.createdAtMsecs = clock;
        const char *type = types[rng.bounded(int(std::size(types)))];
        entry.messageType = QString::fromLatin1(type);
        if (qstrcmp(type, "ACTION") == 0)
            entry.toolName = QString::fromLatin1(tools[rng.bounded(int(std::size(tools)))]);
        entry.rawJson = QByteArray("{}");
        entries.append(std::move(entry));
    }
    return entries;
}

// Runs `work` on a worker while this thread's event loop turns, and reports the longest time
// the loop went without running a 1 ms timer: what a user would feel as a stall.
template <typename Work>
void measureOnWorker(const char *what, Work work)
{
    QElapsedTimer clock;
    qint64 lastTick = 0;
    qint64 longestStall = 0;
    QTimer ticker;
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        longestStall = std::max(longestStall, now - lastTick);
        lastTick = now;
    });
    QEventLoop loop;
    QFutureWatcher<void> watcher;
    QObject::connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
    resetPeak();
    clock.start();
    ticker.start();
    watcher.setFuture(QtConcurrent::run(work));
    loop.exec();
    const qint64 elapsed = clock.nsecsElapsed();
    ticker.stop();
    report(what, elapsed);
    std::printf("%-52s %9.1f ms\n", "  longest UI event-loop stall meanwhile", double(longestStall) / 1e6);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1'000'000;
    std::printf("bench_overview: %d entries\n", count);

    resetPeak();
    QElapsedTimer clock;
    clock.start();
    LogTableModel model;
    model.resizeRows(count);
    {
        QList<LogEntry> entries = makeEntries(count);
        model.setEntries(0, std::move(entries));
    }
    report("build the model (not part of the overview)", clock.nsecsElapsed());

    resetPeak();
    clock.restart();
    RunFactsBuilder builder;
    builder.rebuild(model.store(), false);
    report("facts of every row, from scratch (a model reset)", clock.nsecsElapsed());
    clock.restart();
    for (int first = 0; first < count; first += 5000)
        builder.update(model.store(), false, first, std::min(count, first + 5000) - 1);
    report("facts kept up to date, 200 batches of 5,000 rows", clock.nsecsElapsed());
    resetPeak();
    clock.restart();
    RunFacts facts = builder.facts();
    builder.setUnloaded(0); // the next change detaches: the copy the UI thread pays per job
    report("copy of the facts for a job, on the UI thread", clock.nsecsElapsed());
    builder.update(model.store(), false, 0, 0);

    RunStatistics stats;
    measureOnWorker("statistics on a worker", [&] { stats = StatisticsCalculator::compute(facts); });
    std::printf("  %d types, %d tools, %d errors, longest gap %.0f s\n", int(stats.messageTypes.size()),
                int(stats.tools.size()), int(stats.errorPositions.size()),
                stats.longestGaps.isEmpty() ? 0.0 : double(stats.longestGaps.first().msecs) / 1000.0);

    const QVector<int> matches = [&] {
        QVector<int> rows;
        for (int i = 0; i < count; i += 97)
            rows.append(i);
        return rows;
    }();
    TimelineFilter filter;
    filter.toolNames = {QStringLiteral("bash")};
    Timeline timeline;
    measureOnWorker("timeline bins, time axis, 1,600 bins, on a worker", [&] {
        timeline = TimelineBins::compute(facts, Timeline::Axis::Time, 1600, matches, filter, stats.longestGaps);
    });
    measureOnWorker("timeline bins, index axis, 1,600 bins, on a worker", [&] {
        timeline = TimelineBins::compute(facts, Timeline::Axis::Index, 1600, matches, filter, stats.longestGaps);
    });
    // The insights' marks (issue 23): a failure every 50 entries, a loop of 100 entries every 500.
    TimelineInsightMarks marks;
    for (int i = 0; i < count; i += 50)
        marks.failurePositions.append(i);
    for (int i = 0; i + 99 < count; i += 500)
        marks.loopSpans.append({i, i + 99});
    measureOnWorker("timeline bins with 20,000 failures and 2,000 loops, time axis, on a worker", [&] {
        timeline = TimelineBins::compute(facts, Timeline::Axis::Time, 1600, matches, filter, stats.longestGaps, marks);
    });
    measureOnWorker("timeline bins with 20,000 failures and 2,000 loops, index axis, on a worker", [&] {
        timeline = TimelineBins::compute(facts, Timeline::Axis::Index, 1600, matches, filter, stats.longestGaps, marks);
    });
    measureOnWorker("whole overview job (statistics + bins), on a worker", [&] {
        const RunStatistics s = StatisticsCalculator::compute(facts);
        timeline = TimelineBins::compute(facts, Timeline::Axis::Time, 1600, matches, filter, s.longestGaps);
    });

    TimelineStrip strip;
    strip.resize(1660, 60);
    resetPeak();
    clock.restart();
    strip.setTimeline(timeline);
    report("timeline strip: build its image from the bins", clock.nsecsElapsed());
    clock.restart();
    for (int i = 0; i < 100; ++i)
        strip.grab();
    report("timeline strip: 100 repaints", clock.nsecsElapsed());

    // The JSON tree on 5 MB values: one long string, and an array of 100,000 small objects.
    QJsonObject big;
    QString text;
    while (text.size() < 5 * 1024 * 1024)
        text += QStringLiteral("2025-06-20 00:00:00,855 INFO [worker-3] api.routes: cart=41ef5689 items=2\n");
    big.insert(QStringLiteral("output"), text);
    QJsonArray items;
    for (int i = 0; i < 100'000; ++i)
        items.append(QJsonObject{{QStringLiteral("path"), QStringLiteral("src/file%1.py").arg(i)}, {QStringLiteral("line"), i}});
    const QByteArray stringValue = QJsonDocument(big).toJson(QJsonDocument::Compact);
    const QByteArray arrayValue = QJsonDocument(QJsonObject{{QStringLiteral("matches"), items}}).toJson(QJsonDocument::Compact);
    for (const auto &[name, value] : {std::pair{"JSON tree: 5 MB string, open and show its row", stringValue},
                                      std::pair{"JSON tree: 100,000-item array, open and expand it", arrayValue}}) {
        resetPeak();
        clock.restart();
        JsonTreeModel tree;
        tree.setJson(value);
        tree.fetchMore({});
        const QModelIndex first = tree.index(0, 0);
        (void)tree.index(0, 1).data();
        tree.fetchMore(first); // the first batch of the level, as expanding it does
        (void)tree.rowCount(first);
        std::printf("  (%.1f MB)\n", double(value.size()) / 1e6);
        report(name, clock.nsecsElapsed());
    }
    // The rich readable view at its size limit: built on a worker, laid out on the UI thread.
    {
        QString markdown;
        while (markdown.size() < 20'000)
            markdown += QStringLiteral("## Step\n\nThe **cart** total uses `round()`; see [the PR](https://example.org).\n\n- one\n- two\n\n");
        QString output;
        while (output.size() < int(RichEntryDocument::kMaxBytes) - 40'000)
            output += QStringLiteral("    line of a tool's output, indented, long enough to wrap at a normal pane width of 700 pixels\n");
        const QByteArray raw = QJsonDocument(QJsonObject{{QStringLiteral("agent_run_id"), 1},
                                                         {QStringLiteral("thought"), markdown},
                                                         {QStringLiteral("tool_output"), QJsonObject{{QStringLiteral("output"), output}}}})
                                   .toJson(QJsonDocument::Compact);
        std::printf("  (rich entry of %.0f KB)\n", double(raw.size()) / 1024.0);
        resetPeak();
        clock.restart();
        std::unique_ptr<QTextDocument> document(
            RichEntryDocument::build(raw, QApplication::font(), QApplication::font(), QThread::currentThread()));
        report("rich detail document: build (on a worker in the app)", clock.nsecsElapsed());
        // As the pane shows it: a text browser lays a document out in steps between events.
        SafeTextBrowser browser;
        browser.resize(700, 800);
        browser.show();
        QCoreApplication::processEvents();
        QElapsedTimer sinceTick;
        qint64 longestStall = 0;
        QTimer ticker;
        ticker.setInterval(1);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            longestStall = std::max(longestStall, sinceTick.nsecsElapsed());
            sinceTick.restart();
        });
        clock.restart();
        sinceTick.start();
        ticker.start();
        browser.setDocument(document.get());
        const qint64 setDocument = clock.nsecsElapsed();
        longestStall = std::max(longestStall, sinceTick.nsecsElapsed());
        while (clock.elapsed() < 3000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        ticker.stop();
        std::printf("%-52s %9.1f ms\n", "rich detail document: setDocument() in the browser", double(setDocument) / 1e6);
        std::printf("%-52s %9.1f ms\n", "  longest UI event-loop stall in the 3 s after", double(longestStall) / 1e6);
        browser.setDocument(nullptr);
        clock.restart();
        document->setTextWidth(700);
        (void)document->size();
        report("rich detail document: full layout at once, 700 px", clock.nsecsElapsed());
    }
    return 0;
}
