// SPDX-License-Identifier: MIT
#include "fuzztargets.h"

#include "agentlogs/claudecodetranscript.h"
#include "api/pageparser.h"
#include "json/jsonsyntax.h"
#include "json/jsontext.h"
#include "run/entrydetail.h"
#include "runfile/runfilereader.h"

#include <QByteArray>
#include <QString>

namespace {
// Values are consumed so that the work cannot be optimised away.
volatile std::size_t g_sink = 0;

void detailOf(const QByteArray &raw)
{
    const EntryDetail detail = parseEntryDetail(raw);
    g_sink = g_sink + std::size_t(detail.ok) + std::size_t(detail.otherFields.size());
    g_sink = g_sink + std::size_t(JsonText::pretty(raw).size());
    g_sink = g_sink + std::size_t(JsonText::readable(raw).size());
    g_sink = g_sink + std::size_t(JsonText::compact(raw).size());
    g_sink = g_sink + std::size_t(JsonText::compactPreview(raw, 61).size());
    const JsonSyntax::Check check = JsonSyntax::check(raw);
    g_sink = g_sink + std::size_t(check.ok) + std::size_t(check.reason.size());
    if (!detail.toolOutput.isEmpty())
        g_sink = g_sink + std::size_t(JsonText::readable(detail.toolOutput).size());
}
} // namespace

namespace FuzzTargets {

void pageParser(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const PageParseResult page = PageParser::parse(body);
    g_sink = g_sink + std::size_t(page.ok) + std::size_t(page.error.size());
    if (page.ok) {
        for (const LogEntry &entry : page.page.entries) {
            g_sink = g_sink + std::size_t(PageParser::summaryOf(entry.rawJson).size());
            detailOf(entry.rawJson);
        }
    }
    const EntryParseResult entry = PageParser::parseEntry(QByteArrayView(body), 3);
    g_sink = g_sink + std::size_t(entry.ok) + std::size_t(entry.error.size());
    detailOf(body);
    if (body.size() >= 2 && body.startsWith('"'))
        g_sink = g_sink + std::size_t(JsonText::unescapeString(body).size());
}

void runFile(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QString &name : {QStringLiteral("fuzz.json"), QStringLiteral("fuzz.jsonl"), QStringLiteral("fuzz")}) {
        const RunFileReader::Contents contents = RunFileReader::parseBytes(bytes, name);
        g_sink = g_sink + std::size_t(contents.ok) + std::size_t(contents.error.size())
            + std::size_t(contents.entries.size());
        if (!contents.ok && !contents.entries.isEmpty())
            __builtin_trap(); // a failed read must hand over nothing
        // A conversion's read (quick checks, slices) says exactly what the full read says.
        const RunFileReader::IndexedContents indexed = RunFileReader::indexBytes(bytes, name);
        if (indexed.ok != contents.ok || indexed.error != contents.error
            || indexed.index.entries.size() != contents.entries.size()
            || indexed.index.agentRunIds.size() != contents.entries.size())
            __builtin_trap();
        for (qsizetype i = 0; i < contents.entries.size(); ++i) {
            if (indexed.index.entries.at(i) != contents.entries.at(i).rawJson
                || indexed.index.agentRunIds.at(i) != contents.entries.at(i).agentRunId)
                __builtin_trap();
        }
    }
}

void claudeCode(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    g_sink = g_sink + std::size_t(looksLikeClaudeCodeTranscript(bytes));
    const AgentLogConversion conversion = convertClaudeCodeTranscript(bytes);
    if (!conversion.ok && !conversion.entries.isEmpty())
        __builtin_trap(); // a failed conversion hands over nothing
    for (const QByteArray &entry : conversion.entries) {
        if (!PageParser::parseEntry(entry, 0).ok)
            __builtin_trap(); // every mapped entry is one the reader takes
    }
    const RunFileReader::Contents contents = RunFileReader::parseBytes(bytes, QStringLiteral("fuzz.jsonl"));
    g_sink = g_sink + std::size_t(contents.entries.size()) + std::size_t(conversion.warnings.size());
}

} // namespace FuzzTargets
