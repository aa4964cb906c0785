// SPDX-License-Identifier: MIT
#include "export/exportwriter.h"

#include "export/csvexportwriter.h"
#include "export/htmlexportwriter.h"
#include "export/jsonexportwriter.h"
#include "export/jsonlexportwriter.h"
#include "export/markdownexportwriter.h"

#include <QCoreApplication>

bool writeExport(const RunSnapshot &snapshot, ExportFormat format, QIODevice &device,
                 const ExportProgress &progressAndContinue, QString *error)
{
    ExportSink sink(device, progressAndContinue);
    bool ok = false;
    switch (format) {
    case ExportFormat::Json: ok = JsonExportWriter::write(snapshot, sink); break;
    case ExportFormat::Jsonl: ok = JsonlExportWriter::write(snapshot, sink); break;
    case ExportFormat::Csv: ok = CsvExportWriter::write(snapshot, sink); break;
    case ExportFormat::Markdown: ok = MarkdownExportWriter::write(snapshot, sink); break;
    case ExportFormat::Html: ok = HtmlExportWriter::write(snapshot, sink); break;
    }
    ok = ok && !sink.cancelled() && sink.flush();
    if (!ok && error) {
        *error = sink.cancelled() ? QCoreApplication::translate("ExportWriter", "cancelled")
                                  : sink.errorString();
    }
    return ok;
}
