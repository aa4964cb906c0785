// SPDX-License-Identifier: MIT
#include "ui/table/markcontroller.h"

#include "ui/table/logtableview.h"
#include "ui/table/markedscrollbar.h"
#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"

#include <QAction>

#include <algorithm>

MarkController::MarkController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_table(table)
{
    connect(m_model, &LogTableModel::marksChanged, this, &MarkController::updateScrollBar);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MarkController::updateScrollBar);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MarkController::updateScrollBar);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MarkController::updateScrollBar);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MarkController::updateScrollBar);
}

void MarkController::connectActions(QAction *toggle, QAction *next, QAction *previous, QAction *onlyMarked)
{
    connect(toggle, &QAction::triggered, this, &MarkController::toggleCurrent);
    connect(next, &QAction::triggered, this, &MarkController::goToNext);
    connect(previous, &QAction::triggered, this, &MarkController::goToPrevious);
    connect(onlyMarked, &QAction::toggled, this, &MarkController::setOnlyMarked);
}

void MarkController::toggleCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_proxy->mapToSource(current).row();
    const bool marked = !m_model->isMarked(row);
    m_model->setMarked(row, marked);
    const int number = m_model->index(row, 0).data(LogTableModel::ChronologicalIndexRole).toInt() + 1;
    emit message(marked ? tr("Marked entry %1 (%2 marked).").arg(number).arg(count())
                        : tr("Unmarked entry %1 (%2 marked).").arg(number).arg(count()),
                 3000);
}

bool MarkController::goToNext()
{
    return goTo(true);
}

bool MarkController::goToPrevious()
{
    return goTo(false);
}

bool MarkController::goTo(bool forward)
{
    // The marks that the filter shows or a closed fold holds, after (or before) the current row.
    // The proxy keeps the source order, so source rows are in view order too.
    QVector<int> rows;
    for (int row : m_model->markedRows()) {
        if (m_proxy->isReachable(row))
            rows.append(row);
    }
    if (rows.isEmpty()) {
        emit message(count() == 0 ? tr("No entry is marked: press M to mark the current one.")
                                  : tr("The filter hides every marked entry."),
                     4000);
        return false;
    }
    const int current = m_table->currentIndex().isValid() ? m_proxy->mapToSource(m_table->currentIndex()).row()
                                                          : (forward ? -1 : m_model->rowCount());
    int target = -1;
    if (forward) {
        const auto next = std::upper_bound(rows.cbegin(), rows.cend(), current);
        target = next != rows.cend() ? *next : -1;
    } else {
        const auto next = std::lower_bound(rows.cbegin(), rows.cend(), current);
        target = next != rows.cbegin() ? *(next - 1) : -1;
    }
    if (target < 0) {
        emit message(forward ? tr("No marked entry after this one.") : tr("No marked entry before this one."), 3000);
        return false;
    }
    const QModelIndex index = m_proxy->revealSourceRow(target);
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void MarkController::setOnlyMarked(bool on)
{
    m_proxy->setMarkedOnly(on);
}

int MarkController::count() const
{
    return int(m_model->markedEntries().size());
}

QVector<int> MarkController::chronologicalRows() const
{
    QVector<int> rows = m_model->markedRows();
    if (m_model->isReversed())
        std::reverse(rows.begin(), rows.end());
    return rows;
}

void MarkController::updateScrollBar()
{
    QVector<int> viewRows;
    for (int row : m_model->markedRows()) {
        // A mark inside a closed fold is ticked on the fold's row.
        const QModelIndex index = m_proxy->shownIndexFor(row);
        if (index.isValid())
            viewRows.append(index.row());
    }
    std::sort(viewRows.begin(), viewRows.end());
    viewRows.erase(std::unique(viewRows.begin(), viewRows.end()), viewRows.end());
    m_table->markedScrollBar()->setUserMarks(viewRows, m_proxy->rowCount());
}
