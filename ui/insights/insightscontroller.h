// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class IncrementalInsights;
class LogTableModel;
class RunSession;

// Keeps the open run's insights (loops, failures, commands, files) up to date as pages arrive,
// a file is read and a live run grows. Whenever rows arrive or change (gathered for a moment),
// the worker gets a view of every row's bytes in run order (16 bytes a row, their owners held,
// so the table may go on changing) and computes the insights there, reading only the entries
// that came since the last computation when the earlier ones are unchanged (IncrementalInsights:
// a followed run or a file being read is not read again from its start each time); a newer
// request cancels the one running, which keeps what it read. Rows not loaded count as entries
// without a tool: numbers stay the run's own, and the findings are "of the entries loaded" until
// the run is whole.
class InsightsController : public QObject
{
    Q_OBJECT
public:
    explicit InsightsController(RunSession *session, QObject *parent = nullptr);
    ~InsightsController() override;

    const Insights &insights() const { return m_insights; }
    // Whether the insights cover every entry of a run that is over (not one still going, not
    // one whose pages are still missing).
    bool isWhole() const { return m_whole; }
    // The entries loaded when the shown insights were computed.
    int entriesLoaded() const { return m_entriesLoaded; }
    bool isComputing() const { return m_watcher.isRunning(); }

    // An entry number (1-based, oldest first) as a row of the model; -1 past the rows.
    int sourceRowOf(int entry) const;

    // Starts a computation soon (rows arrive in bursts: one computation for the burst).
    void scheduleUpdate();

signals:
    // New insights (or none: a run closed).
    void updated();

private:
    struct Result
    {
        Insights insights;
        int entriesLoaded = 0;
        bool whole = false;
    };

    void start();
    void onFinished();
    void clear();
    bool isRunOver() const;

    RunSession *m_session;
    LogTableModel *m_model;
    QTimer m_debounce;
    QElapsedTimer m_sinceStart; // since the last computation started
    QFutureWatcher<Result> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    // What the computations read so far, handed to one worker at a time; a new one for a new run.
    std::shared_ptr<IncrementalInsights> m_incremental;
    Insights m_insights;
    int m_entriesLoaded = 0;
    bool m_whole = false;
    bool m_dirty = false;
    quint64 m_generation = 0; // bumped by a reset: results of an older run are dropped
    quint64 m_runningGeneration = 0;
};
