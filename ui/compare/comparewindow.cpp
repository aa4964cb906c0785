// SPDX-License-Identifier: MIT
#include "ui/compare/comparewindow.h"

#include "ui/common/plaintooltipdelegate.h"

#include "compare/comparemarkdown.h"
#include "ui/common/palette.h"
#include "ui/compare/comparealigner.h"
#include "ui/compare/comparedetail.h"
#include "ui/compare/comparestepsmodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTextEdit>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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

// "view_file 1 → 2 (+1) · ERROR 3 → 0 (−3)": the names counted differently on the two sides.
QString deltasOf(const QMap<QString, CompareCount> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const int delta = it->right - it->left;
        if (delta == 0)
            continue;
        const QString sign = delta > 0 ? QStringLiteral("+") : QStringLiteral("−");
        parts << QStringLiteral("%1 %2 → %3 (%4%5)").arg(it.key(), QLocale().toString(it->left), QLocale().toString(it->right),
                                                        sign, QLocale().toString(qAbs(delta)));
    }
    return parts.join(QStringLiteral(" · "));
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

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(makeSummary());
    layout->addWidget(splitter, 1);

    makeActions();
    connect(m_aligner, &CompareAligner::aligned, this, &CompareWindow::showComparison);
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
    m_exportWatcher.waitForFinished(); // it writes a file of its own: let it end
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
    connect(m_goToDivergence, &QPushButton::clicked, this, &CompareWindow::goToFirstDivergence);
    counts->addWidget(m_counts);
    counts->addSpacing(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 2);
    counts->addWidget(m_divergence);
    counts->addWidget(m_goToDivergence);
    counts->addStretch(1);
    counts->addWidget(makeLegend());
    layout->addLayout(counts);
    m_countDeltas = plainLabel(summary);
    m_countDeltas->setWordWrap(true);
    layout->addWidget(m_countDeltas);
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
    m_export = new QAction(tr("Export as Markdown…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E)); // as Export in the main window
    m_export->setEnabled(false);
    connect(m_export, &QAction::triggered, this, &CompareWindow::exportMarkdownInteractively);
    addAction(m_export);
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
    showStatus(tr("Aligning…"));
    m_aligner->align(left, right);
}

void CompareWindow::loadAndCompare(const ApiEndpoint &endpoint, const CompareSideSource &left, const CompareSideSource &right)
{
    m_load = std::make_unique<CompareSourcesLoad>(endpoint, left, right);
    connect(m_load.get(), &CompareSourcesLoad::progress, this, [this](const QString &text) { showStatus(text); });
    connect(m_load.get(), &CompareSourcesLoad::failed, this, [this](const QString &text) { showStatus(text, true); });
    connect(m_load.get(), &CompareSourcesLoad::loaded, this,
            [this, left, right](const RunSnapshot &leftRun, const RunSnapshot &rightRun) {
        m_snapshots[LeftSide] = leftRun;
        m_snapshots[RightSide] = rightRun;
        m_statuses[LeftSide] = leftRun.hasRun ? leftRun.run.status.value_or(QString()) : QString();
        m_statuses[RightSide] = rightRun.hasRun ? rightRun.run.status.value_or(QString()) : QString();
        compareEntries(leftRun.entries, rightRun.entries, left.given, right.given);
    });
    setWindowTitle(tr("Compare %1 with %2").arg(left.given, right.given));
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

void CompareWindow::showComparison(const RunComparison &comparison)
{
    m_comparison = comparison;
    m_model->setComparison(comparison, m_entries[LeftSide], m_entries[RightSide]);
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
    const QString tools = deltasOf(comparison.tools);
    const QString types = deltasOf(comparison.messageTypes);
    QStringList deltas;
    if (!tools.isEmpty())
        deltas << tr("Tools used differently: %1").arg(tools);
    if (!types.isEmpty())
        deltas << tr("Types counted differently: %1").arg(types);
    m_countDeltas->setText(deltas.isEmpty() ? tr("Every tool and message type is counted the same in both runs.")
                                            : deltas.join(QLatin1Char('\n')));
    showStatus(QString());
    m_export->setEnabled(true);
    emit aligned();
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
    return m_countDeltas->text();
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

void CompareWindow::exportMarkdownInteractively()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Comparison"), QStringLiteral("comparison.md"),
                                                      tr("Markdown (*.md)"));
    if (!path.isEmpty())
        exportMarkdownTo(path);
}

void CompareWindow::exportMarkdownTo(const QString &path)
{
    if (m_exportWatcher.isRunning())
        return;
    showStatus(tr("Exporting to %1…").arg(path));
    m_export->setEnabled(false);
    // Every entry's line is read from its JSON: on a worker, as the alignment.
    m_exportWatcher.setFuture(QtConcurrent::run([comparison = m_comparison, left = m_entries[LeftSide], right = m_entries[RightSide],
                                                 leftName = m_descriptions[LeftSide], rightName = m_descriptions[RightSide], path] {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return file.errorString();
        file.write(CompareMarkdown::write(comparison, left, right, leftName, rightName));
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
