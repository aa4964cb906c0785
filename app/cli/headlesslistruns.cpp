// SPDX-License-Identifier: MIT
#include "cli/headlesslistruns.h"

#include "cli/clioutput.h"
#include "session/wholerunlist.h"

#include <QStringList>

HeadlessListRuns::HeadlessListRuns(const CommandLineOptions &options, const QByteArray &token, QObject *parent)
    : WindowlessCommand(options, token, parent)
{
}

HeadlessListRuns::~HeadlessListRuns() = default;

void HeadlessListRuns::run()
{
    RunListQuery filters;
    filters.orgId = m_options.listOrgId;
    filters.userId = m_options.userId;
    filters.sourceType = m_options.sourceType;
    m_list = std::make_unique<WholeRunList>();
    connect(m_list.get(), &WholeRunList::itemsAppended, this, [this] {
        progressLine(tr("listed %1 of %2 runs").arg(CliOutput::count(m_list->items().size()),
                                                    CliOutput::count(m_list->total())));
    });
    connect(m_list.get(), &WholeRunList::failed, this, [this](const QString &error) { fail(error); });
    connect(m_list.get(), &WholeRunList::finished, this, [this] {
        if (m_options.exportFormat == QLatin1String("json"))
            CliOutput::writeJson(output());
        else
            CliOutput::writeOut(output());
        finish(Success);
    });
    if (m_options.demo)
        m_list->loadDemo(filters);
    else
        m_list->load(ApiEndpoint{m_options.baseUrl, m_token}, filters);
}

QByteArray HeadlessListRuns::output() const
{
    const QList<RunListItem> &items = m_list->items();
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
