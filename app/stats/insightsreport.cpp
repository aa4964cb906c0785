// SPDX-License-Identifier: MIT
#include "stats/insightsreport.h"

#include "run/terminalsafetext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace {

QJsonArray entryArray(const QVector<int> &entries)
{
    QJsonArray array;
    for (int entry : entries)
        array.append(entry);
    return array;
}

QJsonValue nullable(const QString &text)
{
    return text.isNull() ? QJsonValue() : QJsonValue(text);
}

QString entryList(const QVector<int> &entries)
{
    QStringList numbers;
    numbers.reserve(entries.size());
    for (int entry : entries)
        numbers.append(QString::number(entry));
    return numbers.join(QLatin1Char(','));
}

// 1 rather than 1.0; other values in the shortest form that reads back the same.
QString numberText(double value)
{
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString tsvText(const QString &text)
{
    return TerminalSafeText::forTsv(text);
}

} // namespace

namespace InsightsReport {

QByteArray toJson(const Insights &insights)
{
    QJsonObject root;
    root.insert(QStringLiteral("entries"), insights.entries);
    QJsonArray loops;
    for (const InsightsLoop &loop : insights.loops) {
        QJsonObject item;
        item.insert(QStringLiteral("period"), loop.period);
        item.insert(QStringLiteral("repeats"), loop.repeats);
        item.insert(QStringLiteral("first_entry"), loop.firstEntry);
        item.insert(QStringLiteral("last_entry"), loop.lastEntry);
        item.insert(QStringLiteral("tools"), QJsonArray::fromStringList(loop.tools));
        item.insert(QStringLiteral("entries"), entryArray(loop.entries));
        loops.append(item);
    }
    root.insert(QStringLiteral("loops"), loops);
    QJsonArray repeated;
    for (const InsightsRepeatedFailure &failure : insights.repeatedFailures) {
        QJsonObject item;
        item.insert(QStringLiteral("signature"), failure.signature);
        item.insert(QStringLiteral("count"), failure.count);
        item.insert(QStringLiteral("entries"), entryArray(failure.entries));
        repeated.append(item);
    }
    root.insert(QStringLiteral("repeated_failures"), repeated);
    if (insights.firstFailure) {
        const InsightsFirstFailure &first = *insights.firstFailure;
        QJsonObject item;
        item.insert(QStringLiteral("entry"), first.entry);
        item.insert(QStringLiteral("message_type"), nullable(first.messageType));
        item.insert(QStringLiteral("tool_name"), nullable(first.toolName));
        item.insert(QStringLiteral("signature"), first.signature);
        root.insert(QStringLiteral("first_failure"), item);
    } else {
        root.insert(QStringLiteral("first_failure"), QJsonValue());
    }
    QJsonArray commands;
    for (const InsightsCommand &command : insights.commands) {
        QJsonObject item;
        item.insert(QStringLiteral("entry"), command.entry);
        item.insert(QStringLiteral("tool"), command.tool);
        item.insert(QStringLiteral("command"), command.command);
        item.insert(QStringLiteral("exit_code"), command.exitCode ? QJsonValue(*command.exitCode) : QJsonValue());
        item.insert(QStringLiteral("failed"), command.failed);
        commands.append(item);
    }
    root.insert(QStringLiteral("commands"), commands);
    QJsonArray files;
    for (const InsightsFile &file : insights.files) {
        QJsonObject item;
        item.insert(QStringLiteral("path"), file.path);
        item.insert(QStringLiteral("reads"), file.reads);
        item.insert(QStringLiteral("writes"), file.writes);
        item.insert(QStringLiteral("entries"), entryArray(file.entries));
        files.append(item);
    }
    root.insert(QStringLiteral("files"), files);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray toTsv(const Insights &insights)
{
    QString out;
    const auto line = [&out](const QStringList &fields) {
        out += fields.join(QLatin1Char('\t'));
        out += QLatin1Char('\n');
    };
    line({QStringLiteral("entries"), QString(), QString::number(insights.entries)});
    for (const InsightsLoop &loop : insights.loops) {
        QStringList fields = {QStringLiteral("loop"), QString::number(loop.firstEntry), QString::number(loop.lastEntry),
                              QString::number(loop.period), QString::number(loop.repeats), entryList(loop.entries)};
        for (const QString &tool : loop.tools)
            fields.append(tsvText(tool));
        line(fields);
    }
    for (const InsightsRepeatedFailure &failure : insights.repeatedFailures)
        line({QStringLiteral("repeated_failure"), QString::number(failure.count), entryList(failure.entries),
              tsvText(failure.signature)});
    if (insights.firstFailure) {
        const InsightsFirstFailure &first = *insights.firstFailure;
        line({QStringLiteral("first_failure"), QString::number(first.entry), tsvText(first.messageType),
              tsvText(first.toolName), tsvText(first.signature)});
    }
    for (const InsightsCommand &command : insights.commands)
        line({QStringLiteral("command"), QString::number(command.entry),
              command.exitCode ? numberText(*command.exitCode) : QString(),
              command.failed ? QStringLiteral("true") : QStringLiteral("false"), tsvText(command.tool),
              tsvText(command.command)});
    for (const InsightsFile &file : insights.files)
        line({QStringLiteral("file"), QString::number(file.reads), QString::number(file.writes), entryList(file.entries),
              tsvText(file.path)});
    return out.toUtf8();
}

} // namespace InsightsReport
