// SPDX-License-Identifier: MIT
#include "export/jsonlexportwriter.h"

#include "json/jsontext.h"

namespace JsonlExportWriter {

bool write(const RunSnapshot &snapshot, ExportSink &sink)
{
    for (const QByteArray &entry : snapshot.entries) {
        // Line breaks inside JSON strings are always escaped, so a raw one is whitespace.
        const bool spansLines = entry.contains('\n') || entry.contains('\r');
        if (!sink.write(spansLines ? JsonText::compact(entry) : entry) || !sink.write("\n") || !sink.entryWritten())
            return false;
    }
    return true;
}

} // namespace JsonlExportWriter
