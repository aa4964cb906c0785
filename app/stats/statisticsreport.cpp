// SPDX-License-Identifier: MIT
#include "stats/statisticsreport.h"

#include "run/terminalsafetext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString isoUtc(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

double seconds(qint64 msecs)
{
    return double(msecs) / 1000.0;
}

QString secondsText(qint64 msecs)
{
    return QString::number(seconds(msecs), 'f', 3);
}

} // namespace

namespace StatisticsReport {

QByteArray toJson(const RunStatistics &stats)
{
    QJsonObject root;
    root.insert(QStringLiteral("entries"), stats.entries);
    QJsonObject types;
    for (const RunStatistics::Count &count : stats.messageTypes)
        types.insert(count.value, count.count);
    root.insert(QStringLiteral("message_types"), types);
    root.insert(QStringLiteral("entries_without_message_type"), stats.withoutMessageType);
    QJsonObject tools;
    for (const RunStatistics::Count &count : stats.tools)
        tools.insert(count.value, count.count);
    root.insert(QStringLiteral("tools"), tools);
    root.insert(QStringLiteral("entries_without_tool"), stats.withoutTool);
    root.insert(QStringLiteral("errors"), int(stats.errorPositions.size()));
    QJsonArray errorEntries;
    for (int position : stats.errorPositions)
        errorEntries.append(position + 1);
    root.insert(QStringLiteral("error_entries"), errorEntries);
    root.insert(QStringLiteral("entries_without_time"), stats.withoutTime);
    root.insert(QStringLiteral("first_created_at"), stats.hasDuration ? QJsonValue(isoUtc(stats.firstMsecs)) : QJsonValue());
    root.insert(QStringLiteral("last_created_at"), stats.hasDuration ? QJsonValue(isoUtc(stats.lastMsecs)) : QJsonValue());
    root.insert(QStringLiteral("duration_seconds"),
                stats.hasDuration ? QJsonValue(seconds(stats.durationMsecs())) : QJsonValue());
    QJsonObject toolTime;
    for (const RunStatistics::ToolTime &time : stats.timePerTool)
        toolTime.insert(time.tool, seconds(time.msecs));
    root.insert(QStringLiteral("time_per_tool_seconds"), toolTime);
    QJsonArray gaps;
    for (const RunStatistics::Gap &gap : stats.longestGaps) {
        QJsonObject item;
        item.insert(QStringLiteral("after_entry"), gap.afterPosition + 1);
        item.insert(QStringLiteral("seconds"), seconds(gap.msecs));
        item.insert(QStringLiteral("from"), isoUtc(gap.startMsecs));
        gaps.append(item);
    }
    root.insert(QStringLiteral("longest_gaps"), gaps);
    QJsonObject rate;
    rate.insert(QStringLiteral("start"), stats.entriesPerBucket.isEmpty() ? QJsonValue() : QJsonValue(isoUtc(stats.bucketStartMsecs)));
    rate.insert(QStringLiteral("bucket_seconds"), seconds(stats.bucketMsecs));
    QJsonArray counts;
    for (int count : stats.entriesPerBucket)
        counts.append(count);
    rate.insert(QStringLiteral("counts"), counts);
    root.insert(QStringLiteral("entries_per_minute"), rate);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray toTsv(const RunStatistics &stats)
{
    QString out;
    auto line = [&out](const QString &section, const QString &key, const QString &value) {
        out += section + QLatin1Char('\t') + TerminalSafeText::forTsv(key) + QLatin1Char('\t') + value + QLatin1Char('\n');
    };
    line(QStringLiteral("entries"), QString(), QString::number(stats.entries));
    for (const RunStatistics::Count &count : stats.messageTypes)
        line(QStringLiteral("message_type"), count.value, QString::number(count.count));
    line(QStringLiteral("entries_without_message_type"), QString(), QString::number(stats.withoutMessageType));
    for (const RunStatistics::Count &count : stats.tools)
        line(QStringLiteral("tool"), count.value, QString::number(count.count));
    line(QStringLiteral("entries_without_tool"), QString(), QString::number(stats.withoutTool));
    line(QStringLiteral("errors"), QString(), QString::number(stats.errorPositions.size()));
    for (int position : stats.errorPositions)
        line(QStringLiteral("error_entry"), QString(), QString::number(position + 1));
    line(QStringLiteral("entries_without_time"), QString(), QString::number(stats.withoutTime));
    line(QStringLiteral("duration_seconds"), QString(), stats.hasDuration ? secondsText(stats.durationMsecs()) : QString());
    for (const RunStatistics::ToolTime &time : stats.timePerTool)
        line(QStringLiteral("time_per_tool_seconds"), time.tool, secondsText(time.msecs));
    for (const RunStatistics::Gap &gap : stats.longestGaps)
        line(QStringLiteral("gap_after_entry"), QString::number(gap.afterPosition + 1), secondsText(gap.msecs));
    for (int i = 0; i < stats.entriesPerBucket.size(); ++i)
        line(QStringLiteral("entries_per_bucket"), isoUtc(stats.bucketStartMsecs + i * stats.bucketMsecs),
             QString::number(stats.entriesPerBucket[i]));
    return out.toUtf8();
}

} // namespace StatisticsReport
