// SPDX-License-Identifier: MIT
#include "ui/window/viewsettings.h"

#include "ui/detail/detailpane.h"
#include "ui/table/logtableview.h"
#include "rows/logtablemodel.h"
#include "settings/appsettings.h"
#include "ui/common/theme.h"
#include "ui/window/windowactions.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QPlainTextEdit>

#include <algorithm>

namespace {
QFont zoomed(QFont font, int steps)
{
    font.setPointSizeF(std::max(4.0, font.pointSizeF() + steps));
    return font;
}
} // namespace

ViewSettings::ViewSettings(LogTableView *table, DetailPane *detail, LogTableModel *model, WindowActions *actions,
                           AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_detail(detail)
    , m_model(model)
    , m_actions(actions)
    , m_settings(settings)
    , m_tableFont(table->font())
    , m_detailFont(detail->textView()->font())
{
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &position) {
        QMenu menu;
        populateColumnsMenu(&menu);
        menu.exec(header->mapToGlobal(position));
    });
    m_wrapLines = m_settings->detailWrapsLines();
    m_detail->setWrapLines(m_wrapLines);
    m_zoomSteps = std::clamp(m_settings->zoomSteps(), kMinZoomSteps, kMaxZoomSteps);
    if (m_zoomSteps != 0) {
        const int steps = m_zoomSteps;
        m_zoomSteps = 0;
        setZoomSteps(steps);
    }

    const QString time = settings->timeColumn();
    (time == QLatin1String("utc") ? actions->timeUtc
     : time == QLatin1String("since-start") ? actions->timeSinceStart
                                            : actions->timeLocal)->setChecked(true);
    switch (Theme::fromName(settings->theme())) {
    case Theme::Choice::Light: actions->themeLight->setChecked(true); break;
    case Theme::Choice::Dark: actions->themeDark->setChecked(true); break;
    case Theme::Choice::System: actions->themeSystem->setChecked(true); break;
    }
    applyTimeColumn();
    if (Theme::fromName(settings->theme()) != Theme::Choice::System)
        applyTheme();
    connectActions();
}

void ViewSettings::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->zoomIn, &QAction::triggered, this, &ViewSettings::zoomIn);
    connect(a->zoomOut, &QAction::triggered, this, &ViewSettings::zoomOut);
    connect(a->zoomReset, &QAction::triggered, this, &ViewSettings::resetZoom);
    a->wordWrap->setChecked(m_wrapLines);
    connect(a->wordWrap, &QAction::toggled, this, &ViewSettings::setWrapLines);
    a->foldRepeats->setChecked(m_settings->foldsRepeats());
    connect(a->foldRepeats, &QAction::toggled, this, [this](bool fold) { m_settings->setFoldsRepeats(fold); });
    QMenu *columns = a->columns;
    connect(columns, &QMenu::aboutToShow, this, [this, columns] { populateColumnsMenu(columns); });
    for (QAction *action : {a->timeLocal, a->timeUtc, a->timeSinceStart})
        connect(action, &QAction::triggered, this, &ViewSettings::applyTimeColumn);
    for (QAction *action : {a->themeSystem, a->themeLight, a->themeDark})
        connect(action, &QAction::triggered, this, &ViewSettings::applyTheme);
}

void ViewSettings::setZoomSteps(int steps)
{
    steps = std::clamp(steps, kMinZoomSteps, kMaxZoomSteps);
    if (steps == m_zoomSteps)
        return;
    m_zoomSteps = steps;
    const QFont tableFont = zoomed(m_tableFont, steps);
    m_table->setFont(tableFont);
    // Rows keep one fixed height (the table stays virtual): the new text's height.
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(tableFont).height() + 10);
    m_detail->setTextFont(zoomed(m_detailFont, steps));
    m_settings->setZoomSteps(steps);
    emit zoomChanged(steps);
}

void ViewSettings::setWrapLines(bool wrap)
{
    m_wrapLines = wrap;
    m_detail->setWrapLines(wrap);
    m_settings->setDetailWrapsLines(wrap);
}

void ViewSettings::populateColumnsMenu(QMenu *menu)
{
    menu->clear();
    QHeaderView *header = m_table->horizontalHeader();
    QAbstractItemModel *model = m_table->model();
    if (!model)
        return;
    int visible = 0;
    for (int column = 0; column < model->columnCount(); ++column)
        visible += header->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString name = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(header->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
}

void ViewSettings::applyTimeColumn()
{
    LogTableModel::TimeStyle style = LogTableModel::TimeStyle::Local;
    QString name = QStringLiteral("local");
    if (m_actions->timeUtc->isChecked()) {
        style = LogTableModel::TimeStyle::Utc;
        name = QStringLiteral("utc");
    } else if (m_actions->timeSinceStart->isChecked()) {
        style = LogTableModel::TimeStyle::SinceStart;
        name = QStringLiteral("since-start");
    }
    m_model->setTimeStyle(style);
    m_settings->setTimeColumn(name);
}

void ViewSettings::applyTheme()
{
    const Theme::Choice choice = m_actions->themeDark->isChecked()    ? Theme::Choice::Dark
                               : m_actions->themeLight->isChecked() ? Theme::Choice::Light
                                                                      : Theme::Choice::System;
    Theme::apply(choice);
    m_settings->setTheme(Theme::nameOf(choice));
}
