// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// The file formats a run can be exported to (ARCHITECTURE.md section 5: json, jsonl, csv, md,
// html). Chosen from a name (--format, a settings value) or from the output file's extension.
enum class ExportFormat { Json, Jsonl, Csv, Markdown, Html };

namespace ExportFormats {

QList<ExportFormat> all();

// "json", "jsonl" ("ndjson"), "csv", "md" ("markdown"), "html" ("htm"); case and a leading dot
// are ignored. std::nullopt for anything else.
std::optional<ExportFormat> fromName(QStringView name);
// From the file name's last suffix ("run.tar.json" -> Json). std::nullopt when unknown.
std::optional<ExportFormat> fromPath(const QString &path);

QString name(ExportFormat format);       // the canonical name: "json", "jsonl", "csv", "md", "html"
QString extension(ExportFormat format);  // without the dot; same as name()
QString description(ExportFormat format); // "JSON", "JSON Lines", "CSV", "Markdown", "HTML"

// One QFileDialog name filter, e.g. "JSON (*.json)".
QString filter(ExportFormat format);
// Every format's filter, in all() order, for QFileDialog::setNameFilters().
QStringList filters();
// The format of a filter string produced by filter(); std::nullopt for others.
std::optional<ExportFormat> fromFilter(const QString &filter);
// The file formats that can be opened again (exports of runs): "Exported runs (*.json *.jsonl)".
QString openFilter();

} // namespace ExportFormats
