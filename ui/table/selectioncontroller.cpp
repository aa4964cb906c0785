// SPDX-License-Identifier: MIT
#include "ui/table/selectioncontroller.h"

#include "ui/table/logtableview.h"
#include "search/logfilterproxymodel.h"

#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>

SelectionController::SelectionController(LogFilterProxyModel *proxy, LogTableView *table, QObject *parent)
    : QObject(parent)
    , m_proxy(proxy)
    , m_table(table)
{
    connect(table, &LogTableView::currentRowChanged, this, &SelectionController::noteCurrentRow);
    connect(proxy, &LogFilterProxyModel::filterAboutToChange, this, &SelectionController::rememberPlace);
    connect(proxy, &LogFilterProxyModel::filterChanged, this, &SelectionController::restorePlace);
    connect(proxy, &QAbstractItemModel::modelReset, this, &SelectionController::reset);
}

void SelectionController::reset()
{
    m_anchor = -1;
    m_anchorY = -1;
}

void SelectionController::noteCurrentRow(int viewRow)
{
    // Rows vanish under the selection while a filter is applied; only the user's moves count.
    if (m_restoring || m_refiltering)
        return;
    if (viewRow >= 0)
        m_anchor = m_proxy->mapToSource(m_proxy->index(viewRow, 0)).row();
}

void SelectionController::rememberPlace()
{
    m_refiltering = true;
    m_anchorY = -1;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int sourceRow = m_proxy->mapToSource(current).row();
    if (m_anchor < 0 || m_proxy->mapFromSource(m_proxy->sourceModel()->index(m_anchor, 0)).isValid())
        m_anchor = sourceRow; // the shown row is the user's, unless it stands in for a hidden one
    const int y = m_table->rowViewportPosition(current.row());
    if (y >= 0 && y < m_table->viewport()->height())
        m_anchorY = y;
}

void SelectionController::restorePlace()
{
    m_refiltering = false;
    if (m_anchor < 0 || m_proxy->rowCount() == 0)
        return;
    QModelIndex target = m_proxy->mapFromSource(m_proxy->sourceModel()->index(m_anchor, 0));
    if (!target.isValid()) {
        const int nearest = nearestShownRow(m_anchor);
        if (nearest < 0)
            return;
        target = m_proxy->index(nearest, 0);
    }
    m_restoring = true;
    const int column = m_table->currentIndex().isValid() ? m_table->currentIndex().column() : 0;
    m_table->setCurrentIndex(target.siblingAtColumn(column));
    // The view lays out its new rows later (a delayed layout), so its scroll bar still has the
    // filtered rows' range here: a place far down the whole run would be clamped to it, and the
    // table would sit rows away from the entry the pane shows. Lay out now.
    m_table->doItemsLayout();
    if (m_anchorY >= 0) {
        // Fixed row height: the row's top is row * height; put it back where it was.
        const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
        QScrollBar *bar = m_table->verticalScrollBar();
        bar->setValue(std::clamp(target.row() * rowHeight - m_anchorY, bar->minimum(), bar->maximum()));
    } else {
        m_table->scrollTo(target, QAbstractItemView::PositionAtCenter);
    }
    m_restoring = false;
}

int SelectionController::nearestShownRow(int sourceRow) const
{
    // The proxy keeps the source order, so its rows' source positions are sorted.
    int low = 0;
    int high = m_proxy->rowCount();
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (m_proxy->mapToSource(m_proxy->index(mid, 0)).row() < sourceRow)
            low = mid + 1;
        else
            high = mid;
    }
    if (low >= m_proxy->rowCount())
        return m_proxy->rowCount() - 1;
    if (low == 0)
        return 0;
    const int after = m_proxy->mapToSource(m_proxy->index(low, 0)).row();
    const int before = m_proxy->mapToSource(m_proxy->index(low - 1, 0)).row();
    return after - sourceRow <= sourceRow - before ? low : low - 1;
}
