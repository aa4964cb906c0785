// SPDX-License-Identifier: MIT
#pragma once

#include "run/runlist.h"

#include <QWidget>

class MessageBanner;
class QComboBox;
class PlainLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QAbstractItemModel;

// The organization's runs (the Runs window): newest first, more as the list is scrolled, status
// badges, created, source, summary, pull requests, a mark on the runs the library holds; filters
// for the source and the user. Enter (or a double click) opens the run; a double click on a pull
// request opens it in the browser. What goes wrong shows in a banner, in words.
class OrgRunsView : public QWidget
{
    Q_OBJECT
public:
    explicit OrgRunsView(QAbstractItemModel *model, QWidget *parent = nullptr);

    // The filters as the user set them (the organization's id, 0 when not given).
    RunListQuery filters() const;
    void setOrganization(qint64 orgId);
    void setEndpointText(const QString &text);
    void showError(const QString &text, bool offerRetry);
    void showNotice(const QString &text);
    void clearError();
    void setProgress(int shown, qint64 total, bool loading, bool atEnd);
    QTableView *table() const { return m_table; }

signals:
    void reloadRequested();
    void retryRequested();
    void openRequested(qint64 runId);
    // Compare: two selected runs, the older (lower in the list, newest first) on the left.
    void compareRequested(qint64 leftRunId, qint64 rightRunId);

private:
    void openCurrent();
    void compareSelected();
    void openPullRequest(const QModelIndex &index);

    QAbstractItemModel *m_model;
    QLineEdit *m_org;
    QComboBox *m_source;
    QLineEdit *m_user;
    PlainLabel *m_endpoint;
    MessageBanner *m_banner;
    QTableView *m_table;
    QPushButton *m_compare = nullptr;
    PlainLabel *m_status;
};
