// SPDX-License-Identifier: MIT
#include "session/orgrunlist.h"

#include "api/errortext.h"
#include "model/runlistloader.h"
#include "model/runlistmodel.h"

#include <QNetworkAccessManager>

OrgRunList::OrgRunList(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_loader(new RunListLoader(m_network, this))
    , m_model(new RunListModel(m_loader, this))
{
    m_network->setAutoDeleteReplies(false);
    connect(m_loader, &RunListLoader::itemsAppended, this, &OrgRunList::itemsAppended);
    connect(m_loader, &RunListLoader::loadingChanged, this, &OrgRunList::loadingChanged);
    connect(m_loader, &RunListLoader::failed, this, [this](const ApiError &error) {
        emit failed(describe(error), error.kind != ApiError::Kind::Offline);
    });
    connect(m_loader, &RunListLoader::retrying, this, [this](const ApiError &error, int retryInMs) {
        emit retrying(describe(error), retryInMs);
    });
}

OrgRunList::~OrgRunList()
{
    m_loader->close();
}

QAbstractItemModel *OrgRunList::model() const
{
    return m_model;
}

void OrgRunList::open(const ApiEndpoint &endpoint, const RunListQuery &filters)
{
    m_model->open(endpoint, filters);
}

void OrgRunList::retry()
{
    m_loader->retry();
}

void OrgRunList::setStoredRunIds(const QSet<qint64> &ids)
{
    m_model->setStoredRunIds(ids);
}

bool OrgRunList::isOpen() const
{
    return m_loader->isOpen();
}

bool OrgRunList::isLoading() const
{
    return m_loader->isLoading();
}

bool OrgRunList::isAtEnd() const
{
    return m_loader->isAtEnd();
}

int OrgRunList::loadedCount() const
{
    return int(m_loader->items().size());
}

qint64 OrgRunList::total() const
{
    return m_loader->total();
}

QString OrgRunList::describe(const ApiError &error) const
{
    return ErrorText::describeRunList(error, m_loader->filters().orgId);
}
