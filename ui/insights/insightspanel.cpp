// SPDX-License-Identifier: MIT
#include "ui/insights/insightspanel.h"

#include "ui/common/plainlabel.h"
#include "ui/common/plaintooltipdelegate.h"
#include "ui/insights/insightsmodel.h"
#include "ui/insights/insightsverdict.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTreeView>
#include <QVBoxLayout>

InsightsPanel::InsightsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new InsightsModel(this))
    , m_verdict(new PlainLabel(this))
    , m_tree(new QTreeView(this))
    , m_showOnly(new QPushButton(tr("Show Only These"), this))
    , m_searchAllRuns(new QPushButton(tr("Search All Runs"), this))
{
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_verdict->setAccessibleName(tr("Verdict"));

    m_tree->setModel(m_model);
    // Commands, paths and signatures are the run's text: their tooltips show it as it is.
    m_tree->setItemDelegate(new PlainToolTipDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAccessibleName(tr("Findings"));
    m_tree->header()->setStretchLastSection(true);

    m_showOnly->setToolTip(tr("Show only the selected finding's entries in the table (Ctrl+Enter)"));
    m_searchAllRuns->setToolTip(tr("Look for this failure in every run of the library"));
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_showOnly);
    buttons->addWidget(m_searchAllRuns);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_verdict);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeView::clicked, this, &InsightsPanel::goToFinding);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        // Enter goes; a double click's own clicks already went.
        if (QApplication::mouseButtons() == Qt::NoButton)
            goToFinding(index);
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &InsightsPanel::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &InsightsPanel::updateButtons);
    connect(m_tree, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!index.parent().isValid())
            m_collapsed.insert(index.row());
    });
    connect(m_tree, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (!index.parent().isValid())
            m_collapsed.remove(index.row());
    });
    connect(m_showOnly, &QPushButton::clicked, this, [this] {
        if (m_showingOnly)
            emit showAllRequested();
        else
            showOnlySelected();
    });
    connect(m_searchAllRuns, &QPushButton::clicked, this, &InsightsPanel::searchAllRunsForSelected);
    auto *showOnly = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_tree, nullptr, nullptr, Qt::WidgetShortcut);
    connect(showOnly, &QShortcut::activated, this, &InsightsPanel::showOnlySelected);

    // Commands and files can be many: they start closed.
    m_collapsed = {InsightsModel::Commands, InsightsModel::Files};
    clear();
}

void InsightsPanel::clear()
{
    setInsights(Insights(), true, 0, false);
    m_verdict->setText(tr("No run is open."));
}

void InsightsPanel::setInsights(const Insights &insights, bool whole, int entriesLoaded, bool computing,
                                const QStringList &loopLabels)
{
    // Keep the selected finding selected when it is still there (a live run's update).
    const QModelIndex current = m_tree->currentIndex();
    const int currentSection = current.isValid() ? (current.parent().isValid() ? current.parent().row() : current.row()) : -1;
    const int currentRow = current.isValid() && current.parent().isValid() ? current.row() : -1;
    const int scrolled = m_tree->verticalScrollBar()->value(); // a live run's update keeps the place
    m_model->setInsights(insights, loopLabels);
    for (int section = 0; section < InsightsModel::SectionCount; ++section)
        m_tree->setExpanded(m_model->index(section, 0), !m_collapsed.contains(section));
    if (currentSection >= 0) {
        const QModelIndex sectionIndex = m_model->index(currentSection, 0);
        const QModelIndex again = currentRow >= 0 ? m_model->index(currentRow, 0, sectionIndex) : sectionIndex;
        m_tree->setCurrentIndex(again.isValid() ? again : sectionIndex);
    }
    m_tree->verticalScrollBar()->setValue(scrolled);
    if (insights.entries == 0 && entriesLoaded == 0)
        m_verdict->setText(computing ? tr("Looking for loops and failures…") : tr("Nothing to look at yet."));
    else
        m_verdict->setText(InsightsVerdict::line(insights, whole, entriesLoaded));
    m_verdict->setToolTip(whole ? QString()
                                : tr("Found among the entries loaded so far; the rest of the run may change them."));
    updateButtons();
}

void InsightsPanel::setShowingOnly(bool showingOnly)
{
    m_showingOnly = showingOnly;
    updateButtons();
}

QString InsightsPanel::verdictText() const
{
    return m_verdict->text();
}

QModelIndex InsightsPanel::selected() const
{
    return m_tree->currentIndex();
}

void InsightsPanel::updateButtons()
{
    const QModelIndex index = selected();
    m_showOnly->setText(m_showingOnly ? tr("Show All Entries") : tr("Show Only These"));
    m_showOnly->setEnabled(m_showingOnly || !m_model->entriesOf(index).isEmpty());
    const bool failure = index.isValid() && index.parent().isValid()
        && (index.data(InsightsModel::SectionRole).toInt() == InsightsModel::RepeatedFailures
            || index.data(InsightsModel::SectionRole).toInt() == InsightsModel::FirstFailure)
        && !index.data(InsightsModel::SignatureRole).toString().isEmpty();
    m_searchAllRuns->setEnabled(failure);
}

void InsightsPanel::goToFinding(const QModelIndex &index)
{
    if (!index.isValid() || !index.parent().isValid())
        return; // a kind's row opens and closes; it has no one entry to go to
    const QVector<int> entries = m_model->entriesOf(index);
    if (entries.isEmpty())
        return;
    // The same finding again: its next entry (round and round).
    const bool again = m_lastSection == index.parent().row() && m_lastRow == index.row();
    m_step = again ? (m_step + 1) % int(entries.size()) : 0;
    m_lastSection = index.parent().row();
    m_lastRow = index.row();
    emit entryRequested(entries.at(m_step));
    if (entries.size() > 1) {
        const QLocale locale;
        emit message(tr("Entry %1 of this finding's %2: click again for the next.")
                         .arg(locale.toString(m_step + 1), locale.toString(entries.size())),
                     4000);
    }
}

QString InsightsPanel::descriptionOf(const QModelIndex &index) const
{
    const QString text = index.data(Qt::DisplayRole).toString();
    return text.size() > 80 ? text.left(79) + QChar(0x2026) : text;
}

void InsightsPanel::showOnlySelected()
{
    const QModelIndex index = selected();
    const QVector<int> entries = m_model->entriesOf(index);
    if (entries.isEmpty())
        return;
    emit showOnlyRequested(entries, descriptionOf(index));
}

void InsightsPanel::searchAllRunsForSelected()
{
    const QModelIndex index = selected();
    const QVector<int> entries = m_model->entriesOf(index);
    if (!m_searchAllRuns->isEnabled() || entries.isEmpty())
        return;
    emit searchAllRunsRequested(entries.first());
}

void InsightsPanel::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!index.isValid())
        return;
    m_tree->setCurrentIndex(index);
    QMenu menu(this);
    if (index.parent().isValid())
        menu.addAction(tr("Go to Entry"), this, [this, index] { goToFinding(index); });
    QAction *only = menu.addAction(tr("Show Only These Entries"), this, &InsightsPanel::showOnlySelected);
    only->setEnabled(!m_model->entriesOf(index).isEmpty());
    if (m_showingOnly)
        menu.addAction(tr("Show All Entries"), this, &InsightsPanel::showAllRequested);
    if (m_searchAllRuns->isEnabled())
        menu.addAction(tr("Search All Runs for This Failure"), this, &InsightsPanel::searchAllRunsForSelected);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}
