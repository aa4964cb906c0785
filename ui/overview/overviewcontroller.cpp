// SPDX-License-Identifier: MIT
#include "ui/overview/overviewcontroller.h"

#include "ui/table/logtableview.h"
#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchcontroller.h"
#include "stats/entryfacts.h"
#include "stats/errorline.h"
#include "stats/statisticscalculator.h"
#include "ui/overview/statisticspanel.h"
#include "ui/overview/timelinestrip.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {
// Long enough to gather a burst of pages, short enough to feel live.
constexpr int kDebounceMs = 300;
} // namespace

OverviewController::OverviewController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table,
                                       SearchController *search, TimelineStrip *timeline,
                                       StatisticsPanel *statistics, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_table(table)
    , m_search(search)
    , m_timeline(timeline)
    , m_statistics(statistics)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &OverviewController::start);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &OverviewController::onFinished);
    connect(&m_errorLinesWatcher, &QFutureWatcher<ErrorLines>::finished, this, &OverviewController::onErrorLinesFinished);

    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                onRowsChanged(topLeft.row(), bottomRight.row());
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &OverviewController::rebuildFacts);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OverviewController::forgetAxis); // another run
    rebuildFacts();
    connect(m_search, &SearchController::resultChanged, this, &OverviewController::scheduleUpdate);
    connect(m_proxy, &LogFilterProxyModel::filterChanged, this, &OverviewController::scheduleUpdate);
    connect(m_table, &LogTableView::visibleRowsChanged, this, &OverviewController::updateViewport);

    connect(m_timeline, &TimelineStrip::positionRequested, this, &OverviewController::showPosition);
    connect(m_timeline, &TimelineStrip::layoutChanged, this, &OverviewController::scheduleUpdate);
    connect(m_statistics, &StatisticsPanel::positionRequested, this, &OverviewController::showPosition);
    connect(m_statistics, &StatisticsPanel::timeRequested, this, &OverviewController::showTime);
    connect(m_statistics, &StatisticsPanel::messageTypeRequested, this, &OverviewController::filterMessageType);
    connect(m_statistics, &StatisticsPanel::toolNameRequested, this, &OverviewController::filterToolName);
    connect(m_statistics, &StatisticsPanel::clearFilterRequested, m_search, &SearchController::clearChosenValues);
}

OverviewController::~OverviewController()
{
    m_watcher.waitForFinished();
    m_errorLinesWatcher.waitForFinished();
}

void OverviewController::scheduleUpdate()
{
    if (!m_debounce.isActive())
        m_debounce.start();
}

void OverviewController::setInsightMarks(const QVector<int> &failurePositions,
                                         const QVector<QPair<int, int>> &loopSpans)
{
    m_marks.failurePositions = failurePositions;
    m_marks.loopSpans = loopSpans;
    scheduleUpdate();
}

void OverviewController::setNotePositions(const QVector<int> &positions)
{
    if (positions == m_marks.notePositions)
        return;
    m_marks.notePositions = positions;
    scheduleUpdate();
}

void OverviewController::onRowsChanged(int firstRow, int lastRow)
{
    m_facts.update(m_model->store(), m_model->isReversed(), firstRow, lastRow);
    scheduleUpdate();
}

void OverviewController::onRowsInserted(int firstRow, int lastRow)
{
    // Rows added at the end of an oldest-first run (pages, a file read in batches, a live run)
    // extend the facts; anything else moves positions: read the store again.
    if (!m_model->isReversed() && firstRow == m_facts.size())
        m_facts.update(m_model->store(), false, firstRow, lastRow);
    else
        m_facts.rebuild(m_model->store(), m_model->isReversed());
    scheduleUpdate();
}

void OverviewController::forgetAxis()
{
    m_axisHint = TimelineAxisHint();
    rebuildFacts();
}

void OverviewController::rebuildFacts()
{
    forgetErrorLines(); // another run, or rows gone: positions name other entries
    m_facts.rebuild(m_model->store(), m_model->isReversed());
    scheduleUpdate();
}

void OverviewController::start()
{
    if (m_watcher.isRunning()) {
        m_dirty = true; // onFinished() starts again with what is new
        return;
    }
    m_dirty = false;
    // The only work here: the facts are shared with the worker (copied on the next change,
    // 16 bytes an entry).
    RunFacts facts = m_facts.facts();
    QVector<int> matches;
    if (!m_search->query().isEmpty()) {
        matches = m_search->result().matchingRows;
        if (m_model->isReversed()) {
            for (int &row : matches)
                row = m_model->rowCount() - 1 - row;
        }
    }
    TimelineFilter filter;
    filter.messageTypes = m_proxy->allowedMessageTypes();
    filter.toolNames = m_proxy->allowedToolNames();
    filter.matchingOnly = m_proxy->isMatchingOnly();
    const Timeline::Axis axis = m_timeline->axis();
    const int bins = m_timeline->binCount();
    // Shared with the worker (implicitly shared vectors: no copy unless they change meanwhile).
    const TimelineInsightMarks marks = m_marks;
    const TimelineAxisHint axisHint = m_axisHint;
    m_watcher.setFuture(QtConcurrent::run([facts = std::move(facts), matches = std::move(matches), filter, axis, bins, marks, axisHint] {
        Result result;
        result.statistics = StatisticsCalculator::compute(facts);
        result.timeline = TimelineBins::compute(facts, axis, bins, matches, filter, result.statistics.standoutGaps(), marks, axisHint);
        return result;
    }));
}

