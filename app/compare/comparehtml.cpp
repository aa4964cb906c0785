// SPDX-License-Identifier: MIT
#include "compare/comparehtml.h"

#include "compare/comparewords.h"

#include "compare/compareentry.h"

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString kindClass(CompareStep::Op op)
{
    switch (op) {
    case CompareStep::Same: return QStringLiteral("same");
    case CompareStep::Changed: return QStringLiteral("changed");
    case CompareStep::OnlyLeft: return QStringLiteral("only-left");
    case CompareStep::OnlyRight: return QStringLiteral("only-right");
    }
    return {};
}

// One side's four cells; `gap` marks the right side's first, the line between the two runs.
QString entryCells(const QList<QByteArray> &entries, int entry, bool gap)
{
    const QString numberClass = gap ? QStringLiteral("num gap") : QStringLiteral("num");
    if (entry <= 0 || entry > entries.size())
        return QStringLiteral("<td class=\"%1\"></td><td></td><td></td><td></td>").arg(numberClass);
    const CompareEntry::Line line = CompareEntry::lineOf(entries.at(entry - 1));
    return QStringLiteral("<td class=\"%1\">%2</td><td>%3</td><td>%4</td><td>%5</td>")
        .arg(numberClass, QString::number(entry), esc(line.messageType), esc(line.toolName), esc(line.summary));
}

void appendDeltas(QString &out, const char *title, const QMap<QString, CompareCount> &counts)
{
    QString rows;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it->left == it->right)
            continue;
        const int delta = it->right - it->left;
        rows += QStringLiteral("<tr><td>%1</td><td class=\"num\">%2</td><td class=\"num\">%3</td><td class=\"num\">%4</td></tr>\n")
                    .arg(esc(it.key())).arg(it->left).arg(it->right)
                    .arg(delta > 0 ? QStringLiteral("+%1").arg(delta) : QStringLiteral("−%1").arg(-delta));
    }
    if (rows.isEmpty())
        return;
    out += QStringLiteral("<table class=\"deltas\"><thead><tr><th>%1</th><th>Left</th><th>Right</th><th>Delta</th></tr></thead>\n<tbody>\n")
               .arg(QLatin1String(title))
           + rows + QStringLiteral("</tbody></table>\n");
}

// Light colours, as the window's light theme; the kind is also in the row's first cell as words.
const char *const kStyle =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;background:#fff;margin:1.5em;}"
    "h1{font-size:1.4em;}h2{font-size:1.15em;margin-top:1.5em;}"
    "table{border-collapse:collapse;margin:.5em 0;}"
    "th,td{border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top;}"
    "th{background:#f6f8fa;}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;}"
    "table.steps{width:100%;table-layout:auto;font-size:.9em;}"
    // type and tool whole on one line; the one-line summaries wrap anywhere (long paths, hashes)
    // (a fold's row spans those columns with one cell: left out)
    "tr:not(.fold)>td:nth-child(3),tr:not(.fold)>td:nth-child(4),tr:not(.fold)>td:nth-child(7),tr:not(.fold)>td:nth-child(8)"
    "{white-space:nowrap;}"
    "tr:not(.fold)>td:nth-child(5),tr:not(.fold)>td:nth-child(9){overflow-wrap:anywhere;width:35%;}"
    "td.kind{white-space:nowrap;font-weight:bold;}"
    "tr.changed{background:#fff1c4;}tr.only-left{background:#fddcdc;}tr.only-right{background:#d7f5dc;}"
    "tr.fold{background:#efe9f8;color:#57606a;font-style:italic;}"
    "td.gap{border-left:3px solid #8c959f;}";

} // namespace

namespace CompareHtml {

QByteArray write(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                 const QString &leftSource, const QString &rightSource, const std::atomic<bool> *cancel)
{
    QString out = QStringLiteral(
                      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      // Nothing is loaded from anywhere and nothing runs: the page is only what it holds.
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                      "<meta name=\"color-scheme\" content=\"light\">\n"
                      "<title>Comparison of %1 and %2</title>\n<style>%3</style>\n</head>\n<body>\n"
                      "<h1>Comparison of two runs</h1>\n<ul>\n")
                      .arg(esc(leftSource), esc(rightSource), QLatin1String(kStyle));
    const auto side = [](const char *name, const QString &source, const CompareSide &counts) {
        return QStringLiteral("<li><b>%1:</b> %2: %3 entries, %4 errors, duration %5</li>\n")
            .arg(QLatin1String(name), esc(source)).arg(counts.entries).arg(counts.errors).arg(CompareWords::duration(counts.durationSeconds));
    };
    out += side("Left", leftSource, comparison.left);
    out += side("Right", rightSource, comparison.right);
    out += QStringLiteral("<li><b>Steps:</b> %1 same, %2 changed, %3 only left, %4 only right</li>\n")
               .arg(comparison.same).arg(comparison.changed).arg(comparison.onlyLeft).arg(comparison.onlyRight);
    out += comparison.firstDivergence ? QStringLiteral("<li><b>First divergence:</b> entry %1</li>\n").arg(*comparison.firstDivergence)
                                      : QStringLiteral("<li><b>First divergence:</b> none</li>\n");
    out += QStringLiteral("</ul>\n");
    appendDeltas(out, "Tool", comparison.tools);
    appendDeltas(out, "Message type", comparison.messageTypes);
    out += QStringLiteral("<h2>Steps</h2>\n<table class=\"steps\">\n<thead><tr><th>Step</th>"
                          "<th>#</th><th>Type</th><th>Tool</th><th>Left</th>"
                          "<th class=\"gap\">#</th><th>Type</th><th>Tool</th><th>Right</th></tr></thead>\n<tbody>\n");
    const QVector<CompareStep> &steps = comparison.steps;
    for (int i = 0; i < steps.size();) {
        if (cancel && (i & 1023) == 0 && cancel->load(std::memory_order_relaxed))
            return {};
        int end = i;
        while (end < steps.size() && steps.at(end).op == CompareStep::Same)
            ++end;
        if (end - i >= foldAtLeast) {
            out += QStringLiteral("<tr class=\"fold\"><td class=\"kind\">= same</td><td class=\"num\">%1–%2</td>"
                                  "<td colspan=\"3\">… %3 identical entries …</td>"
                                  "<td class=\"num gap\">%4–%5</td><td colspan=\"3\">… %3 identical entries …</td></tr>\n")
                       .arg(steps.at(i).leftEntry).arg(steps.at(end - 1).leftEntry).arg(end - i)
                       .arg(steps.at(i).rightEntry).arg(steps.at(end - 1).rightEntry);
            i = end;
            continue;
        }
        const CompareStep &step = steps.at(i);
        out += QStringLiteral("<tr class=\"%1\"><td class=\"kind\">%2</td>%3%4</tr>\n")
                   .arg(kindClass(step.op), CompareWords::stepKind(step.op), entryCells(left, step.leftEntry, false),
                        entryCells(right, step.rightEntry, true));
        ++i;
    }
    out += QStringLiteral("</tbody>\n</table>\n</body>\n</html>\n");
    return out.toUtf8();
}

} // namespace CompareHtml
