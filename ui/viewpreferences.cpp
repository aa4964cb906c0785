// SPDX-License-Identifier: MIT
#include "ui/viewpreferences.h"

#include "rows/logtablemodel.h"
#include "settings/appsettings.h"
#include "ui/common/theme.h"
#include "ui/window/windowactions.h"

#include <QAction>

ViewPreferences::ViewPreferences(WindowActions *actions, LogTableModel *model, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_actions(actions)
    , m_model(model)
    , m_settings(settings)
{
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
    for (QAction *action : {actions->timeLocal, actions->timeUtc, actions->timeSinceStart})
        connect(action, &QAction::triggered, this, &ViewPreferences::applyTimeColumn);
    for (QAction *action : {actions->themeSystem, actions->themeLight, actions->themeDark})
        connect(action, &QAction::triggered, this, &ViewPreferences::applyTheme);
}

void ViewPreferences::applyTimeColumn()
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

void ViewPreferences::applyTheme()
{
    const Theme::Choice choice = m_actions->themeDark->isChecked()    ? Theme::Choice::Dark
                               : m_actions->themeLight->isChecked() ? Theme::Choice::Light
                                                                      : Theme::Choice::System;
    Theme::apply(choice);
    m_settings->setTheme(Theme::nameOf(choice));
}
