// SPDX-License-Identifier: MIT
#include "compare/comparemarkdown.h"

#include "compare/compareentry.h"
#include "compare/comparewords.h"

#include <QStringList>

namespace {

// One line of text inside a table cell: line breaks as spaces, every ASCII punctuation
// character backslash-escaped (CommonMark allows it for all of them, `|` included).
QString cell(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            out += QLatin1Char(' ');
            continue;
        }
        if (c.unicode() < 128 && (c.isPunct() || c.isSymbol()))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// A leading "+" is escaped so that no renderer takes the cell for a list item.
QString stepKind(CompareStep::Op op)
{
    const QString kind = CompareWords::stepKind(op);
    return kind.startsWith(QLatin1Char('+')) ? QLatin1Char('\\') + kind : kind;
}

QString entryCells(const QList<QByteArray> &entries, int entry)
{
    if (entry <= 0 || entry > entries.size())
        return QStringLiteral(" | | | ");
    const CompareEntry::Line line = CompareEntry::lineOf(entries.at(entry - 1));
    return QStringLiteral("%1 | %2 | %3 | %4").arg(QString::number(entry), cell(line.messageType), cell(line.toolName), cell(line.summary));
}

void appendDeltas(QString &out, const char *title, const QMap<QString, CompareCount> &counts)
{
    QString rows;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it->left != it->right)
            rows += QStringLiteral("| %1 | %2 | %3 | %4 |\n").arg(cell(it.key())).arg(it->left).arg(it->right)
                        .arg(it->right - it->left > 0 ? QStringLiteral("+%1").arg(it->right - it->left) : QString::number(it->right - it->left));
    }
    if (rows.isEmpty())
        return;
    out += QStringLiteral("\n| %1 | Left | Right | Delta |\n|---|---:|---:|---:|\n").arg(QLatin1String(title)) + rows;
}

} // namespace

namespace CompareMarkdown {

QByteArray write(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right,
                 const QString &leftSource, const QString &rightSource, const std::atomic<bool> *cancel)
{
    QString out = QStringLiteral("# Comparison of two runs\n\n");
    const auto side = [](const char *name, const QString &source, const CompareSide &counts) {
        return QStringLiteral("- **%1:** %2: %3 entries, %4 errors, duration %5\n")
            .arg(QLatin1String(name), cell(source)).arg(counts.entries).arg(counts.errors).arg(CompareWords::duration(counts.durationSeconds));
    };
    out += side("Left", leftSource, comparison.left);
    out += side("Right", rightSource, comparison.right);
    out += QStringLiteral("- **Steps:** %1 same, %2 changed, %3 only left, %4 only right\n")
               .arg(comparison.same).arg(comparison.changed).arg(comparison.onlyLeft).arg(comparison.onlyRight);
    out += comparison.firstDivergence ? QStringLiteral("- **First divergence:** entry %1\n").arg(*comparison.firstDivergence)
                                      : QStringLiteral("- **First divergence:** none\n");
    appendDeltas(out, "Tool", comparison.tools);
    appendDeltas(out, "Message type", comparison.messageTypes);
    out += QStringLiteral("\n## Steps\n\n| Step | # | Type | Tool | Left | # | Type | Tool | Right |\n"
                          "|---|---:|---|---|---|---:|---|---|---|\n");
    const QVector<CompareStep> &steps = comparison.steps;
    for (int i = 0; i < steps.size();) {
        if (cancel && (i & 1023) == 0 && cancel->load())
            return {};
        int end = i;
        while (end < steps.size() && steps.at(end).op == CompareStep::Same)
            ++end;
        if (end - i >= foldAtLeast) {
            out += QStringLiteral("| = same | %1–%2 | | | … %3 identical entries … | %4–%5 | | | … %3 identical entries … |\n")
                       .arg(steps.at(i).leftEntry).arg(steps.at(end - 1).leftEntry).arg(end - i)
                       .arg(steps.at(i).rightEntry).arg(steps.at(end - 1).rightEntry);
            i = end;
            continue;
        }
        const CompareStep &step = steps.at(i);
        out += QStringLiteral("| %1 | %2 | %3 |\n").arg(stepKind(step.op), entryCells(left, step.leftEntry), entryCells(right, step.rightEntry));
        ++i;
    }
    return out.toUtf8();
}

} // namespace CompareMarkdown
