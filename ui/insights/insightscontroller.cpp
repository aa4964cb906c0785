// SPDX-License-Identifier: MIT
#include "ui/insights/insightscontroller.h"

#include "rows/logtablemodel.h"
#include "session/runsession.h"
#include "stats/incrementalinsights.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

namespace {
// Long enough to gather a burst of pages, short enough to feel live. Longer than the overview's:
// insights read every entry's bytes, statistics only 16 bytes an entry.
constexpr int kDebounceMs = 400;
// While a file is read or pages pour in, at most one computation this often: each one reads
// every entry, and the reading itself needs the processor.
constexpr int kBusyIntervalMs = 1500;
} // namespace

InsightsController::InsightsController(RunSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_model(session->model())
    , m_incremental(std::make_shared<IncrementalInsights>())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &InsightsController::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &InsightsController::onFinished);
    // New entries, not every dataChanged: a mark or a fold opened is no reason to read them all again.
    connect(m_model, &LogTableModel::entriesSet, this, &InsightsController::scheduleUpdate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &InsightsController::scheduleUpdate);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &InsightsController::scheduleUpdate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &InsightsController::scheduleUpdate);
    connect(m_session, &RunSession::reset, this, &InsightsController::clear);
    // A run that finishes or is loaded whole is "whole" without a row changing.
    connect(m_session, &RunSession::progressChanged, this, [this] {
        if (!m_whole && isRunOver() && m_model->store().loadedCount() == m_model->rowCount())
            scheduleUpdate();
    });
    connect(m_session, &RunSession::runGoingChanged, this, &InsightsController::scheduleUpdate);
}

InsightsController::~InsightsController()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

int InsightsController::sourceRowOf(int entry) const
{
    const int rows = m_model->rowCount();
    if (entry < 1 || entry > rows)
        return -1;
    return m_model->isReversed() ? rows - entry : entry - 1;
}

void InsightsController::scheduleUpdate()
{
    if (!m_debounce.isActive())
        m_debounce.start();
}

bool InsightsController::isRunOver() const
{
    const RunProgress progress = m_session->progress();
    return progress.endKnown && !progress.busy && !m_session->isRunGoing();
}

void InsightsController::clear()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);
    // A running worker keeps the old run's reading to itself; the new run starts from nothing.
    m_incremental = std::make_shared<IncrementalInsights>();
    m_debounce.stop();
    m_debounce.setInterval(kDebounceMs);
    m_sinceStart.invalidate();
    m_insights = Insights();
    m_entriesLoaded = 0;
    m_whole = false;
    emit updated();
    scheduleUpdate(); // a file's first rows may already be there
}

void InsightsController::start()
{
    if (m_watcher.isRunning()) {
        // What runs is out of date: stop it, and start again with what is new when it ends.
        m_dirty = true;
        if (m_cancel)
            m_cancel->store(true);
        return;
    }
    if (m_session->progress().busy && m_sinceStart.isValid() && m_sinceStart.elapsed() < kBusyIntervalMs) {
        m_debounce.start(int(kBusyIntervalMs - m_sinceStart.elapsed()));
        return;
    }
    m_dirty = false;
    m_debounce.setInterval(kDebounceMs);
    const LogStore &store = m_model->store();
    if (store.size() == 0) {
        m_incremental = std::make_shared<IncrementalInsights>(); // lets go of the bytes it read
        if (m_entriesLoaded != 0 || m_insights.entries != 0) {
            m_insights = Insights();
            m_entriesLoaded = 0;
            m_whole = false;
            emit updated();
        }
        return;
    }
    // The only work here: a view of each row (16 bytes) and the owners that keep them valid.
    std::vector<QByteArrayView> rows = store.rawViews();
    QList<std::shared_ptr<const void>> owners = store.rawOwners();
    const bool reversed = m_model->isReversed();
    const int loaded = store.loadedCount();
    const bool whole = loaded == store.size() && isRunOver();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_sinceStart.start();
    m_runningGeneration = m_generation;
    m_watcher.setFuture(QtConcurrent::run(
        [rows = std::move(rows), owners = std::move(owners), reversed, loaded, whole, cancel = m_cancel,
         incremental = m_incremental]() mutable {
            if (reversed)
                std::reverse(rows.begin(), rows.end()); // oldest first
            Result result;
            result.insights = incremental->compute(std::move(rows), std::move(owners), cancel.get());
            result.entriesLoaded = loaded;
            result.whole = whole;
            return result;
        }));
}

void InsightsController::onFinished()
{
    Result result = m_watcher.result();
    const bool current = m_runningGeneration == m_generation && !result.insights.cancelled;
    if (current) {
        m_insights = std::move(result.insights);
        m_entriesLoaded = result.entriesLoaded;
        m_whole = result.whole;
        emit updated();
    }
    if (m_dirty || !current)
        start();
}
