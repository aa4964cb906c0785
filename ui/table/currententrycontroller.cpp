// SPDX-License-Identifier: MIT
#include "ui/table/currententrycontroller.h"

#include "ui/detail/detailpane.h"
#include "ui/table/logtableview.h"
#include "rows/logtablemodel.h"
#include "run/timestamps.h"
#include "search/logfilterproxymodel.h"
#include "ui/search/searchcontroller.h"

#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QLocale>

#include <algorithm>

CurrentEntryController::CurrentEntryController(LogTableModel *model, LogFilterProxyModel *proxy, LogTableView *table,
                               DetailPane *detail, SearchController *search, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_proxy(proxy)
    , m_table(table)
    , m_detail(detail)
    , m_search(search)
{
    connect(m_table, &LogTableView::currentRowChanged, this, [this](int viewRow) {
        showRow(viewRow < 0 ? -1 : m_proxy->mapToSource(m_proxy->index(viewRow, 0)).row());
    });
    connect(m_model, &LogTableModel::notesChanged, this, [this] { m_detail->setNote(m_model->noteText(m_currentRow)); });
    // Newest first, a run that grew gets rows at the top: the selected entry moves down with its
    // row (the view keeps it selected without telling), and so does the row number kept here.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &insertedUnder, int first, int last) {
        if (!insertedUnder.isValid() && m_currentRow >= first)
            m_currentRow += last - first + 1;
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                refreshIfLoaded(topLeft.row(), bottomRight.row());
            });
}

void CurrentEntryController::clear()
{
    m_currentRow = -1;
    m_waitingForRow = false;
}

void CurrentEntryController::showRow(int row)
{
    m_currentRow = row;
    m_detail->setNote(m_model->noteText(row));
    if (row < 0) {
        m_detail->clear();
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    const QByteArray raw = index.data(LogTableModel::RawJsonRole).toByteArray();
    if (raw.isEmpty()) {
        m_waitingForRow = true;
        m_detail->showMessage(tr("Entry %1 is loading…").arg(index.data(Qt::DisplayRole).toString()));
        return;
    }
    m_waitingForRow = false;
    // "#42 · ACTION · bash · 12:03:04"; on a narrow pane it drops the time, then the tool, before
    // it is cut.
    const QString separator = QStringLiteral("  ·  ");
    QStringList parts{QStringLiteral("#") + index.data(Qt::DisplayRole).toString()};
    const QString type = index.data(LogTableModel::MessageTypeRole).toString();
    if (!type.isEmpty())
        parts << type;
    const QString numberAndType = parts.join(separator);
    const QString tool = index.data(LogTableModel::ToolNameRole).toString();
    if (!tool.isEmpty())
        parts << tool;
    const QString withoutTime = parts.join(separator);
    const QVariant created = index.data(LogTableModel::CreatedAtMsecsRole);
    if (created.isValid())
        parts << Timestamps::formatLocal(created.toLongLong(), Timestamps::LocalStyle::DateAndTime);
    const QString title = parts.join(separator);
    QStringList shorterForms;
    for (const QString &form : {withoutTime, numberAndType}) {
        if (form != title && !shorterForms.contains(form))
            shorterForms << form;
    }
    m_detail->showEntry(raw, title, shorterForms);
}

void CurrentEntryController::refreshIfLoaded(int firstRow, int lastRow)
{
    if (m_waitingForRow && m_currentRow >= firstRow && m_currentRow <= lastRow
        && m_model->store().isLoaded(m_currentRow))
        showRow(m_currentRow);
}

void CurrentEntryController::copyCurrentEntry()
{
    if (m_currentRow < 0)
        return;
    const QByteArray raw = m_model->index(m_currentRow, 0).data(LogTableModel::RawJsonRole).toByteArray();
    if (raw.isEmpty())
        return;
    QApplication::clipboard()->setText(QString::fromUtf8(raw));
    emit message(tr("Copied entry %1 as JSON.").arg(m_currentRow + 1), 3000);
}

void CurrentEntryController::goToEntry(QWidget *dialogParent)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    bool ok = false;
    const int number = QInputDialog::getInt(dialogParent, tr("Go to Entry"),
                                            tr("Entry number (1 to %1):").arg(QLocale().toString(rows)),
                                            std::max(1, m_currentRow + 1), 1, rows, 1, &ok);
    // The keys that act on the entry gone to (m, F2) act where the focus is: the window that the
    // dialog leaves may not be made active again by itself (the focus then nowhere), so it is
    // asked for, and the table takes the focus, whether the dialog was answered or not.
    m_table->window()->activateWindow();
    m_table->setFocus(Qt::OtherFocusReason);
    if (ok)
        goToEntryNumber(number);
}

void CurrentEntryController::goToEntryNumber(int number, bool focusTable)
{
    const int rows = m_model->rowCount();
    if (number < 1 || number > rows)
        return;
    // Entry numbers count from the oldest; a reversed view shows the newest first.
    const int row = m_model->isReversed() ? rows - number : number - 1;
    if (!m_proxy->isReachable(row)) {
        // Hidden by a filter: show everything rather than refuse.
        m_search->clearFilters();
        emit message(tr("Entry %1 was hidden by the filter; filters cleared.").arg(number), 6000);
    }
    selectSourceRow(row);
    if (focusTable)
        m_table->setFocus();
}

void CurrentEntryController::selectSourceRow(int sourceRow)
{
    const QModelIndex index = m_proxy->revealSourceRow(sourceRow);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void CurrentEntryController::selectEdgeRow(bool last)
{
    if (m_proxy->rowCount() == 0)
        return;
    m_table->setFocus();
    m_table->setCurrentIndex(m_proxy->index(last ? m_proxy->rowCount() - 1 : 0, 0));
    if (last)
        m_table->scrollToBottom();
    else
        m_table->scrollToTop();
}
