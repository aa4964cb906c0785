// SPDX-License-Identifier: MIT
#include "ui/compare/comparewindow.h"

#include "ui/common/plaintooltipdelegate.h"

#include "compare/comparehtml.h"
#include "compare/comparemarkdown.h"
#include "search/searchengine.h"
#include "ui/common/palette.h"
#include "ui/compare/comparealigner.h"
#include "ui/compare/comparedetail.h"
#include "ui/compare/comparestepsmodel.h"
#include "ui/open/samplechooserdialog.h"
#include "ui/search/searchbar.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>

namespace {

enum Side { LeftSide = 0, RightSide = 1 };

// "1 h 02 min 05 s", "3 min 20 s", "45 s"; "no duration" without two times.
QString durationText(const std::optional<double> &seconds)
{
    if (!seconds)
        return CompareWindow::tr("no duration");
    const qint64 total = qRound64(*seconds);
    const qint64 hours = total / 3600;
    const qint64 minutes = total % 3600 / 60;
    const qint64 rest = total % 60;
    if (hours > 0)
        return CompareWindow::tr("%1 h %2 min %3 s").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(rest, 2, 10, QLatin1Char('0'));
    if (minutes > 0)
        return CompareWindow::tr("%1 min %2 s").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
    return CompareWindow::tr("%1 s").arg(rest);
}

// "view_file 1 → 2 (+1) · ERROR 3 → 0 (−3)": the names counted differently on the two sides,
// as plain text and as links ("f:N", N the filter's index in `filters`, which it appends to).
struct Deltas
{
    QString plain;
    QString links;
};
Deltas deltasOf(const QMap<QString, CompareCount> &counts, CompareStepFilter::Facet facet,
                QList<CompareStepFilter::Filter> &filters)
{
    QStringList plain;
    QStringList links;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const int delta = it->right - it->left;
        if (delta == 0)
            continue;
        const QString sign = delta > 0 ? QStringLiteral("+") : QStringLiteral("−");
        const QString numbers = QStringLiteral("%1 → %2 (%3%4)").arg(QLocale().toString(it->left), QLocale().toString(it->right),
                                                                   sign, QLocale().toString(qAbs(delta)));
        plain << it.key() + QLatin1Char(' ') + numbers;
        // The name is the run's text: escaped, never markup.
        links << QStringLiteral("<a href=\"f:%1\">%2</a> %3").arg(filters.size()).arg(it.key().toHtmlEscaped(), numbers.toHtmlEscaped());
        filters.append(CompareStepFilter::Filter{facet, it.key()});
    }
    return {plain.join(QStringLiteral(" · ")), links.join(QStringLiteral(" · "))};
}

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // descriptions are paths and run names: never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

