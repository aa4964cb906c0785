// SPDX-License-Identifier: MIT
#include "compare/comparereport.h"

#include "json/jsonwriter.h"
#include "run/terminalsafetext.h"

#include <QLocale>

namespace {

QByteArray entryNumber(int entry)
{
    return entry > 0 ? QByteArray::number(entry) : QByteArrayLiteral("null");
}

QByteArray sideJson(const CompareSide &side, const QString &source)
{
    QByteArray out = "{\"source\": " + JsonWriter::string(source);
    out += ", \"entries\": " + QByteArray::number(side.entries);
    out += ", \"errors\": " + QByteArray::number(side.errors);
    out += ", \"duration_seconds\": ";
    out += side.durationSeconds ? QByteArray::number(*side.durationSeconds, 'g', QLocale::FloatingPointShortest)
                                : QByteArrayLiteral("null");
    return out + '}';
}

QByteArray countsJson(const QMap<QString, CompareCount> &counts)
{
    if (counts.isEmpty())
        return QByteArrayLiteral("{}");
    QByteArray out = "{";
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        out += it == counts.cbegin() ? "\n    " : ",\n    ";
        out += JsonWriter::string(it.key()) + ": {\"left\": " + QByteArray::number(it->left)
            + ", \"right\": " + QByteArray::number(it->right) + '}';
    }
    return out + "\n  }";
}

QString tsvText(const QString &text)
{
    return TerminalSafeText::forTsv(text);
}

QString entryField(int entry)
{
    return entry > 0 ? QString::number(entry) : QString();
}

} // namespace

namespace CompareReport {

const char *opName(CompareStep::Op op)
{
    switch (op) {
    case CompareStep::Same:
        return "same";
    case CompareStep::Changed:
        return "changed";
    case CompareStep::OnlyLeft:
        return "only_left";
    case CompareStep::OnlyRight:
        return "only_right";
    }
    return "same";
}

QByteArray toJson(const RunComparison &comparison, const QString &leftSource, const QString &rightSource)
{
    QByteArray out = "{\n  \"left\": " + sideJson(comparison.left, leftSource);
    out += ",\n  \"right\": " + sideJson(comparison.right, rightSource);
    out += ",\n  \"first_divergence\": ";
    if (comparison.firstDivergence) {
        const QByteArray entry = QByteArray::number(*comparison.firstDivergence);
        out += "{\"left_entry\": " + entry + ", \"right_entry\": " + entry + '}';
    } else {
        out += "null";
    }
    out += ",\n  \"counts\": {\"same\": " + QByteArray::number(comparison.same)
        + ", \"changed\": " + QByteArray::number(comparison.changed)
        + ", \"only_left\": " + QByteArray::number(comparison.onlyLeft)
        + ", \"only_right\": " + QByteArray::number(comparison.onlyRight) + '}';
    out += ",\n  \"steps\": [";
    out.reserve(out.size() + comparison.steps.size() * 56);
    for (qsizetype i = 0; i < comparison.steps.size(); ++i) {
        const CompareStep &step = comparison.steps.at(i);
        out += i == 0 ? "\n    " : ",\n    ";
        out += "{\"op\": \"";
        out += opName(step.op);
        out += "\", \"left_entry\": " + entryNumber(step.leftEntry) + ", \"right_entry\": "
            + entryNumber(step.rightEntry) + '}';
    }
    out += comparison.steps.isEmpty() ? "]" : "\n  ]";
    out += ",\n  \"tools\": " + countsJson(comparison.tools);
    out += ",\n  \"message_types\": " + countsJson(comparison.messageTypes);
    return out + "\n}\n";
}

QByteArray toTsv(const RunComparison &comparison, const QString &leftSource, const QString &rightSource)
{
    QString out;
    auto line = [&out](const QStringList &fields) { out += fields.join(QLatin1Char('\t')) + QLatin1Char('\n'); };
    auto side = [&line](const QString &name, const CompareSide &summary, const QString &source) {
        line({QStringLiteral("side"), name, QString::number(summary.entries), QString::number(summary.errors),
              summary.durationSeconds ? QString::number(*summary.durationSeconds, 'f', 3) : QString(), tsvText(source)});
    };
    side(QStringLiteral("left"), comparison.left, leftSource);
    side(QStringLiteral("right"), comparison.right, rightSource);
    const QString divergence = comparison.firstDivergence ? QString::number(*comparison.firstDivergence) : QString();
    line({QStringLiteral("first_divergence"), divergence, divergence});
    line({QStringLiteral("count"), QStringLiteral("same"), QString::number(comparison.same)});
    line({QStringLiteral("count"), QStringLiteral("changed"), QString::number(comparison.changed)});
    line({QStringLiteral("count"), QStringLiteral("only_left"), QString::number(comparison.onlyLeft)});
    line({QStringLiteral("count"), QStringLiteral("only_right"), QString::number(comparison.onlyRight)});
    for (auto it = comparison.tools.cbegin(); it != comparison.tools.cend(); ++it)
        line({QStringLiteral("tool"), QString::number(it->left), QString::number(it->right), tsvText(it.key())});
    for (auto it = comparison.messageTypes.cbegin(); it != comparison.messageTypes.cend(); ++it)
        line({QStringLiteral("message_type"), QString::number(it->left), QString::number(it->right), tsvText(it.key())});
    for (const CompareStep &step : comparison.steps) {
        if (step.op != CompareStep::Same)
            line({QLatin1String(opName(step.op)), entryField(step.leftEntry), entryField(step.rightEntry)});
    }
    return out.toUtf8();
}

} // namespace CompareReport
