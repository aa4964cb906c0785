// SPDX-License-Identifier: MIT
#include "ui/window/emptystate.h"

#include "ui/common/plainlabel.h"
#include "ui/common/plaintext.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent)
    , m_recentTitle(new PlainLabel(tr("Recent runs"), this))
    , m_recent(new QTreeWidget(this))
{
    auto *title = new PlainLabel(tr("Open an agent run"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *text = new PlainLabel(tr("Runlog shows every thought and tool call of a Codegen agent run, however long,\n"
                                   "with each tool input, output and observation in full.\n\n"
                                   "Open a run by its ID or web URL (you need your organization ID and an API token),\n"
                                   "open an exported .json or .jsonl file (or drop it here),\n"
                                   "or look around in the demo run: it needs no token and no network."),
                                this);
    text->setAlignment(Qt::AlignCenter);
    // Its lines break where the window (or a longer translation) is narrower than they are.
    text->setWordWrap(true);
    text->setStyleSheet(QStringLiteral("color: gray"));

    auto *openRun = new QPushButton(tr("Open Run…  (Ctrl+O)"), this);
    auto *openFile = new QPushButton(tr("Open File…  (Ctrl+Shift+O)"), this);
    auto *demo = new QPushButton(tr("Try the Demo Run"), this);
    openRun->setDefault(true);
    for (QPushButton *button : {openRun, openFile, demo})
        button->setMinimumWidth(260);
    connect(openRun, &QPushButton::clicked, this, &EmptyState::openRunRequested);
    connect(openFile, &QPushButton::clicked, this, &EmptyState::openFileRequested);
    connect(demo, &QPushButton::clicked, this, &EmptyState::demoRequested);

    QFont bold = m_recentTitle->font();
    bold.setBold(true);
    m_recentTitle->setFont(bold);
    m_recent->setObjectName(QStringLiteral("recentRuns"));
    m_recent->setAccessibleName(tr("Recent runs"));
    m_recent->setRootIsDecorated(false);
    m_recent->setUniformRowHeights(true);
    m_recent->setAllColumnsShowFocus(true);
    m_recent->setHeaderLabels({tr("Status"), tr("Run"), tr("Entries"), tr("Opened")});
    m_recent->header()->setStretchLastSection(false);
    m_recent->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_recent->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_recent->setMinimumWidth(560);
    m_recent->setMaximumWidth(820);
    m_recent->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Enter (itemActivated) or a double click opens the run.
    connect(m_recent, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int index = m_recent->indexOfTopLevelItem(item);
        if (index >= 0 && index < m_runs.size())
            emit recentRunRequested(m_runs[index].baseUrl, m_runs[index].run);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(text);
    layout->addSpacing(16);
    for (QPushButton *button : {openRun, openFile, demo})
        layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addSpacing(20);
    layout->addWidget(m_recentTitle, 0, Qt::AlignHCenter);
    layout->addWidget(m_recent, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    setRecentRuns({});
}

void EmptyState::setRecentRuns(const QList<RecentRunRow> &runs)
{
    m_runs = runs;
    m_recent->clear();
    const QLocale locale;
    for (const RecentRunRow &run : runs) {
        // The texts are the server's (QTreeWidget draws them plainly); the host says where.
        const QString where = run.baseUrl.port() < 0 ? run.baseUrl.host()
                                                     : QStringLiteral("%1:%2").arg(run.baseUrl.host()).arg(run.baseUrl.port());
        auto *item = new QTreeWidgetItem(m_recent);
        item->setText(0, run.status.isEmpty() ? tr("—") : run.status);
        item->setText(1, run.title);
        item->setToolTip(1, PlainText::toolTip(tr("Run %1 of organization %2 at %3: %4")
                                                   .arg(run.run.runId).arg(run.run.orgId).arg(where, run.title)));
        item->setText(2, run.entries ? locale.toString(*run.entries) : tr("—"));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, run.whenMs > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(run.whenMs).toLocalTime(), QLocale::ShortFormat)
                                        : tr("—"));
    }
    const bool any = !runs.isEmpty();
    m_recentTitle->setVisible(any);
    m_recent->setVisible(any);
    if (any) {
        const int rows = int(runs.size());
        m_recent->setFixedHeight(m_recent->header()->sizeHint().height() + rows * m_recent->sizeHintForRow(0)
                                 + 2 * m_recent->frameWidth());
        m_recent->setCurrentItem(m_recent->topLevelItem(0));
    }
}