CompareWindow::CompareWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_aligner(new CompareAligner(this))
    , m_model(new CompareStepsModel(this))
{
    setWindowTitle(tr("Compare Runs"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    resize(1280, 800);

    m_status = plainLabel(this);
    m_status->setWordWrap(true);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Aligned steps"));
    // Summaries are the runs' text: their tooltips show it as it is.
    m_table->setItemDelegate(new PlainToolTipDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(false);
    // Uniform rows, no per-row measuring: 100,000 steps scroll as a few.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CompareStepsModel::LeftSummary, QHeaderView::Stretch);
    header->setSectionResizeMode(CompareStepsModel::RightSummary, QHeaderView::Stretch);
    header->setSectionResizeMode(CompareStepsModel::Gutter, QHeaderView::Fixed);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (int column : {int(CompareStepsModel::LeftNumber), int(CompareStepsModel::RightNumber)})
        m_table->setColumnWidth(column, digit * 10);
    for (int column : {int(CompareStepsModel::LeftType), int(CompareStepsModel::RightType)})
        m_table->setColumnWidth(column, digit * 17);
    for (int column : {int(CompareStepsModel::LeftTool), int(CompareStepsModel::RightTool)})
        m_table->setColumnWidth(column, digit * 19);
    m_table->setColumnWidth(CompareStepsModel::Gutter, digit * 4);
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) { m_model->openFold(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CompareWindow::showSelectedStep);
    // A fold opened in place keeps the selection where it is; its first step is shown.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (topLeft.row() == m_table->currentIndex().row())
            showSelectedStep();
    });

    auto *details = new QSplitter(Qt::Horizontal, this);
    for (QTextEdit *&detail : m_details) {
        detail = new QTextEdit(details);
        detail->setReadOnly(true);
        detail->setAcceptRichText(false);
        detail->setUndoRedoEnabled(false);
        details->addWidget(detail);
    }
    m_details[0]->setAccessibleName(tr("Left entry"));
    m_details[1]->setAccessibleName(tr("Right entry"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy: how long the alignment takes is not known ahead
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 12);
    m_busy->setAccessibleName(tr("Comparing"));
    m_busy->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_busy);

    m_searchBar = new SearchBar(this);
    m_searchBar->hideRunViewOptions();
    m_searchBar->hide();
    connect(m_searchBar, &SearchBar::queryChanged, this, &CompareWindow::search);
    connect(m_searchBar, &SearchBar::nextRequested, this, &CompareWindow::findNext);
    connect(m_searchBar, &SearchBar::previousRequested, this, &CompareWindow::findPrevious);
    connect(m_searchBar, &SearchBar::closeRequested, this, [this] {
        m_searchBar->hide();
        search(SearchQuery{});
        m_table->setFocus();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(statusRow);
    layout->addWidget(makeSummary());
    layout->addWidget(m_searchBar);
    layout->addWidget(splitter, 1);

    makeActions();
    connect(m_aligner, &CompareAligner::aligned, this, &CompareWindow::showComparison);
    connect(m_aligner, &CompareAligner::prefixKnown, this, &CompareWindow::showPrefix);
    connect(&m_filterWatcher, &QFutureWatcher<QVector<int>>::finished, this, [this] {
        if (!m_filter || m_filterCancel->load())
            return;
        m_model->setVisibleSteps(m_filterWatcher.result());
        showFilterState();
        showSearchCount(); // a position among the hits no longer holds
        if (m_model->rowCount() > 0)
            goToRow(0);
        emit filtered();
    });
    connect(&m_searchWatcher, &QFutureWatcher<CompareSearch::Result>::finished, this, [this] {
        const CompareSearch::Result result = m_searchWatcher.result();
        if (!result.cancelled)
            showSearchResult(result);
    });
    connect(&m_exportWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_exportWatcher.result();
        const QString message = error.isEmpty() ? tr("Exported to %1.").arg(m_exportPath)
                                                : tr("Could not write %1: %2").arg(m_exportPath, error);
        showStatus(message, !error.isEmpty());
        m_export->setEnabled(true);
        emit exported(error.isEmpty(), message);
    });
    applyPalette();
    showStatus(QString());
}

CompareWindow::~CompareWindow()
{
    // The filter and the search work on copies: stop them; the export writes a file: let it end.
    for (const auto &cancel : {m_filterCancel, m_searchCancel})
        if (cancel)
            cancel->store(true);
    m_filterWatcher.waitForFinished();
    m_searchWatcher.waitForFinished();
    m_exportWatcher.waitForFinished();
}

QWidget *CompareWindow::makeSummary()
{
    auto *summary = new QWidget(this);
    auto *layout = new QVBoxLayout(summary);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *sides = new QHBoxLayout;
    for (QLabel *&side : m_sides) {
        side = plainLabel(summary);
        side->setWordWrap(true);
        sides->addWidget(side, 1);
    }
    layout->addLayout(sides);
    auto *counts = new QHBoxLayout;
    m_counts = plainLabel(summary);
    m_divergence = plainLabel(summary);
    m_goToDivergence = new QPushButton(tr("Go to First Divergence"), summary);
    m_goToDivergence->setToolTip(tr("Select the first step where the runs differ (Ctrl+Shift+D)"));
    m_goToDivergence->setEnabled(false);
    m_goToDivergence->hide(); // until the alignment has found (or not) a divergence
    connect(m_goToDivergence, &QPushButton::clicked, this, &CompareWindow::goToFirstDivergence);
    counts->addWidget(m_counts);
    counts->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    counts->addWidget(m_divergence);
    counts->addWidget(m_goToDivergence);
    counts->addStretch(1);
    counts->addWidget(makeLegend());
    layout->addLayout(counts);
    // Rich text for its links only: every name in it is escaped (deltasOf).
    m_countDeltas = new QLabel(summary);
    m_countDeltas->setTextFormat(Qt::RichText);
    m_countDeltas->setWordWrap(true);
    m_countDeltas->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_countDeltas->setOpenExternalLinks(false);
    m_countDeltas->setToolTip(tr("Click a tool or message type to show only the steps with it"));
    connect(m_countDeltas, &QLabel::linkActivated, this, [this](const QString &link) {
        const int index = link.mid(2).toInt();
        if (link.startsWith(QLatin1String("f:")) && index >= 0 && index < m_countFilters.size())
            filterSteps(m_countFilters.at(index));
    });
    layout->addWidget(m_countDeltas);
    auto *filterRow = new QHBoxLayout;
    m_filterState = plainLabel(summary);
    m_clearFilter = new QPushButton(tr("Clear Filter"), summary);
    m_clearFilter->setToolTip(tr("Show every step again"));
    connect(m_clearFilter, &QPushButton::clicked, this, &CompareWindow::clearFilter);
    filterRow->addWidget(m_filterState);
    filterRow->addWidget(m_clearFilter);
    filterRow->addStretch(1);
    layout->addLayout(filterRow);
    m_filterState->hide();
    m_clearFilter->hide();
    return summary;
}

QWidget *CompareWindow::makeLegend()
{
    auto *legend = new QWidget(this);
    auto *layout = new QHBoxLayout(legend);
    layout->setContentsMargins(0, 0, 0, 0);
    const QList<QPair<CompareStep::Op, QString>> kinds{
        {CompareStep::Same, tr("same")},
        {CompareStep::Changed, tr("changed")},
        {CompareStep::OnlyLeft, tr("only left")},
        {CompareStep::OnlyRight, tr("only right")},
    };
    for (const auto &[op, name] : kinds) {
        QLabel *swatch = plainLabel(legend);
        swatch->setText(QStringLiteral("%1 %2").arg(CompareStepsModel::glyphFor(op), name));
        swatch->setProperty("stepKind", int(op));
        swatch->setAutoFillBackground(true);
        swatch->setMargin(3);
        layout->addWidget(swatch);
        m_legendSwatches.append(swatch);
    }
    return legend;
}

void CompareWindow::makeActions()
{
    m_nextDifference = new QAction(tr("Next Difference"), this);
    m_nextDifference->setShortcut(QKeySequence(Qt::Key_F7));
    connect(m_nextDifference, &QAction::triggered, this, &CompareWindow::goToNextDifference);
    m_previousDifference = new QAction(tr("Previous Difference"), this);
    m_previousDifference->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    connect(m_previousDifference, &QAction::triggered, this, &CompareWindow::goToPreviousDifference);
    m_firstDivergence = new QAction(tr("First Divergence"), this);
    m_firstDivergence->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_firstDivergence, &QAction::triggered, this, &CompareWindow::goToFirstDivergence);
    auto *copy = new QAction(tr("Copy Step as JSON"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut); // in the detail, Ctrl+C copies the selected text
    connect(copy, &QAction::triggered, this, &CompareWindow::copySelectedStep);
    m_table->addAction(copy);
    m_export = new QAction(tr("Export…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E)); // as Export in the main window
    m_export->setEnabled(false);
    connect(m_export, &QAction::triggered, this, &CompareWindow::exportInteractively);
    addAction(m_export);
    // As in the run view (windowactions.cpp): Ctrl+F, F3, Shift+F3.
    m_find = new QAction(tr("Find…"), this);
    m_find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(m_find, &QAction::triggered, this, &CompareWindow::openSearch);
    m_findNext = new QAction(tr("Find Next"), this);
    m_findNext->setShortcut(QKeySequence(Qt::Key_F3));
    connect(m_findNext, &QAction::triggered, this, &CompareWindow::findNext);
    m_findPrevious = new QAction(tr("Find Previous"), this);
    m_findPrevious->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    connect(m_findPrevious, &QAction::triggered, this, &CompareWindow::findPrevious);
    addActions({m_find, m_findNext, m_findPrevious});
    auto *close = new QAction(tr("Close"), this);
    close->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W)); // as Close Run in the main window
    connect(close, &QAction::triggered, this, &QWidget::close);
    addActions({m_nextDifference, m_previousDifference, m_firstDivergence, close});
}

void CompareWindow::compareEntries(const QList<QByteArray> &left, const QList<QByteArray> &right,
                                   const QString &leftDescription, const QString &rightDescription)
{
    m_entries[LeftSide] = left;
    m_entries[RightSide] = right;
    m_descriptions[LeftSide] = leftDescription;
    m_descriptions[RightSide] = rightDescription;
    setWindowTitle(tr("Compare %1 with %2").arg(leftDescription, rightDescription));
    // What is known before the alignment: each side's name and size; the rest comes with it.
    const QString names[2] = {tr("Left"), tr("Right")};
    for (int side : {LeftSide, RightSide})
        m_sides[side]->setText(tr("%1: %2\n%3 entries").arg(names[side], m_descriptions[side], QLocale().toString(m_entries[side].size())));
    m_counts->clear();
    m_divergence->clear();
    m_goToDivergence->hide();
    showStatus(tr("Aligning…"));
    setBusy(true);
    m_aligner->align(left, right);
}

void CompareWindow::loadAndCompare(const ApiEndpoint &endpoint, const CompareSideSource &left, const CompareSideSource &right)
{
    m_load = std::make_unique<CompareSourcesLoad>(endpoint, left, right);
    connect(m_load.get(), &CompareSourcesLoad::progress, this, [this](const QString &text) { showStatus(text); });
    connect(m_load.get(), &CompareSourcesLoad::failed, this, [this](const QString &text) {
        setBusy(false);
        showStatus(text, true);
    });
    // A side that is a log of several runs (an Inspect eval log's samples) asks which, as the
    // main window does; closing the chooser leaves the comparison failed, saying why.
    connect(m_load.get(), &CompareSourcesLoad::sampleChoiceNeeded, this,
            [this](int side, const QString &file, const QList<InspectSampleInfo> &samples, const QString &failure) {
        auto *chooser = new SampleChooserDialog(QFileInfo(file).fileName(), samples, this);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        chooser->setWindowModality(Qt::WindowModal);
        connect(chooser, &QDialog::finished, this, [this, chooser, side, failure, load = m_load.get()](int result) {
            if (m_load.get() != load)
                return; // another comparison started meanwhile
            const std::optional<SampleRef> sample = result == QDialog::Accepted ? chooser->chosenSample() : std::nullopt;
            if (sample) {
                m_load->loadSample(side, *sample);
                return;
            }
            setBusy(false);
            showStatus(failure, true);
        });
        chooser->open();
    });
    connect(m_load.get(), &CompareSourcesLoad::loaded, this,
            [this, left, right](const RunSnapshot &leftRun, const RunSnapshot &rightRun) {
        m_snapshots[LeftSide] = leftRun;
        m_snapshots[RightSide] = rightRun;
        m_statuses[LeftSide] = leftRun.hasRun ? leftRun.run.status.value_or(QString()) : QString();
        m_statuses[RightSide] = rightRun.hasRun ? rightRun.run.status.value_or(QString()) : QString();
        // The sides' names as loaded: with the sample chosen of a log of several.
        const QString leftName = compareSideName(m_load ? m_load->source(LeftSide) : left);
        const QString rightName = compareSideName(m_load ? m_load->source(RightSide) : right);
        compareEntries(leftRun.entries, rightRun.entries, leftName, rightName);
    });
    setWindowTitle(tr("Compare %1 with %2").arg(compareSideName(left), compareSideName(right)));
    setBusy(true);
    m_load->start();
}

void CompareWindow::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, error ? RunlogPalette::errorText(RunlogPalette::isDark(this->palette()))
                                                 : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void CompareWindow::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

bool CompareWindow::isBusyShown() const
{
    return !m_busy->isHidden();
}

void CompareWindow::showPrefix(int leadingSame)
{
    // The first screen while the rest is aligned: the leading identical entries (one fold when
    // there are enough of them), the rest to come. Nothing else is known yet.
    if (leadingSame <= 0)
        return;
    RunComparison prefix;
    prefix.steps.reserve(leadingSame);
    for (int i = 1; i <= leadingSame; ++i)
        prefix.steps.append(CompareStep{CompareStep::Same, i, i});
    m_model->setComparison(prefix, m_entries[LeftSide], m_entries[RightSide]);
    showStatus(tr("Aligning… The first %Ln entries are the same in both runs; the rest is being aligned.", nullptr, leadingSame));
}

void CompareWindow::showComparison(const RunComparison &comparison)
{
    m_comparison = comparison;
    setBusy(false);
    if (m_filterCancel)
        m_filterCancel->store(true);
    m_filter.reset();
    m_searchHits.clear(); // of the steps before: searched again below
    m_matchingEntries = 0;
    m_model->setComparison(comparison, m_entries[LeftSide], m_entries[RightSide]);
    showFilterState();
    const CompareSide *sides[2] = {&comparison.left, &comparison.right};
    const QString names[2] = {tr("Left"), tr("Right")};
    for (int side : {LeftSide, RightSide}) {
        QString text = tr("%1: %2\n%3 entries, %4 errors, %5")
                           .arg(names[side], m_descriptions[side], QLocale().toString(sides[side]->entries),
                                QLocale().toString(sides[side]->errors), durationText(sides[side]->durationSeconds));
        if (!m_statuses[side].isEmpty())
            text += tr(", status %1").arg(m_statuses[side]);
        m_sides[side]->setText(text);
    }
    m_counts->setText(tr("%1 same · %2 changed · %3 only left · %4 only right")
                          .arg(QLocale().toString(comparison.same), QLocale().toString(comparison.changed),
                               QLocale().toString(comparison.onlyLeft), QLocale().toString(comparison.onlyRight)));
    if (comparison.firstDivergence)
        m_divergence->setText(tr("First divergence: entry %1").arg(*comparison.firstDivergence));
    else
        m_divergence->setText(tr("The runs are the same, step for step."));
    m_goToDivergence->setEnabled(comparison.firstDivergence.has_value());
    m_goToDivergence->show();
    showCountDeltas(comparison);
    showStatus(QString());
    m_export->setEnabled(true);
    if (!m_query.isEmpty())
        startSearch(); // the bar was open while aligning: search the new steps
    emit aligned();
}

void CompareWindow::showCountDeltas(const RunComparison &comparison)
{
    m_countFilters.clear();
    const Deltas tools = deltasOf(comparison.tools, CompareStepFilter::Facet::Tool, m_countFilters);
    const Deltas types = deltasOf(comparison.messageTypes, CompareStepFilter::Facet::MessageType, m_countFilters);
    QStringList plain;
    QStringList links;
    if (!tools.plain.isEmpty()) {
        plain << tr("Tools used differently: %1").arg(tools.plain);
        links << tr("Tools used differently: %1").toHtmlEscaped().arg(tools.links);
    }
    if (!types.plain.isEmpty()) {
        plain << tr("Types counted differently: %1").arg(types.plain);
        links << tr("Types counted differently: %1").toHtmlEscaped().arg(types.links);
    }
    if (plain.isEmpty()) {
        m_countDeltasPlain = tr("Every tool and message type is counted the same in both runs.");
        m_countDeltas->setText(m_countDeltasPlain.toHtmlEscaped());
        return;
    }
    m_countDeltasPlain = plain.join(QLatin1Char('\n'));
    m_countDeltas->setText(links.join(QStringLiteral("<br>")));
}

void CompareWindow::filterSteps(const CompareStepFilter::Filter &filter)
{
    if (m_filterCancel)
        m_filterCancel->store(true);
    m_filter = filter;
    m_filterCancel = std::make_shared<std::atomic<bool>>(false);
    showFilterState();
    // Every entry's tool and type are read from its JSON: on a worker.
    m_filterWatcher.setFuture(QtConcurrent::run([comparison = m_comparison, left = m_entries[LeftSide], right = m_entries[RightSide],
                                                 filter, cancel = m_filterCancel] {
        return CompareStepFilter::stepsWith(comparison, left, right, filter, cancel.get());
    }));
}

void CompareWindow::clearFilter()
{
    if (m_filterCancel)
        m_filterCancel->store(true);
    m_filter.reset();
    const int step = m_model->stepIndexAt(m_table->currentIndex().row());
    m_model->clearVisibleSteps();
    showFilterState();
    showSearchCount();
    // The step selected under the filter stays selected (its fold opened).
    if (step >= 0)
        goToRow(m_model->revealStep(step));
}

bool CompareWindow::isFiltered() const
{
    return m_filter.has_value();
}

QString CompareWindow::filterText() const
{
    return m_filterState->isHidden() ? QString() : m_filterState->text();
}

void CompareWindow::showFilterState()
{
    if (!m_filter) {
        m_filterState->hide();
        m_clearFilter->hide();
        return;
    }
    const bool tool = m_filter->facet == CompareStepFilter::Facet::Tool;
    if (m_filterWatcher.isRunning() || !m_model->isFiltered())
        m_filterState->setText(tool ? tr("Finding the steps with the tool %1…").arg(m_filter->name)
                                    : tr("Finding the steps of type %1…").arg(m_filter->name));
    else
        m_filterState->setText(tool ? tr("Showing the %Ln steps with the tool %1", nullptr, m_model->rowCount()).arg(m_filter->name)
                                    : tr("Showing the %Ln steps of type %1", nullptr, m_model->rowCount()).arg(m_filter->name));
    m_filterState->show();
    m_clearFilter->show();
}

void CompareWindow::openSearch()
{
    m_searchBar->show();
    m_searchBar->focusSearch();
}

void CompareWindow::search(const SearchQuery &query)
{
    m_query = query;
    startSearch();
}

void CompareWindow::startSearch()
{
    if (m_searchCancel)
        m_searchCancel->store(true);
    m_searchCancel = std::make_shared<std::atomic<bool>>(false);
    auto engine = std::make_shared<const SearchEngine>(m_query);
    if (engine->isNull() || m_comparison.steps.isEmpty()) {
        if (!engine->isValid())
            m_searchBar->setErrorText(engine->errorText());
        else
            m_searchBar->setResultText(QString());
        m_searchHits.clear();
        m_matchingEntries = 0;
        m_model->setSearchHits({});
        highlightSearchInDetails();
        emit searched();
        return;
    }
    m_searchBar->setBusyText(tr("Searching…"));
    // Both runs' text is read: on a worker, as the run view's search.
    m_searchWatcher.setFuture(QtConcurrent::run([steps = m_comparison.steps, left = m_entries[LeftSide], right = m_entries[RightSide],
                                                 engine, cancel = m_searchCancel] {
        return CompareSearch::search(steps, left, right, *engine, cancel.get());
    }));
}

void CompareWindow::showSearchResult(const CompareSearch::Result &result)
{
    m_searchHits = result.hits;
    m_matchingEntries = result.matchingEntries;
    m_model->setSearchHits(m_searchHits);
    highlightSearchInDetails();
    showSearchCount();
    emit searched();
}

void CompareWindow::showSearchCount()
{
    if (m_query.isEmpty() || !m_query.isValid())
        return;
    if (m_searchHits.isEmpty())
        m_searchBar->setResultText(tr("No matches"));
    else
        m_searchBar->setResultText(m_searchHits.size() == 1 ? tr("1 step") : tr("%1 steps").arg(QLocale().toString(m_searchHits.size())),
                                   searchDetail());
}

QString CompareWindow::searchDetail() const
{
    // Moving between matches goes step by step: the position counts steps; a step may match on both sides.
    const QLocale locale;
    if (m_searchHits.size() == 1)
        return m_matchingEntries == 1 ? tr("1 matching entry in 1 step") : tr("2 matching entries in 1 step");
    return tr("%1 matching entries in %2 steps").arg(locale.toString(m_matchingEntries), locale.toString(m_searchHits.size()));
}

void CompareWindow::findNext()
{
    goToHit(true);
}

void CompareWindow::findPrevious()
{
    goToHit(false);
}

void CompareWindow::goToHit(bool forward)
{
    if (m_searchHits.isEmpty()) {
        if (m_searchBar->isHidden())
            openSearch();
        return;
    }
    // Where the search goes on from: the selected step; a fold selected holds all its steps, so
    // going forward it starts before its first.
    const int row = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    int from = row < 0 ? (forward ? -1 : std::numeric_limits<int>::max()) : m_model->stepIndexAt(row);
    if (row >= 0 && forward && m_model->isFold(row))
        from -= 1;
    const qsizetype count = m_searchHits.size();
    // The first hit past `from` in the direction asked, wrapping around; hits filtered out are skipped.
    qsizetype start = 0;
    if (forward)
        start = std::upper_bound(m_searchHits.cbegin(), m_searchHits.cend(), from,
                                 [](int s, const CompareSearch::Hit &h) { return s < h.step; }) - m_searchHits.cbegin();
    else
        start = (std::lower_bound(m_searchHits.cbegin(), m_searchHits.cend(), from,
                                  [](const CompareSearch::Hit &h, int s) { return h.step < s; }) - m_searchHits.cbegin()) - 1;
    for (qsizetype n = 0; n < count; ++n) {
        const qsizetype i = ((forward ? start + n : start - n) % count + count) % count;
        const int step = m_searchHits.at(i).step;
        if (m_model->rowOfStep(step) < 0)
            continue;
        goToRow(m_model->revealStep(step));
        m_searchBar->setResultText(tr("%1 of %2").arg(QLocale().toString(i + 1), QLocale().toString(count)), searchDetail());
        return;
    }
}

QTextDocument *CompareWindow::leftDetail() const
{
    return m_details[LeftSide]->document();
}

QTextDocument *CompareWindow::rightDetail() const
{
    return m_details[RightSide]->document();
}

QString CompareWindow::statusText() const
{
    return m_status->text();
}

QString CompareWindow::countsText() const
{
    return m_counts->text();
}

QString CompareWindow::countDeltasText() const
{
    return m_countDeltasPlain;
}

QString CompareWindow::sideText(int side) const
{
    return m_sides[side]->text();
}

bool CompareWindow::isAligning() const
{
    return m_aligner->isAligning();
}

void CompareWindow::goToRow(int row)
{
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, CompareStepsModel::Gutter);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void CompareWindow::goToNextDifference()
{
    goToRow(m_model->nextDifference(m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1));
}

void CompareWindow::goToPreviousDifference()
{
    const QModelIndex current = m_table->currentIndex();
    goToRow(m_model->previousDifference(current.isValid() ? current.row() : m_model->rowCount()));
}

void CompareWindow::goToFirstDivergence()
{
    // The first step that is not `same` is the divergence: a leading `same` run ends there.
    goToRow(m_model->firstDifferenceRow());
}

QString CompareWindow::markdownNameFilter()
{
    return tr("Markdown (*.md)");
}

QString CompareWindow::htmlNameFilter()
{
    return tr("HTML (*.html *.htm)");
}

CompareWindow::ExportFormat CompareWindow::exportFormatOf(const QString &path, const QString &nameFilter)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return ExportFormat::Html;
    if (suffix == QLatin1String("md"))
        return ExportFormat::Markdown;
    return nameFilter == htmlNameFilter() ? ExportFormat::Html : ExportFormat::Markdown;
}

QString CompareWindow::exportPathOf(const QString &path, ExportFormat format)
{
    if (!QFileInfo(path).suffix().isEmpty())
        return path;
    return path + (format == ExportFormat::Html ? QStringLiteral(".html") : QStringLiteral(".md"));
}

void CompareWindow::exportInteractively()
{
    QString nameFilter = markdownNameFilter();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Comparison"), QStringLiteral("comparison.md"),
                                                      markdownNameFilter() + QStringLiteral(";;") + htmlNameFilter(), &nameFilter);
    if (!path.isEmpty())
        exportChosen(path, nameFilter);
}