void OverviewController::onFinished()
{
    m_result = m_watcher.result();
    if (m_result.timeline.hasTimes)
        m_axisHint = {true, m_result.timeline.startMsecs, m_result.timeline.endMsecs};
    m_timeline->setTimeline(m_result.timeline);
    // Bars chosen by the bar's query (type:ACTION, written by a click) or by the filters.
    m_statistics->setStatistics(m_result.statistics, m_search->chosenValues(QStringLiteral("type")),
                                m_search->chosenValues(QStringLiteral("tool")));
    requestErrorLines();
    updateViewport();
    emit updated();
    if (m_dirty)
        start();
}

void OverviewController::updateViewport()
{
    const QPair<int, int> rows = m_table->visibleRows();
    if (rows.first < 0 || m_proxy->rowCount() == 0) {
        m_timeline->setViewport(-1, -1, LogEntry::kNoTime, LogEntry::kNoTime);
        return;
    }
    int first = m_proxy->mapToSource(m_proxy->index(rows.first, 0)).row();
    int last = m_proxy->mapToSource(m_proxy->index(rows.second, 0)).row();
    if (m_model->isReversed()) {
        first = m_model->rowCount() - 1 - first;
        last = m_model->rowCount() - 1 - last;
    }
    if (first > last)
        std::swap(first, last);
    // The times of the loaded entries nearest to either end of the screen.
    const LogStore &store = m_model->store();
    auto timeNear = [&](int position, int step) {
        for (int k = 0; k < 200; ++k, position += step) {
            const int row = sourceRowOf(position);
            if (row < 0 || row >= store.size())
                break;
            if (const qint64 msecs = store.createdAtMsecsAt(row); msecs != LogEntry::kNoTime)
                return msecs;
        }
        return LogEntry::kNoTime;
    };
    m_timeline->setViewport(first, last, timeNear(first, 1), timeNear(last, -1));
}

int OverviewController::sourceRowOf(int chronologicalPosition) const
{
    return m_model->isReversed() ? m_model->rowCount() - 1 - chronologicalPosition : chronologicalPosition;
}

void OverviewController::showPosition(int chronologicalPosition)
{
    const int row = sourceRowOf(chronologicalPosition);
    if (row < 0 || row >= m_model->rowCount())
        return;
    if (!m_proxy->isReachable(row))
        m_search->clearFilters(); // hidden by a filter: show everything rather than refuse (a fold opens)
    emit rowRequested(row);
}

void OverviewController::showTime(qint64 msecs)
{
    // The first entry at or after the time, in run order.
    const LogStore &store = m_model->store();
    const int rows = m_model->rowCount();
    for (int position = 0; position < rows; ++position) {
        const int row = sourceRowOf(position);
        const qint64 time = store.createdAtMsecsAt(row);
        if (time != LogEntry::kNoTime && time >= msecs)
            return showPosition(position);
    }
}

void OverviewController::filterMessageType(const QString &type)
{
    // The bar gets the query (type:ERROR), so a click teaches the language; a second click on
    // the same bar clears it.
    m_search->showOnly(QStringLiteral("type"), type);
}

void OverviewController::filterToolName(const QString &tool)
{
    m_search->showOnly(QStringLiteral("tool"), tool);
}

void OverviewController::forgetErrorLines()
{
    m_errorLines.clear();
    ++m_errorLinesGeneration;
}

void OverviewController::requestErrorLines()
{
    if (m_errorLinesWatcher.isRunning()) {
        m_errorLinesDirty = true; // onErrorLinesFinished() asks again
        return;
    }
    m_errorLinesDirty = false;
    const LogStore &store = m_model->store();
    const QVector<int> &errors = m_result.statistics.errorPositions;
    QVector<int> positions;
    QList<QByteArray> raws;
    for (int i = 0; i < errors.size() && i < StatisticsPanel::kMaxListedErrors; ++i) {
        const int row = sourceRowOf(errors[i]);
        if (m_errorLines.contains(errors[i]) || row < 0 || row >= store.size() || !store.isLoaded(row))
            continue;
        positions.append(errors[i]);
        raws.append(store.rawJsonAt(row));
    }
    if (positions.isEmpty()) {
        m_statistics->setErrorLines(m_errorLines);
        return;
    }
    // The bytes stay valid on the worker while it holds their owners.
    const QList<std::shared_ptr<const void>> owners = store.rawOwners();
    const int generation = m_errorLinesGeneration;
    m_errorLinesWatcher.setFuture(QtConcurrent::run([positions, raws, owners, generation] {
        ErrorLines found;
        found.generation = generation;
        for (int i = 0; i < positions.size(); ++i)
            found.lines.insert(positions[i], ErrorLine::firstLineOf(raws[i]));
        return found;
    }));
}

void OverviewController::onErrorLinesFinished()
{
    const ErrorLines found = m_errorLinesWatcher.result();
    if (found.generation == m_errorLinesGeneration) {
        m_errorLines.insert(found.lines);
        m_statistics->setErrorLines(m_errorLines);
    }
    if (m_errorLinesDirty || found.generation != m_errorLinesGeneration)
        requestErrorLines();
}
