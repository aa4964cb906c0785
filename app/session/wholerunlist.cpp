// SPDX-License-Identifier: MIT
#include "session/wholerunlist.h"

#include "api/errortext.h"
#include "model/runlistloader.h"
#include "session/demoservice.h"

#include <QNetworkAccessManager>

WholeRunList::WholeRunList(QObject *parent)
    : QObject(parent)
{
}

WholeRunList::~WholeRunList() = default;

void WholeRunList::loadDemo(RunListQuery filters)
{
    m_demo = std::make_unique<DemoService>();
    if (!m_demo->start())
        return emit failed(m_demo->cannotStartText());
    if (filters.orgId <= 0)
        filters.orgId = m_demo->sampleRun().orgId;
    load(m_demo->endpoint(), filters);
}

void WholeRunList::load(const ApiEndpoint &endpoint, const RunListQuery &filters)
{
    m_filters = filters;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_loader = std::make_unique<RunListLoader>(m_network.get());
    connect(m_loader.get(), &RunListLoader::itemsAppended, this, &WholeRunList::itemsAppended);
    connect(m_loader.get(), &RunListLoader::finished, this, &WholeRunList::finished);
    connect(m_loader.get(), &RunListLoader::failed, this, [this](const ApiError &error) {
        emit failed(ErrorText::describeRunListWithStatus(error, m_filters.orgId));
    });
    m_loader->open(endpoint, filters);
    m_loader->loadAll();
}

const QList<RunListItem> &WholeRunList::items() const
{
    return m_loader ? m_loader->items() : m_noItems;
}

qint64 WholeRunList::total() const
{
    return m_loader ? m_loader->total() : 0;
}
