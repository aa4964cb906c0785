// SPDX-License-Identifier: MIT
#include "compare/compareentry.h"

#include "api/pageparser.h"
#include "json/jsontext.h"
#include "run/entrydetail.h"

namespace {

// A string as its text (real line breaks, no escapes); anything else readable (`key: value`
// lines, strings unescaped), its members in the order they came: the bytes are shown as they are.
QString readableValue(const QByteArray &raw)
{
    if (raw.isEmpty())
        return {};
    if (raw.startsWith('"'))
        return JsonText::unescapeString(raw);
    return JsonText::readable(raw);
}

} // namespace

namespace CompareEntry {

Line lineOf(QByteArrayView rawEntry)
{
    const EntryDetail detail = parseEntryDetail(rawEntry.toByteArray());
    return Line{detail.messageType, detail.toolName, PageParser::summaryOf(rawEntry)};
}

Fields fieldsOf(QByteArrayView rawEntry)
{
    const EntryDetail detail = parseEntryDetail(rawEntry.toByteArray());
    Fields fields;
    fields.thought = detail.thought;
    fields.observation = detail.observationIsString ? detail.observationText : readableValue(detail.observation);
    fields.toolInput = readableValue(detail.toolInput);
    fields.toolOutput = readableValue(detail.toolOutput);
    return fields;
}

} // namespace CompareEntry
