// SPDX-License-Identifier: MIT
#include "export/csvexportwriter.h"

#include "export/exporttext.h"
#include "json/jsontext.h"
#include "run/entrydetail.h"

namespace {

// What OWASP lists as the start of a formula (CSV injection): =, +, -, @, tab, carriage return.
bool startsLikeFormula(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return false;
    switch (utf8.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
    }
}

void appendField(QByteArray &record, const QByteArray &utf8, bool isNull)
{
    if (!record.isEmpty())
        record += ',';
    if (isNull)
        return;
    record.reserve(record.size() + utf8.size() + 3);
    record += '"';
    if (startsLikeFormula(utf8))
        record += '\'';
    qsizetype start = 0;
    for (qsizetype quote = utf8.indexOf('"'); quote >= 0; quote = utf8.indexOf('"', start)) {
        record.append(utf8.constData() + start, quote + 1 - start);
        record += '"';
        start = quote + 1;
    }
    record.append(utf8.constData() + start, utf8.size() - start);
    record += '"';
}

void appendText(QByteArray &record, const QString &text)
{
    appendField(record, text.toUtf8(), text.isNull());
}

void appendJson(QByteArray &record, const QByteArray &raw)
{
    appendField(record, JsonText::compact(raw), raw.isEmpty());
}

QByteArray recordOf(const RunSnapshot &snapshot, int index, const QByteArray &rawEntry)
{
    const EntryDetail d = parseEntryDetail(rawEntry);
    QByteArray record = QByteArray::number(index);
    appendText(record, d.createdAtText);
    appendText(record, d.messageType);
    appendText(record, d.toolName);
    appendText(record, d.thought);
    if (d.observationIsString)
        appendText(record, d.observationText.isNull() ? QStringLiteral("") : d.observationText);
    else
        appendJson(record, d.observation);
    appendJson(record, d.toolInput);
    appendJson(record, d.toolOutput);
    record += ',';
    if (const std::optional<qint64> otherRun = ExportText::otherRunOf(snapshot, d))
        record += QByteArray::number(*otherRun);
    record += "\r\n";
    return record;
}

} // namespace

namespace CsvExportWriter {

bool write(const RunSnapshot &snapshot, ExportSink &sink)
{
    if (snapshot.csvByteOrderMark && !sink.write("\xEF\xBB\xBF"))
        return false;
    if (!sink.write("index,created_at,message_type,tool_name,thought,observation,tool_input,tool_output,other_run_id\r\n"))
        return false;
    int index = 0;
    for (const QByteArray &entry : snapshot.entries) {
        if (!sink.write(recordOf(snapshot, ++index, entry)) || !sink.entryWritten())
            return false;
    }
    return true;
}

} // namespace CsvExportWriter
