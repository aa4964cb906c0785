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
    write(QList<QList<LibrarySearchHit>>{hits}, json);
}

void SearchHitsOutput::write(const QList<QList<LibrarySearchHit>> &batches, bool json)
{
    if (json) {
        QByteArray out = "[";
        bool first = true;
        for (const QList<LibrarySearchHit> &hits : batches) {
            for (const LibrarySearchHit &hit : hits) {
                out += first ? "\n" : ",\n";
                first = false;
                out += "{\"origin\":" + JsonWriter::string(hit.origin) + ",\"org\":" + jsonId(hit.orgId)
                    + ",\"run\":" + jsonId(hit.runId) + ",\"entry\":" + QByteArray::number(hit.position + 1)
                    + ",\"message_type\":" + jsonText(hit.messageType) + ",\"tool_name\":" + jsonText(hit.toolName)
                    + ",\"snippet\":" + JsonWriter::string(hit.snippet) + ",\"run_status\":" + jsonText(hit.runStatus)
                    + ",\"run_created_at\":" + jsonText(hit.runCreatedAt) + ",\"found_in\":" + foundIn(hit) + '}';
            }
        }
        out += first ? "]\n" : "\n]\n";
        CliOutput::writeJson(out);
        return;
    }
    // Encoded line by line into one buffer (a line's fields never end or start inside a
    // character's UTF-16 pair, so this is the UTF-8 of the whole text), the line's room kept.
    QByteArray tsv = "org\trun\tentry\tmessage_type\ttool_name\tsnippet\torigin\tfound_in\n";
    QString line;
    for (const QList<LibrarySearchHit> &hits : batches) {
        for (const LibrarySearchHit &hit : hits) {
            line.resize(0);
            const QString fields[] = {tsvId(hit.orgId), tsvId(hit.runId), QString::number(hit.position + 1),
                                      hit.messageType, hit.toolName, hit.snippet, hit.origin,
                                      QString::fromLatin1(hit.fromNote ? "note" : "entry")};
            for (const QString &field : fields) {
                if (&field != fields)
                    line += QLatin1Char('\t');
                line += CliOutput::tsvField(field);
            }
            line += QLatin1Char('\n');
            tsv += line.toUtf8();
        }
    }
    CliOutput::writeOut(tsv);
}