void CompareWindow::exportChosen(const QString &path, const QString &nameFilter)
{
    const ExportFormat format = exportFormatOf(path, nameFilter);
    exportTo(exportPathOf(path, format), format);
}

void CompareWindow::exportTo(const QString &path, ExportFormat format)
{
    if (m_exportWatcher.isRunning())
        return;
    showStatus(tr("Exporting to %1…").arg(path));
    m_export->setEnabled(false);
    // Every entry's line is read from its JSON: on a worker, as the alignment.
    m_exportWatcher.setFuture(QtConcurrent::run([comparison = m_comparison, left = m_entries[LeftSide], right = m_entries[RightSide],
                                                 leftName = m_descriptions[LeftSide], rightName = m_descriptions[RightSide], path, format] {
        QSaveFile file(path); // all or nothing: never a partial file
        if (!file.open(QIODevice::WriteOnly))
            return file.errorString();
        file.write(format == ExportFormat::Html ? CompareHtml::write(comparison, left, right, leftName, rightName)
                                                : CompareMarkdown::write(comparison, left, right, leftName, rightName));
        return file.commit() ? QString() : file.errorString();
    }));
    m_exportPath = path;
}

QString CompareWindow::selectedStepText() const
{
    const std::optional<CompareStep> step = m_model->stepAt(m_table->currentIndex().row());
    if (!step)
        return {};
    // Each side's entry exactly as the run holds it, named; a side without one says so.
    const auto sideText = [this](int side, int entry) {
        const QString name = side == LeftSide ? tr("Left") : tr("Right");
        if (entry <= 0)
            return tr("%1: none").arg(name);
        return tr("%1 #%2:").arg(name).arg(entry) + QLatin1Char('\n')
               + QString::fromUtf8(m_entries[side].value(entry - 1));
    };
    return sideText(LeftSide, step->leftEntry) + QStringLiteral("\n\n") + sideText(RightSide, step->rightEntry) + QLatin1Char('\n');
}

