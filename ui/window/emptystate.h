// SPDX-License-Identifier: MIT
#pragma once

#include "ui/window/recentruns.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

// What a user sees before any run is open: what Runlog does, the ways to start, and the runs
// opened lately (Open Recent's and the library's: status, title, entries, when), Enter or a
// double click opening one.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setRecentRuns(const QList<RecentRunRow> &runs);
    QTreeWidget *recentRunsView() const { return m_recent; }

signals:
    void openRunRequested();
    void openFileRequested();
    void demoRequested();
    void recentRunRequested(const QUrl &baseUrl, const RunRef &run);

private:
    QLabel *m_recentTitle;
    QTreeWidget *m_recent;
    QList<RecentRunRow> m_runs;
};
