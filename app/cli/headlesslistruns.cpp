// SPDX-License-Identifier: MIT
#include "cli/headlesslistruns.h"

#include "api/errortext.h"
#include "cli/clioutput.h"
#include "demo/demobackend.h"
#include "model/runlistloader.h"

#include <QNetworkAccessManager>
#include <QStringList>

HeadlessListRuns::HeadlessListRuns(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

HeadlessListRuns::~HeadlessListRuns() = default;

void HeadlessListRuns::run()
{
    ApiEndpoint endpoint{m_options.baseUrl, m_token};
    m_orgId = m_options.listOrgId;
    if (m_options.demo) {
        m_demo = std::make_unique<DemoBackend>();
        if (!m_demo->start())
            return fail(tr("the demo backend could not start: %1").arg(m_demo->errorString()));
        endpoint = ApiEndpoint{m_demo->baseUrl(), QByteArray()};
        if (m_orgId <= 0)
            m_orgId = m_demo->demoOrgId();
    }
    RunListQuery filters;
    filters.orgId = m_orgId;
    filters.userId = m_options.userId;
    filters.sourceType = m_options.sourceType;
    m_network = std::make_unique<QNetworkAccessManager>();
    m_loader = std::make_unique<RunListLoader>(m_network.get());
    connect(m_loader.get(), &RunListLoader::itemsAppended, this, [this] {
        progressLine(tr("listed %1 of %2 runs").arg(CliOutput::count(m_loader->items().size()),
                                                    CliOutput::count(m_loader->total())));
    });
    connect(m_loader.get(), &RunListLoader::failed, this, [this](const ApiError &error) {
        fail(ErrorText::describeRunListWithStatus(error, m_orgId));
    });
    connect(m_loader.get(), &RunListLoader::finished, this, [this] {
        if (m_options.exportFormat == QLatin1String("json"))
            CliOutput::writeJson(output());
        else
            CliOutput::writeOut(output());
        finish(Success);
    });
    m_loader->open(endpoint, filters);
    m_loader->loadAll();
}

QByteArray HeadlessListRuns::output() const
{
    const QList<RunListItem> &items = m_loader->items();
    if (m_options.exportFormat == QLatin1String("json")) {
        QByteArray json = "[";
        for (qsizetype i = 0; i < items.size(); ++i)
            json += (i == 0 ? "\n" : ",\n") + items.at(i).rawJson;
        json += items.isEmpty() ? "]\n" : "\n]\n";
        return json;
    }
    QString tsv = QStringLiteral("id\tstatus\tcreated_at\tsource_type\tsummary\tweb_url\tpull_requests\n");
    for (const RunListItem &item : items) {
        QStringList pulls;
        for (const PullRequestLink &link : item.pullRequests)
            pulls << link.url;
        const QStringList fields = {QString::number(item.id), item.status.value_or(QString()),
                                    item.createdAt.value_or(QString()), item.sourceType.value_or(QString()),
                                    item.summary.value_or(QString()), item.webUrl.value_or(QString()),
                                    pulls.join(QLatin1Char(' '))};
        QStringList escaped;
        for (const QString &field : fields)
            escaped << CliOutput::tsvField(field);
        tsv += escaped.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return tsv.toUtf8();
}
