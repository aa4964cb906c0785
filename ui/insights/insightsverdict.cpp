// SPDX-License-Identifier: MIT
#include "ui/insights/insightsverdict.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

// "no loops", "1 loop", "12 loops": English needs no plural rules beyond one and many, and an
// unfinished translation file would show "%n" forms wrong.
QString InsightsVerdict::counted(qsizetype count, const char *none, const char *one, const char *many)
{
    if (count == 0)
        return tr(none);
    if (count == 1)
        return tr(one);
    return tr(many).arg(QLocale().toString(count));
}

int InsightsVerdict::failedCommands(const Insights &insights)
{
    int failed = 0;
    for (const InsightsCommand &command : insights.commands)
        failed += command.failed ? 1 : 0;
    return failed;
}

int InsightsVerdict::writtenFiles(const Insights &insights)
{
    int written = 0;
    for (const InsightsFile &file : insights.files)
        written += file.writes > 0 ? 1 : 0;
    return written;
}

QString InsightsVerdict::line(const Insights &insights, bool whole, int entriesLoaded)
{
    const QLocale locale;
    QStringList parts;
    parts << counted(insights.loops.size(), QT_TR_NOOP("no loops"), QT_TR_NOOP("1 loop"), QT_TR_NOOP("%1 loops"));
    parts << counted(insights.repeatedFailures.size(), QT_TR_NOOP("no repeated failures"), QT_TR_NOOP("1 repeated failure"), QT_TR_NOOP("%1 repeated failures"));
    parts << (insights.firstFailure ? tr("first failure at #%1").arg(locale.toString(insights.firstFailure->entry))
                                    : tr("no failures"));
    QString commands = counted(insights.commands.size(), QT_TR_NOOP("no commands"), QT_TR_NOOP("1 command"), QT_TR_NOOP("%1 commands"));
    if (!insights.commands.isEmpty()) {
        const int failed = failedCommands(insights);
        commands += failed == 0 ? tr(", none failed") : tr(", %1 failed").arg(locale.toString(failed));
    }
    parts << commands;
    QString files = counted(insights.files.size(), QT_TR_NOOP("no files"), QT_TR_NOOP("1 file"), QT_TR_NOOP("%1 files"));
    if (!insights.files.isEmpty()) {
        const int written = writtenFiles(insights);
        files += written == 0 ? tr(", none written") : tr(", %1 written").arg(locale.toString(written));
    }
    parts << files;
    const QString verdict = parts.join(QStringLiteral(" · "));
    if (whole)
        return verdict;
    return tr("Of the %1 entries loaded: %2").arg(locale.toString(entriesLoaded), verdict);
}
