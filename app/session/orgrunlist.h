// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runlist.h"

#include <QObject>
#include <QSet>

class QAbstractItemModel;
class QNetworkAccessManager;
class RunListLoader;
class RunListModel;
struct ApiError;

// The organization's runs for the Runs view: a table model that fetches more pages as the view
// reaches its end (paced, retried), and what went wrong in words. The view shows it; only this
// talks to the API.
class OrgRunList : public QObject
{
    Q_OBJECT
public:
    explicit OrgRunList(QObject *parent = nullptr);
    // Ends a request in flight while the network it runs on is still there: the children go in
    // the order they were made, the network first, and the loader's own close() would then abort
    // a reply of a network already gone (a crash when a window closed while the Runs window's
    // list was being fetched).
    ~OrgRunList() override;

    // Columns and roles: rows/runlistcolumns.h.
    QAbstractItemModel *model() const;

    // Starts over with the first page of this organization's list, at this API.
    void open(const ApiEndpoint &endpoint, const RunListQuery &filters);
    void retry();
    // Runs of this list the library holds (by run id), marked in the table.
    void setStoredRunIds(const QSet<qint64> &ids);

    bool isOpen() const;
    bool isLoading() const;
    bool isAtEnd() const;
    int loadedCount() const;
    qint64 total() const;

signals:
    void itemsAppended();
    void loadingChanged();
    // The list could not be had: in words, and whether trying again can help.
    void failed(const QString &text, bool retryHelps);
    void retrying(const QString &text, int retryInMs);

private:
    QString describe(const ApiError &error) const;

    QNetworkAccessManager *m_network;
    RunListLoader *m_loader;
    RunListModel *m_model;
};
