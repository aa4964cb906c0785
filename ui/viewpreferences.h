// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class AppSettings;
class LogTableModel;
class WindowActions;

// View > Time Column and View > Theme: applies the user's choice and keeps it for next time.
class ViewPreferences : public QObject
{
    Q_OBJECT
public:
    ViewPreferences(WindowActions *actions, LogTableModel *model, AppSettings *settings, QObject *parent = nullptr);

private:
    void applyTimeColumn();
    void applyTheme();

    WindowActions *m_actions;
    LogTableModel *m_model;
    AppSettings *m_settings;
};
