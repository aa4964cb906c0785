// SPDX-License-Identifier: MIT
#include "export/htmlexportwriter.h"

#include "export/exporttext.h"
#include "run/entrydetail.h"
#include "run/messagecategory.h"

#include <QCoreApplication>

namespace {

// Escapes for text and for attribute values in double or single quotes.
QByteArray escaped(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + utf8.size() / 16 + 8);
    for (const char c : utf8) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\0': out += "&#xFFFD;"; break; // HTML parsers drop or replace NUL anyway
        default: out += c; break;
        }
    }
    return out;
}

QByteArray escaped(const QString &text)
{
    return escaped(text.toUtf8());
}

const char *categoryClass(MessageCategory category)
{
    switch (category) {
    case MessageCategory::Action: return "action";
    case MessageCategory::Thought: return "thought";
    case MessageCategory::Answer: return "answer";
    case MessageCategory::Error: return "error";
    case MessageCategory::User: return "user";
    case MessageCategory::PullRequest: return "pr";
    case MessageCategory::Link: return "link";
    case MessageCategory::Other: return "other";
    }
    return "other";
}

// One line for the summary row: the thought, else the observation's text.
QString oneLine(const EntryDetail &d)
{
    QString line = !d.thought.trimmed().isEmpty() ? d.thought
        : d.observationIsString                   ? d.observationText
                                                  : QString();
    line = line.simplified();
    if (line.size() > 200)
        line = line.left(199) + QChar(0x2026);
    return line;
}

const char kStyle[] = R"(<style>
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d1f21; --muted: #6a737d; --line: #d8dde3;
  --panel: #f6f8fa; --action: #1f6feb; --thought: #8250df; --answer: #1a7f37; --error: #cf222e;
  --user: #9a6700; --pr: #0969da; --link: #57606a; --other: #57606a; }
