// SPDX-License-Identifier: MIT
#include "cli/searchhitsoutput.h"

#include "cli/clioutput.h"
#include "json/jsonwriter.h"

#include <QStringList>

namespace {
QByteArray jsonText(const QString &text)
{
    return text.isNull() ? JsonWriter::null() : JsonWriter::string(text);
}

// A run or an organization a file does not name: null in JSON, empty in tsv.
QByteArray jsonId(qint64 id)
{
    return id > 0 ? QByteArray::number(id) : JsonWriter::null();
}

// Where the match is: the entry itself, or the user's note on it.
QByteArray foundIn(const LibrarySearchHit &hit)
{
    return hit.fromNote ? QByteArrayLiteral("\"note\"") : QByteArrayLiteral("\"entry\"");
}

QString tsvId(qint64 id)
{
    return id > 0 ? QString::number(id) : QString();
}
} // namespace

void SearchHitsOutput::write(const QList<LibrarySearchHit> &hits, bool json)
{
    if (json) {
        QByteArray out = "[";
        for (qsizetype i = 0; i < hits.size(); ++i) {
            const LibrarySearchHit &hit = hits.at(i);
            out += i == 0 ? "\n" : ",\n";
            out += "{\"origin\":" + JsonWriter::string(hit.origin) + ",\"org\":" + jsonId(hit.orgId)
                + ",\"run\":" + jsonId(hit.runId) + ",\"entry\":" + QByteArray::number(hit.position + 1)
                + ",\"message_type\":" + jsonText(hit.messageType) + ",\"tool_name\":" + jsonText(hit.toolName)
                + ",\"snippet\":" + JsonWriter::string(hit.snippet) + ",\"run_status\":" + jsonText(hit.runStatus)
                + ",\"run_created_at\":" + jsonText(hit.runCreatedAt) + ",\"found_in\":" + foundIn(hit) + '}';
        }
        out += hits.isEmpty() ? "]\n" : "\n]\n";
        CliOutput::writeJson(out);
        return;
    }
    QString tsv = QStringLiteral("org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\tfound_in\n");
    for (const LibrarySearchHit &hit : hits) {
        const QStringList fields = {tsvId(hit.orgId), tsvId(hit.runId), QString::number(hit.position + 1),
                                    hit.messageType, hit.toolName, hit.snippet, hit.origin,
                                    QString::fromLatin1(hit.fromNote ? "note" : "entry")};
        QStringList escaped;
        for (const QString &field : fields)
            escaped << CliOutput::tsvField(field);
        tsv += escaped.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    CliOutput::writeOut(tsv.toUtf8());
}
