// SPDX-License-Identifier: MIT
#include "ui/open/samplechooserdialog.h"

#include "ui/common/plainlabel.h"
#include "ui/common/plaintooltipdelegate.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace {
constexpr int kSampleIndexRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;
constexpr int kRefRole = Qt::UserRole + 3; // the id and epoch the sample is named by

// A long input or target on one line: the row stays one line high; the tooltip has it whole.
QString oneLine(const QString &text)
{
    QString line = text.simplified();
    constexpr int kMaxChars = 200;
    if (line.size() > kMaxChars)
        line = line.left(kMaxChars) + QChar(0x2026);
    return line;
}

QStandardItem *item(const QString &text, const QVariant &sortValue = {})
{
    auto *cell = new QStandardItem(oneLine(text));
    cell->setEditable(false);
    cell->setToolTip(text); // shown plain by PlainToolTipDelegate
    cell->setData(sortValue.isValid() ? sortValue : QVariant(text), kSortRole);
    return cell;
}
} // namespace

QString SampleChooserDialog::scoreText(const InspectSampleInfo &sample)
{
    if (!sample.failed)
        return sample.score;
    return sample.score.isEmpty() ? tr("error") : tr("%1 (error)").arg(sample.score);
}

SampleChooserDialog::SampleChooserDialog(const QString &fileName, const QList<InspectSampleInfo> &samples, QWidget *parent)
    : QDialog(parent)
    , m_summary(new PlainLabel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("sampleChooserDialog"));
    setWindowTitle(tr("Choose a Sample"));
    m_summary->setText(tr("%1 holds %n samples, each a run of its own. Which one do you want to open?", nullptr, int(samples.size()))
                           .arg(fileName));
    m_summary->setWordWrap(true);

    m_filter->setObjectName(QStringLiteral("sampleFilter"));
    m_filter->setPlaceholderText(tr("Filter by id, input, target, score…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the samples"));
    m_filter->installEventFilter(this);

    m_model->setColumnCount(ColumnCount);
    m_model->setHorizontalHeaderLabels({tr("Sample"), tr("Epoch"), tr("Input"), tr("Target"), tr("Score"), tr("Tool calls")});
    fill(samples);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(kSortRole);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("sampleList"));
    m_view->setAccessibleName(tr("Samples"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new PlainToolTipDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the log's order until a header is clicked
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(Input, QHeaderView::Stretch);
    for (int column : {Id, Epoch, Target, Score, ToolCalls})
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    connect(m_view, &QTreeView::activated, this, [this] {
        if (chosenSample())
            accept();
    });

    m_buttons->button(QDialogButtonBox::Open)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_proxy, &QSortFilterProxyModel::modelReset, this, &SampleChooserDialog::updateState);
    connect(m_proxy, &QSortFilterProxyModel::layoutChanged, this, &SampleChooserDialog::updateState);
    connect(m_proxy, &QSortFilterProxyModel::rowsRemoved, this, &SampleChooserDialog::updateState);
    connect(m_proxy, &QSortFilterProxyModel::rowsInserted, this, &SampleChooserDialog::updateState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_buttons);
    resize(760, 420);
    updateState();
    // Typing filters at once; Enter opens the sample current in the list (the first at first).
    m_filter->setFocus();
}

void SampleChooserDialog::fill(const QList<InspectSampleInfo> &samples)
{
    for (const InspectSampleInfo &sample : samples) {
        QList<QStandardItem *> row{
            item(sample.id),
            item(QLocale().toString(sample.epoch), sample.epoch),
            item(sample.title),
            item(sample.target),
            item(scoreText(sample)),
            item(QLocale().toString(sample.toolEvents), sample.toolEvents),
        };
        row.at(Epoch)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.at(ToolCalls)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.at(Id)->setData(sample.index, kSampleIndexRole);
        row.at(Id)->setData(sample.id, kRefRole);
        row.at(Epoch)->setData(sample.epoch, kRefRole);
        m_model->appendRow(row);
    }
}

std::optional<SampleRef> SampleChooserDialog::chosenSample() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const int row = current.row();
    SampleRef sample;
    sample.id = m_proxy->index(row, Id).data(kRefRole).toString();
    sample.epoch = m_proxy->index(row, Epoch).data(kRefRole).toInt();
    return sample;
}

void SampleChooserDialog::updateState()
{
    // The first sample shown is the one Enter opens, also right after filtering.
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(chosenSample().has_value());
}

bool SampleChooserDialog::eventFilter(QObject *watched, QEvent *event)
{
    // From the filter, the arrows move through the list, as in the Library's filter.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp) {
            QCoreApplication::sendEvent(m_view, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}