@media (prefers-color-scheme: dark) { :root { --bg: #16181c; --fg: #e6e6e6; --muted: #9198a1;
  --line: #30363d; --panel: #1e2228; --action: #58a6ff; --thought: #bc8cff; --answer: #3fb950;
  --error: #ff7b72; --user: #d29922; --pr: #79c0ff; --link: #8b949e; --other: #8b949e; } }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif; }
header { padding: 16px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { margin: 0 0 8px; font-size: 20px; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
header dt { color: var(--muted); } header dd { margin: 0; overflow-wrap: anywhere; }
.status { font-size: 13px; padding: 1px 8px; border-radius: 10px; border: 1px solid var(--line);
  vertical-align: middle; }
main { padding: 8px 20px 40px; }
details { border-bottom: 1px solid var(--line); }
summary { cursor: pointer; padding: 4px 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
summary .idx { display: inline-block; min-width: 4em; color: var(--muted); text-align: right;
  padding-right: 8px; font-variant-numeric: tabular-nums; }
summary .time { color: var(--muted); padding-right: 8px; font-variant-numeric: tabular-nums; }
summary .type { font-weight: 600; padding-right: 8px; }
summary .tool { font-family: ui-monospace, Menlo, Consolas, monospace; padding-right: 8px; }
.action .type { color: var(--action); } .thought .type { color: var(--thought); }
.answer .type { color: var(--answer); } .error .type { color: var(--error); }
.user .type { color: var(--user); } .pr .type { color: var(--pr); }
.link .type { color: var(--link); } .other .type { color: var(--other); }
.other-run-note { color: var(--error); font-weight: 600; padding-right: 8px; }
.body { padding: 4px 0 12px 4.6em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 8px; }
h3 { font-size: 12px; text-transform: none; color: var(--muted); margin: 10px 0 2px; }
pre { margin: 0; padding: 8px; background: var(--panel); border: 1px solid var(--line);
  border-radius: 4px; overflow: auto; max-height: 40em; white-space: pre-wrap;
  overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
</style>
)";

QByteArray payloadsHtml(const QList<ExportText::Payload> &payloads)
{
    QByteArray out;
    for (const ExportText::Payload &payload : payloads) {
        out += "<h3>" + escaped(payload.label) + "</h3>\n<pre class=\"" + (payload.isJson ? "json" : "plain")
            + "\">" + escaped(payload.content) + "</pre>\n";
    }
    return out;
}

QByteArray head(const RunSnapshot &snapshot)
{
    const QString title = ExportText::title(snapshot);
    QByteArray out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"Runlog\">\n<title>"
        + escaped(title) + "</title>\n" + kStyle + "</head>\n<body>\n<header>\n<h1>" + escaped(title);
    if (snapshot.hasRun && snapshot.run.status)
        out += " <span class=\"status\">" + escaped(*snapshot.run.status) + "</span>";
    out += "</h1>\n<dl>\n";
    for (const auto &[label, value] : ExportText::summary(snapshot))
        out += "<dt>" + escaped(label) + "</dt><dd>" + escaped(value) + "</dd>\n";
    out += "</dl>\n" + payloadsHtml(ExportText::runPayloads(snapshot)) + "</header>\n<main>\n";
    return out;
}

QByteArray entryHtml(const RunSnapshot &snapshot, int index, const QByteArray &raw)
{
    const EntryDetail d = parseEntryDetail(raw);
    const std::optional<qint64> otherRun = ExportText::otherRunOf(snapshot, d);
    QByteArray out;
    const auto note = snapshot.notes.constFind(index - 1);
    if (note != snapshot.notes.cend()) {
        // The user's note beside its entry, open whether the entry is or not; plain text.
        // Styled inline: an export without notes stays as it was, byte for byte.
        out += "<aside class=\"note\" style=\"margin: 6px 0 2px 4.6em; padding: 4px 10px; "
               "border-left: 4px solid #d98e04; background: rgba(245, 176, 16, 0.12);\">"
               "<span class=\"note-label\" style=\"font-weight: 600; color: #a86d00;\">"
            + escaped(QCoreApplication::translate("HtmlExportWriter", "Note on entry %1").arg(index))
            + "</span><div class=\"text\">" + escaped(*note) + "</div></aside>\n";
    }
    out += "<details class=\"";
    out += categoryClass(messageCategoryOf(d.messageType));
    if (otherRun)
        out += " other-run";
    out += "\" id=\"e" + QByteArray::number(index) + "\"><summary><span class=\"idx\">"
        + QByteArray::number(index) + "</span><span class=\"time\">" + escaped(ExportText::timeOf(d))
        + "</span><span class=\"type\">" + escaped(d.messageType.isNull() ? QCoreApplication::translate("HtmlExportWriter", "(no type)") : d.messageType)
        + "</span>";
    if (!d.toolName.isNull())
        out += "<span class=\"tool\">" + escaped(d.toolName) + "</span>";
    if (otherRun)
        out += "<span class=\"other-run-note\">" + escaped(ExportText::otherRunNote(snapshot, *otherRun)) + "</span>";
    out += "<span class=\"line\">" + escaped(oneLine(d)) + "</span></summary>\n<div class=\"body\">\n";
    if (!d.ok) {
        out += "<pre>" + escaped(raw) + "</pre>\n";
    } else {
        if (!d.thought.isNull() && !d.thought.trimmed().isEmpty())
            out += "<div class=\"text\">" + escaped(d.thought) + "</div>\n";
        out += payloadsHtml(ExportText::payloadsOf(d));
    }
    out += "</div></details>\n";
    return out;
}

} // namespace

namespace HtmlExportWriter {

bool write(const RunSnapshot &snapshot, ExportSink &sink)
{
    if (!sink.write(head(snapshot)))
        return false;
    int index = 0;
    for (const QByteArray &entry : snapshot.entries) {
        if (!sink.write(entryHtml(snapshot, ++index, entry)) || !sink.entryWritten())
            return false;
    }
    return sink.write("</main>\n</body>\n</html>\n");
}

} // namespace HtmlExportWriter