void CompareWindow::copySelectedStep()
{
    const QString text = selectedStepText();
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void CompareWindow::showSelectedStep()
{
    const std::optional<CompareStep> step = m_model->stepAt(m_table->currentIndex().row());
    if (!step) {
        leftDetail()->clear();
        rightDetail()->clear();
        return;
    }
    const QByteArray left = step->leftEntry > 0 ? m_entries[LeftSide].value(step->leftEntry - 1) : QByteArray();
    const QByteArray right = step->rightEntry > 0 ? m_entries[RightSide].value(step->rightEntry - 1) : QByteArray();
    CompareDetail::fill(leftDetail(), rightDetail(), *step, left, right, RunlogPalette::isDark(palette()));
    highlightSearchInDetails();
}

void CompareWindow::highlightSearchInDetails()
{
    // One entry's shown text on each side (each field capped by CompareDetail): small enough to
    // search here, as the selection changes; the whole runs are searched on a worker.
    constexpr qsizetype kMaxHighlights = 2000;
    const SearchEngine engine(m_query);
    for (QTextEdit *detail : m_details) {
        QList<QTextEdit::ExtraSelection> selections;
        if (!engine.isNull()) {
            QTextCharFormat format;
            format.setBackground(RunlogPalette::matchBackground(RunlogPalette::isDark(palette())));
            const QList<TextRange> ranges = engine.findRanges(detail->document()->toPlainText(), kMaxHighlights);
            for (const TextRange &range : ranges) {
                QTextEdit::ExtraSelection selection;
                selection.cursor = QTextCursor(detail->document());
                selection.cursor.setPosition(int(range.start));
                selection.cursor.setPosition(int(range.start + range.length), QTextCursor::KeepAnchor);
                selection.format = format;
                selections.append(selection);
            }
            if (!ranges.isEmpty()) {
                QTextCursor first(detail->document());
                first.setPosition(int(ranges.first().start));
                detail->setTextCursor(first);
                detail->ensureCursorVisible();
            }
        }
        detail->setExtraSelections(selections);
    }
}

int CompareWindow::detailHighlightCount(int side) const
{
    return int(m_details[side]->extraSelections().size());
}

bool CompareWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Right)
            && m_model->openFold(m_table->currentIndex().row()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void CompareWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void CompareWindow::applyPalette()
{
    const bool dark = RunlogPalette::isDark(palette());
    m_model->setDark(dark);
    for (QLabel *swatch : m_legendSwatches) {
        const auto op = CompareStep::Op(swatch->property("stepKind").toInt());
        QColor colour = RunlogPalette::compareStepBackground(op, dark);
        QPalette swatchPalette = swatch->palette();
        swatchPalette.setColor(QPalette::Window, colour.isValid() ? colour : palette().color(QPalette::Base));
        swatch->setPalette(swatchPalette);
    }
    if (m_table->currentIndex().isValid())
        showSelectedStep();
}
