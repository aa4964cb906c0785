// SPDX-License-Identifier: MIT
#include "cli/headlesssearch.h"

#include "cli/clioutput.h"
#include "json/jsonwriter.h"
#include "store/librarydatabase.h"
#include "store/librarysearchscan.h"

#include <QStringList>

#include <atomic>

namespace {
QByteArray jsonText(const QString &text)
{
    return text.isNull() ? JsonWriter::null() : JsonWriter::string(text);
}
} // namespace

HeadlessSearch::HeadlessSearch(const CommandLineOptions &options, const QString &folder, QObject *parent)
    : WindowlessCommand(options, {}, parent)
    , m_folder(folder)
{
}

void HeadlessSearch::run()
{
    if (m_folder.isEmpty())
        return fail(tr("the library is switched off (Preferences), so there is nothing to search."));
    LibraryDatabase database(m_folder);
    if (!database.open())
        return fail(tr("the library cannot be read: %1").arg(database.errorString()));
    if (const auto setAside = database.takeSetAside()) {
        CliOutput::errorLine(tr("the library %1 could not be used (%2); it was renamed to %3 and a new one was started.")
                                 .arg(setAside->from, setAside->reason, setAside->to));
    }
    SearchQuery query;
    query.pattern = m_options.searchText;
    QList<LibrarySearchHit> hits;
    const std::atomic<bool> never{false};
    const LibrarySearchSummary summary = LibrarySearchScan::run(database.connection(), query, 0, never,
                                                                [&hits](const QList<LibrarySearchHit> &found) {
                                                                    hits += found;
                                                                    return true;
                                                                });
    if (!summary.error.isEmpty())
        return fail(tr("the search failed: %1").arg(summary.error));
    if (m_options.exportFormat == QLatin1String("json")) {
        QByteArray json = "[";
        for (qsizetype i = 0; i < hits.size(); ++i) {
            const LibrarySearchHit &hit = hits.at(i);
            json += i == 0 ? "\n" : ",\n";
            json += "{\"origin\":" + JsonWriter::string(hit.origin) + ",\"org\":" + QByteArray::number(hit.orgId)
                + ",\"run\":" + QByteArray::number(hit.runId) + ",\"entry\":" + QByteArray::number(hit.position + 1)
                + ",\"message_type\":" + jsonText(hit.messageType) + ",\"tool_name\":" + jsonText(hit.toolName)
                + ",\"snippet\":" + JsonWriter::string(hit.snippet) + ",\"run_status\":" + jsonText(hit.runStatus)
                + ",\"run_created_at\":" + jsonText(hit.runCreatedAt) + '}';
        }
        json += hits.isEmpty() ? "]\n" : "\n]\n";
        CliOutput::writeJson(json);
    } else {
        QString tsv = QStringLiteral("org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\n");
        for (const LibrarySearchHit &hit : std::as_const(hits)) {
            const QStringList fields = {QString::number(hit.orgId), QString::number(hit.runId), QString::number(hit.position + 1),
                                        hit.messageType, hit.toolName, hit.snippet, hit.origin};
            QStringList escaped;
            for (const QString &field : fields)
                escaped << CliOutput::tsvField(field);
            tsv += escaped.join(QLatin1Char('\t')) + QLatin1Char('\n');
        }
        CliOutput::writeOut(tsv.toUtf8());
    }
    succeed(tr("matches: %1; runs searched: %2").arg(CliOutput::count(summary.hits)).arg(summary.runsSearched));
}
