// SPDX-License-Identifier: MIT
#include "export/exportformat.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace ExportFormats {

QList<ExportFormat> all()
{
    return {ExportFormat::Json, ExportFormat::Jsonl, ExportFormat::Csv, ExportFormat::Markdown, ExportFormat::Html};
}

std::optional<ExportFormat> fromName(QStringView name)
{
    QString n = name.trimmed().toString().toLower();
    if (n.startsWith(QLatin1Char('.')))
        n.remove(0, 1);
    if (n == QLatin1String("json"))
        return ExportFormat::Json;
    if (n == QLatin1String("jsonl") || n == QLatin1String("ndjson"))
        return ExportFormat::Jsonl;
    if (n == QLatin1String("csv"))
        return ExportFormat::Csv;
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return ExportFormat::Markdown;
    if (n == QLatin1String("html") || n == QLatin1String("htm"))
        return ExportFormat::Html;
    return std::nullopt;
}

std::optional<ExportFormat> fromPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.isEmpty())
        return std::nullopt;
    return fromName(suffix);
}

QString name(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json: return QStringLiteral("json");
    case ExportFormat::Jsonl: return QStringLiteral("jsonl");
    case ExportFormat::Csv: return QStringLiteral("csv");
    case ExportFormat::Markdown: return QStringLiteral("md");
    case ExportFormat::Html: return QStringLiteral("html");
    }
    return {};
}

QString extension(ExportFormat format)
{
    return name(format);
}

QString description(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json: return QCoreApplication::translate("ExportFormat", "JSON");
    case ExportFormat::Jsonl: return QCoreApplication::translate("ExportFormat", "JSON Lines");
    case ExportFormat::Csv: return QCoreApplication::translate("ExportFormat", "CSV");
    case ExportFormat::Markdown: return QCoreApplication::translate("ExportFormat", "Markdown");
    case ExportFormat::Html: return QCoreApplication::translate("ExportFormat", "HTML");
    }
    return {};
}

QString filter(ExportFormat format)
{
    QString patterns = QStringLiteral("*.") + extension(format);
    if (format == ExportFormat::Html)
        patterns += QStringLiteral(" *.htm");
    return QStringLiteral("%1 (%2)").arg(description(format), patterns);
}

QStringList filters()
{
    QStringList list;
    for (ExportFormat format : all())
        list << filter(format);
    return list;
}

std::optional<ExportFormat> fromFilter(const QString &text)
{
    for (ExportFormat format : all()) {
        if (filter(format) == text)
            return format;
    }
    return std::nullopt;
}

QString openFilter()
{
    return QCoreApplication::translate("ExportFormat", "Exported runs (*.json *.jsonl)");
}

} // namespace ExportFormats
