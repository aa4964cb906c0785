// SPDX-License-Identifier: MIT
#pragma once

#include "stats/entryfacts.h"
#include "stats/runstatistics.h"
#include "stats/timelinebins.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class SearchController;
class StatisticsPanel;
class TimelineStrip;

// Keeps the timeline strip and the statistics panel in step with the run: it keeps the entries'
// facts (time, and the store's own type and tool ids: the texts are the store's, kept once) up
// to date row by row as pages arrive, and whenever rows arrive or the search or the filter
// changes, hands a copy of them (16 bytes an entry) to a worker that computes statistics and
// timeline bins, one computation at a time, the newest request winning. Clicks in either widget
// come back as rows to show.
class OverviewController : public QObject
{
    Q_OBJECT
public:
    OverviewController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table,
                       SearchController *search, TimelineStrip *timeline, StatisticsPanel *statistics,
                       QObject *parent = nullptr);
    ~OverviewController() override;

    const RunStatistics &statistics() const { return m_result.statistics; }
    const Timeline &timeline() const { return m_result.timeline; }
    bool isComputing() const { return m_watcher.isRunning(); }

    // Starts a computation soon (pages arrive in bursts: one computation for the burst).
    void scheduleUpdate();

    // What the insights found, for the timeline: failures (drawn as errors) and loops (a lane of
    // their own). 0-based chronological positions (entry number - 1), sorted; loop spans are
    // [first, last] inclusive. Kept until replaced (whoever computes the insights sets them again
    // for another run, and clears them with empty vectors); the bins are computed again soon.
    void setInsightMarks(const QVector<int> &failurePositions, const QVector<QPair<int, int>> &loopSpans);
    const TimelineInsightMarks &insightMarks() const { return m_marks; }
    // The user's notes, ticked on the timeline (chronological positions).
    void setNotePositions(const QVector<int> &positions);

signals:
    // A source row of the model to select and centre (filters hiding it were cleared).
    void rowRequested(int sourceRow);
    void updated();

private:
    struct Result {
        RunStatistics statistics;
        Timeline timeline;
    };

    void start();
    void onRowsChanged(int firstRow, int lastRow);
    void onRowsInserted(int firstRow, int lastRow);
    void rebuildFacts();
    void forgetAxis(); // another run: its own span
    void onFinished();
    // The first line of each listed error, read from its raw JSON on a worker (only the
    // entries not read before), then shown in the statistics' Errors list.
    void requestErrorLines();
    void onErrorLinesFinished();
    void forgetErrorLines();
    void updateViewport();
    void showPosition(int chronologicalPosition);
    void showTime(qint64 msecs);
    void filterMessageType(const QString &type);
    void filterToolName(const QString &tool);
    int sourceRowOf(int chronologicalPosition) const;

    LogTableModel *m_model;
    LogFilterProxyModel *m_proxy;
    LogTableView *m_table;
    SearchController *m_search;
    TimelineStrip *m_timeline;
    StatisticsPanel *m_statistics;
    RunFactsBuilder m_facts;
    QTimer m_debounce;
    QFutureWatcher<Result> m_watcher;
    Result m_result;
    TimelineInsightMarks m_marks;
    TimelineAxisHint m_axisHint; // the time axis shown, kept while pages arrive
    bool m_dirty = false;
    struct ErrorLines {
        int generation = 0;
        QHash<int, QString> lines; // by chronological position
    };
    QFutureWatcher<ErrorLines> m_errorLinesWatcher;
    QHash<int, QString> m_errorLines; // known so far for this run
    int m_errorLinesGeneration = 0;   // another run, or rows removed: older answers are dropped
    bool m_errorLinesDirty = false;
};
