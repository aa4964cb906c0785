// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runlist.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class DemoService;
class QNetworkAccessManager;
class RunListLoader;

// An organization's whole run list with no window (`--list-runs`): every page, newest first,
// paced and retried like every request. It ends once, with finished() or failed(text).
class WholeRunList : public QObject
{
    Q_OBJECT

public:
    explicit WholeRunList(QObject *parent = nullptr);
    ~WholeRunList() override;

    // One of these, once.
    void load(const ApiEndpoint &endpoint, const RunListQuery &filters);
    // The built-in demo backend's list; an organization of 0 or less means the demo's own.
    void loadDemo(RunListQuery filters);

    // The organization asked for (the demo's when loadDemo() chose it).
    qint64 orgId() const { return m_filters.orgId; }
    const QList<RunListItem> &items() const;
    qint64 total() const;

signals:
    void itemsAppended();
    void finished();
    // `error` is one sentence with the HTTP status and the server's words, when there are some.
    void failed(const QString &error);

private:
    std::unique_ptr<DemoService> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RunListLoader> m_loader;
    RunListQuery m_filters;
    const QList<RunListItem> m_noItems;
};
