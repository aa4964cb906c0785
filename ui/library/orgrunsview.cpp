// SPDX-License-Identifier: MIT
#include "ui/library/orgrunsview.h"

#include "ui/common/externallink.h"
#include "ui/common/plainlabel.h"
#include "ui/common/plaintooltipdelegate.h"
#include "ui/window/messagebanner.h"
#include "rows/runlistcolumns.h"
#include "ui/library/statusbadgedelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIntValidator>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShortcut>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

OrgRunsView::OrgRunsView(QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_model(model)
    , m_org(new QLineEdit(this))
    , m_source(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_endpoint(new PlainLabel(this))
    , m_banner(new MessageBanner(this))
    , m_table(new QTableView(this))
    , m_status(new PlainLabel(this))
{
    setWindowTitle(tr("Runs — Runlog"));
    const auto digits = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,18}")), this);
    m_org->setValidator(digits);
    m_org->setPlaceholderText(tr("organization ID"));
    m_org->setMaximumWidth(140);
    m_user->setValidator(digits);
    m_user->setPlaceholderText(tr("any user"));
    m_user->setMaximumWidth(120);
    // Their placeholders say it, but a screen reader reads names.
    m_org->setAccessibleName(tr("Organization ID"));
    m_user->setAccessibleName(tr("User ID"));
    m_source->setAccessibleName(tr("Source"));
    m_table->setAccessibleName(tr("Runs of the organization"));
    m_source->addItem(tr("All sources"), QString());
    for (const QString &type : knownSourceTypes())
        m_source->addItem(type, type);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QPushButton::clicked, this, &OrgRunsView::reloadRequested);
    m_compare = new QPushButton(tr("Co&mpare"), this);
    m_compare->setToolTip(tr("Compare the two selected runs step by step (Ctrl+click selects a second run)"));
    m_compare->setEnabled(false);
    connect(m_compare, &QPushButton::clicked, this, &OrgRunsView::compareSelected);
    connect(m_org, &QLineEdit::returnPressed, this, &OrgRunsView::reloadRequested);
    connect(m_user, &QLineEdit::returnPressed, this, &OrgRunsView::reloadRequested);
    connect(m_source, &QComboBox::activated, this, &OrgRunsView::reloadRequested);
    connect(m_banner, &MessageBanner::retryRequested, this, &OrgRunsView::retryRequested);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Two runs can be selected, to compare them; Enter opens the current one.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_compare->setEnabled(m_table->selectionModel()->selectedRows().size() == 2);
    });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setItemDelegate(new PlainToolTipDelegate(m_table));
    m_table->setItemDelegateForColumn(RunListColumns::Status, new StatusBadgeDelegate(m_table));
    // The Summary takes the room the others leave at their content's width: with fixed widths it
    // was 37 px at 800 x 500. Source is the one wide column that may give way (it elides).
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setStretchLastSection(false);
    for (const int column : {RunListColumns::Stored, RunListColumns::Run, RunListColumns::Status,
                             RunListColumns::Created, RunListColumns::PullRequests})
        columns->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    columns->setSectionResizeMode(RunListColumns::Summary, QHeaderView::Stretch);
    m_table->setColumnWidth(RunListColumns::Source, m_table->fontMetrics().horizontalAdvance(QStringLiteral("GITHUB_PR_REVIEW")) + 16);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() == RunListColumns::PullRequests && !index.data(RunListColumns::PullRequestUrlsRole).toStringList().isEmpty())
            openPullRequest(index);
        else
            openCurrent();
    });
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)})
        new QShortcut(key, m_table, this, &OrgRunsView::openCurrent, Qt::WidgetShortcut);
    new QShortcut(QKeySequence(Qt::Key_Escape), this, this, &QWidget::close);

    m_endpoint->setTextFormat(Qt::PlainText);
    m_endpoint->setStyleSheet(QStringLiteral("color: gray"));
    m_status->setTextFormat(Qt::PlainText);
    m_banner->hide();

    auto *filters = new QHBoxLayout;
    filters->addWidget(new PlainLabel(tr("Organization:"), this));
    filters->addWidget(m_org);
    filters->addSpacing(12);
    filters->addWidget(new PlainLabel(tr("Source:"), this));
    filters->addWidget(m_source);
    filters->addSpacing(12);
    filters->addWidget(new PlainLabel(tr("User ID:"), this));
    filters->addWidget(m_user);
    filters->addWidget(refresh);
    filters->addWidget(m_compare);
    filters->addStretch(1);
    filters->addWidget(m_endpoint);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(filters);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_table);
    resize(1180, 660);
}

RunListQuery OrgRunsView::filters() const
{
    RunListQuery query;
    query.orgId = m_org->text().toLongLong();
    query.sourceType = m_source->currentData().toString();
    if (!m_user->text().isEmpty())
        query.userId = m_user->text().toLongLong();
    return query;
}

void OrgRunsView::setOrganization(qint64 orgId)
{
    m_org->setText(orgId > 0 ? QString::number(orgId) : QString());
}

void OrgRunsView::setEndpointText(const QString &text)
{
    m_endpoint->setText(text);
}

void OrgRunsView::showError(const QString &text, bool offerRetry)
{
    m_banner->showMessage(MessageBanner::Kind::Error, text, offerRetry);
    m_banner->show();
}

void OrgRunsView::showNotice(const QString &text)
{
    m_banner->showMessage(MessageBanner::Kind::Info, text, false);
    m_banner->show();
}

void OrgRunsView::clearError()
{
    m_banner->hide();
}

void OrgRunsView::setProgress(int shown, qint64 total, bool loading, bool atEnd)
{
    if (loading && shown == 0)
        m_status->setText(tr("Loading the list…"));
    else if (atEnd)
        m_status->setText(shown == 1 ? tr("1 run. Enter opens it; ● marks runs in the library.")
                                     : tr("%1 runs, newest first. Enter opens the selected run; ● marks runs in the library.")
                                           .arg(shown));
    else
        m_status->setText(tr("%1 of %2 runs, newest first; more load as you scroll.")
                              .arg(QLocale().toString(shown), QLocale().toString(total)));
}

void OrgRunsView::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        emit openRequested(current.data(RunListColumns::RunIdRole).toLongLong());
}

void OrgRunsView::compareSelected()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 2)
        return;
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() > b.row(); });
    emit compareRequested(rows.at(0).data(RunListColumns::RunIdRole).toLongLong(), rows.at(1).data(RunListColumns::RunIdRole).toLongLong());
}

void OrgRunsView::openPullRequest(const QModelIndex &index)
{
    // The server's address: opened only as every outside link is (http or https with a host).
    ExternalLink::open(QUrl(index.data(RunListColumns::PullRequestUrlsRole).toStringList().first()));
}
