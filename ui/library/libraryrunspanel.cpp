// SPDX-License-Identifier: MIT
#include "ui/library/libraryrunspanel.h"

#include "ui/common/plainlabel.h"
#include "ui/common/plaintooltipdelegate.h"
#include "ui/library/markdownsummarydelegate.h"
#include "ui/library/statusbadgedelegate.h"
#include "store/libraryrunsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

LibraryRunsPanel::LibraryRunsPanel(LibraryRunsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_summary(new PlainLabel(this))
    , m_open(new QPushButton(tr("&Open"), this))
    , m_compare(new QPushButton(tr("Co&mpare"), this))
    , m_remove(new QPushButton(tr("&Remove from Library"), this))
    , m_clear(new QPushButton(tr("&Clear Library…"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LibraryRunsModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter by run, organization, status, summary, source…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the stored runs"));
    m_table->setAccessibleName(tr("Stored runs"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LibraryRunsModel::LastOpened, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(LibraryRunsModel::Result, QHeaderView::Stretch);
    m_table->setItemDelegate(new PlainToolTipDelegate(m_table));
    m_table->setItemDelegateForColumn(LibraryRunsModel::Status, new StatusBadgeDelegate(m_table));
    m_table->setItemDelegateForColumn(LibraryRunsModel::Result, new MarkdownSummaryDelegate(m_table));
    // Wide enough for the 15 digits of a run read from another agent's log (its id derived from
    // the session), which the Source column names with its format and file.
    m_table->setColumnWidth(LibraryRunsModel::Run, 115);
    m_table->setColumnWidth(LibraryRunsModel::Organization, 50);
    m_table->setColumnWidth(LibraryRunsModel::Status, 110);
    m_table->setColumnWidth(LibraryRunsModel::Created, 130);
    m_table->setColumnWidth(LibraryRunsModel::Entries, 120);
    m_table->setColumnWidth(LibraryRunsModel::Size, 80);
    m_table->setColumnWidth(LibraryRunsModel::LastOpened, 130);
    m_table->setColumnWidth(LibraryRunsModel::Origin, 210);
    connect(m_table, &QTableView::doubleClicked, this, &LibraryRunsPanel::openCurrent);
    // Enter opens, Delete removes: shortcuts of the table, so typing in the filter is not taken.
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, m_table, this, &LibraryRunsPanel::openCurrent, Qt::WidgetShortcut);
        Q_UNUSED(shortcut);
    }
    new QShortcut(QKeySequence::Delete, m_table, this, [this] {
        if (!selectedRuns().isEmpty())
            emit removeRequested(selectedRuns());
    }, Qt::WidgetShortcut);
    // From the filter, Down goes to the list and Enter opens its first run.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() == 0)
            return;
        if (!m_table->currentIndex().isValid())
            m_table->setCurrentIndex(m_proxy->index(0, 0));
        openCurrent();
    });

    auto *preferences = new QPushButton(tr("&Preferences…"), this);
    connect(m_open, &QPushButton::clicked, this, &LibraryRunsPanel::openCurrent);
    m_compare->setToolTip(tr("Compare the two selected runs step by step"));
    connect(m_compare, &QPushButton::clicked, this, &LibraryRunsPanel::compareSelected);
    connect(m_remove, &QPushButton::clicked, this, [this] { emit removeRequested(selectedRuns()); });
    connect(m_clear, &QPushButton::clicked, this, &LibraryRunsPanel::clearRequested);
    connect(preferences, &QPushButton::clicked, this, &LibraryRunsPanel::preferencesRequested);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LibraryRunsPanel::updateButtons);
    connect(m_model, &LibraryRunsModel::refreshed, this, [this] {
        updateSummary();
        updateButtons();
    });
    // The list is read again as the library changes: the selected runs stay selected.
    connect(m_model, &LibraryRunsModel::modelAboutToBeReset, this, [this] {
        m_selectedKeys.clear();
        for (const LibraryRun &run : selectedRuns())
            m_selectedKeys.insert(run.key);
        const QModelIndex current = m_table->currentIndex();
        m_currentKey = current.isValid() ? m_model->run(m_proxy->mapToSource(current).row()).key : 0;
    });
    connect(m_model, &LibraryRunsModel::modelReset, this, [this] {
        QItemSelection selection;
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const qint64 key = m_proxy->index(row, 0).data(LibraryRunsModel::KeyRole).toLongLong();
            if (key == m_currentKey)
                m_table->selectionModel()->setCurrentIndex(m_proxy->index(row, 0), QItemSelectionModel::NoUpdate);
            if (m_selectedKeys.contains(key))
                selection.select(m_proxy->index(row, 0), m_proxy->index(row, LibraryRunsModel::ColumnCount - 1));
        }
        m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    });
    connect(m_proxy, &QSortFilterProxyModel::rowsInserted, this, &LibraryRunsPanel::updateSummary);
    connect(m_proxy, &QSortFilterProxyModel::modelReset, this, &LibraryRunsPanel::updateSummary);
    connect(m_filter, &QLineEdit::textChanged, this, &LibraryRunsPanel::updateSummary);

    m_summary->setTextFormat(Qt::PlainText);
    // The size line wraps rather than widen the window past a small screen beside the buttons.
    m_summary->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_clear);
    buttons->addWidget(preferences);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_filter);
    updateSummary();
    updateButtons();
}

void LibraryRunsPanel::setSizeLimit(qint64 bytes)
{
    m_sizeLimit = bytes;
    updateSummary();
}

void LibraryRunsPanel::compareSelected()
{
    QList<LibraryRun> selected = selectedRuns();
    if (selected.size() != 2 || selected.at(0).origin != selected.at(1).origin)
        return;
    if (selected.at(1).createdMs < selected.at(0).createdMs)
        std::swap(selected[0], selected[1]);
    emit compareRequested(selected.at(0), selected.at(1));
}

QList<LibraryRun> LibraryRunsPanel::selectedRuns() const
{
    QList<LibraryRun> runs;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        runs.append(m_model->run(m_proxy->mapToSource(index).row()));
    return runs;
}

void LibraryRunsPanel::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        emit openRequested(m_model->run(m_proxy->mapToSource(current).row()));
}

void LibraryRunsPanel::updateSummary()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const QString size = QLocale().formattedDataSize(m_model->totalBytes());
    const QString runs = shown != all ? tr("%1 of %2 runs").arg(shown).arg(all)
                         : all == 1  ? tr("1 run")
                                     : tr("%1 runs").arg(all);
    m_summary->setText(m_sizeLimit > 0
                           ? tr("%1 · %2 of entries (limit %3)").arg(runs, size, QLocale().formattedDataSize(m_sizeLimit))
                           : tr("%1 · %2 of entries").arg(runs, size));
}

void LibraryRunsPanel::updateButtons()
{
    const bool any = m_table->selectionModel()->hasSelection();
    m_open->setEnabled(any);
    const QList<LibraryRun> selected = selectedRuns();
    // One API's runs: a comparison loads both sides with one endpoint (and its token).
    m_compare->setEnabled(selected.size() == 2 && selected.at(0).origin == selected.at(1).origin);
    m_remove->setEnabled(any);
    m_clear->setEnabled(m_model->rowCount() > 0);
}
