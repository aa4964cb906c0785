// SPDX-License-Identifier: MIT
#include "export/jsonexportwriter.h"

#include "json/jsonwriter.h"

namespace JsonExportWriter {

bool write(const RunSnapshot &snapshot, ExportSink &sink)
{
    const QByteArray total = QByteArray::number(snapshot.entries.size());
    QByteArray head = "{\n";
    bool wroteTotal = false;
    if (snapshot.hasRun) {
        for (const auto &[key, value] : snapshot.run.rawFields) {
            if (key == QLatin1String("page") || key == QLatin1String("size") || key == QLatin1String("pages")
                || key == QLatin1String("logs"))
                continue;
            head += "  " + JsonWriter::string(key) + ": ";
            if (key == QLatin1String("total_logs")) {
                head += total;
                wroteTotal = true;
            } else {
                head += value;
            }
            head += ",\n";
        }
    }
    if (!wroteTotal)
        head += "  \"total_logs\": " + total + ",\n";
    head += "  \"logs\": [";
    if (!sink.write(head))
        return false;

    bool first = true;
    for (const QByteArray &entry : snapshot.entries) {
        if (!sink.write(first ? QByteArrayView("\n    ") : QByteArrayView(",\n    ")) || !sink.write(entry)
            || !sink.entryWritten())
            return false;
        first = false;
    }
    return sink.write(first ? QByteArrayView("]\n}\n") : QByteArrayView("\n  ]\n}\n"));
}

} // namespace JsonExportWriter
