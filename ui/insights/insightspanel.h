// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QSet>
#include <QWidget>

class InsightsModel;
class PlainLabel;
class QPushButton;
class QTreeView;

// What went wrong in the run, in a dock: the verdict in one line, then a section per kind of
// finding. A click on a finding goes to its first entry, the next click to its next one; "Show
// Only These" filters the table to a finding's entries (or a whole kind's); a failure can be
// looked for in every stored run. Keyboard: arrows move, Enter goes, Ctrl+Enter shows only.
class InsightsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InsightsPanel(QWidget *parent = nullptr);

    void setInsights(const Insights &insights, bool whole, int entriesLoaded, bool computing,
                     const QStringList &loopLabels = {});
    void clear();
    // The table is filtered to a finding's entries: the button offers to show every entry.
    void setShowingOnly(bool showingOnly);

    QString verdictText() const;
    QTreeView *tree() const { return m_tree; }
    InsightsModel *model() const { return m_model; }
    // Acts on a row as a click does (tests, and Enter).
    void goToFinding(const QModelIndex &index);

signals:
    void entryRequested(int entry);
    void showOnlyRequested(const QVector<int> &entries, const QString &description);
    void showAllRequested();
    // Look for the failure of this entry in every stored run.
    void searchAllRunsRequested(int entry);
    void message(const QString &text, int timeoutMs);

private:
    void updateButtons();
    void showOnlySelected();
    void searchAllRunsForSelected();
    void showContextMenu(const QPoint &position);
    QString descriptionOf(const QModelIndex &index) const;
    QModelIndex selected() const;

    InsightsModel *m_model;
    PlainLabel *m_verdict;
    QTreeView *m_tree;
    QPushButton *m_showOnly;
    QPushButton *m_searchAllRuns;
    QSet<int> m_collapsed; // sections the user closed, kept across updates
    int m_lastSection = -1; // the finding gone to last (kind, row): the next click steps on
    int m_lastRow = -1;
    int m_step = 0;
    bool m_showingOnly = false;
};
