// SPDX-License-Identifier: MIT
#pragma once

#include "stats/runstatistics.h"
#include "stats/timelinebins.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

class LogFilterProxyModel;
class LogTableModel;
class LogTableView;
class SearchController;
class StatisticsPanel;
class TimelineStrip;

// Keeps the timeline strip and the statistics panel in step with the run: whenever rows arrive,
// the search or the filter changes, it copies the entries' few fields (reference counts, not
// text) and computes statistics and timeline bins on a worker, one computation at a time, the
// newest request winning. Clicks in either widget come back as rows to show.
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
    void onFinished();
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
    QTimer m_debounce;
    QFutureWatcher<Result> m_watcher;
    Result m_result;
    bool m_dirty = false;
};
