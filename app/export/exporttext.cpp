// SPDX-License-Identifier: MIT
#include "export/exporttext.h"

#include "json/jsontext.h"
#include "run/logentry.h"
#include "run/timestamps.h"

#include <QCoreApplication>
#include <QDateTime>

namespace {

QString withOffset(qint64 msecs)
{
    const int offset = QDateTime::fromMSecsSinceEpoch(msecs, Qt::LocalTime).offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return QStringLiteral("%1 UTC%2%3:%4")
            .arg(Timestamps::formatLocal(msecs, Timestamps::LocalStyle::DateAndTime))
            .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
            .arg(minutes / 60, 2, 10, QLatin1Char('0'))
            .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString timeText(const QString &text)
{
    if (text.isNull())
        return {};
    const qint64 msecs = Timestamps::parseUtcMsecs(text);
    return msecs == LogEntry::kNoTime ? text : withOffset(msecs);
}

bool isNullJson(const QByteArray &raw)
{
    return raw.isEmpty() || raw.trimmed() == "null";
}

} // namespace

namespace ExportText {

QString title(const RunSnapshot &snapshot)
{
    if (!snapshot.hasRun)
        return QCoreApplication::translate("ExportText", "Run log");
    return QCoreApplication::translate("ExportText", "Run %1").arg(snapshot.run.id);
}

QList<QPair<QString, QString>> summary(const RunSnapshot &snapshot)
{
    QList<QPair<QString, QString>> lines;
    const RunInfo &run = snapshot.run;
    if (snapshot.hasRun) {
        lines.append({QCoreApplication::translate("ExportText", "Organization"), QString::number(run.organizationId)});
        if (run.status)
            lines.append({QCoreApplication::translate("ExportText", "Status"), *run.status});
        if (run.createdAt)
            lines.append({QCoreApplication::translate("ExportText", "Created"), timeText(*run.createdAt)});
        if (run.webUrl)
            lines.append({QCoreApplication::translate("ExportText", "Web URL"), *run.webUrl});
    }
    lines.append({QCoreApplication::translate("ExportText", "Entries"), QString::number(snapshot.entries.size())});
    if (!snapshot.sourceDescription.isEmpty())
        lines.append({QCoreApplication::translate("ExportText", "Source"), snapshot.sourceDescription});
    return lines;
}

QList<Payload> runPayloads(const RunSnapshot &snapshot)
{
    static const QStringList shown = {
        QStringLiteral("id"), QStringLiteral("organization_id"), QStringLiteral("status"),
        QStringLiteral("created_at"), QStringLiteral("web_url"), QStringLiteral("result"),
        QStringLiteral("total_logs"), QStringLiteral("page"), QStringLiteral("size"),
        QStringLiteral("pages"), QStringLiteral("logs")};
    QList<Payload> payloads;
    if (!snapshot.hasRun)
        return payloads;
    // The result is often a long Markdown text: a block of its own, never a summary line.
    if (snapshot.run.result)
        payloads.append({QStringLiteral("result"), snapshot.run.result->toUtf8(), false});
    for (const auto &[key, raw] : snapshot.run.rawFields) {
        if (shown.contains(key) || isNullJson(raw))
            continue;
        payloads.append({key, JsonText::pretty(raw), true});
    }
    return payloads;
}

QString timeOf(const EntryDetail &entry)
{
    return timeText(entry.createdAtText);
}

std::optional<qint64> otherRunOf(const RunSnapshot &snapshot, const EntryDetail &entry)
{
    // The rule RunLoader flags entries by.
    if (!snapshot.hasRun || !entry.ok || entry.agentRunId == snapshot.run.id)
        return std::nullopt;
    return entry.agentRunId;
}

QString otherRunNote(const RunSnapshot &snapshot, qint64 otherRunId)
{
    return QCoreApplication::translate("ExportText", "⚠ entry of run %1, not of run %2").arg(otherRunId).arg(snapshot.run.id);
}

QList<Payload> payloadsOf(const EntryDetail &entry)
{
    QList<Payload> payloads;
    if (entry.observationIsString)
        payloads.append({QStringLiteral("observation"), entry.observationText.toUtf8(), false});
    else if (!isNullJson(entry.observation))
        payloads.append({QStringLiteral("observation"), JsonText::pretty(entry.observation), true});
    if (!isNullJson(entry.toolInput))
        payloads.append({QStringLiteral("tool_input"), JsonText::pretty(entry.toolInput), true});
    if (!isNullJson(entry.toolOutput))
        payloads.append({QStringLiteral("tool_output"), JsonText::pretty(entry.toolOutput), true});
    for (const auto &[key, raw] : entry.otherFields) {
        if (key == QLatin1String("agent_run_id") || isNullJson(raw))
            continue;
        payloads.append({key, JsonText::pretty(raw), true});
    }
    return payloads;
}

} // namespace ExportText
