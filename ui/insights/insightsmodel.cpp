// SPDX-License-Identifier: MIT
#include "ui/insights/insightsmodel.h"

#include "ui/common/palette.h"
#include "ui/insights/insightsverdict.h"

#include <QGuiApplication>
#include <QPalette>

#include <QLocale>

#include <algorithm>

namespace {

// Internal ids: 0 for a kind's row, section + 1 for a finding's (its parent's section).
constexpr quintptr kSectionRow = 0;

// A one-line form of a command or path: line breaks as spaces, long text cut with an ellipsis.
QString oneLine(const QString &text, int maxChars = 160)
{
    QString line = text;
    line.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    line.replace(QLatin1Char('\t'), QLatin1Char(' '));
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + QChar(0x2026);
    return line;
}

QString entryRange(int first, int last)
{
    const QLocale locale;
    return first == last ? QStringLiteral("#%1").arg(locale.toString(first))
                         : QStringLiteral("#%1–%2").arg(locale.toString(first), locale.toString(last));
}

QString exitCodeText(const std::optional<double> &code)
{
    if (!code)
        return QString();
    const double value = *code;
    return value == double(qint64(value)) ? QString::number(qint64(value)) : QString::number(value, 'g', 17);
}

} // namespace

InsightsModel::InsightsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void InsightsModel::setInsights(const Insights &insights, const QStringList &loopLabels)
{
    beginResetModel();
    m_insights = insights;
    m_loopLabels = loopLabels.size() == insights.loops.size() ? loopLabels : QStringList();
    endResetModel();
}

QModelIndex InsightsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0)
        return {};
    if (!parent.isValid())
        return row < SectionCount ? createIndex(row, 0, kSectionRow) : QModelIndex();
    if (parent.internalId() != kSectionRow)
        return {};
    const auto section = Section(parent.row());
    return row < findingCount(section) ? createIndex(row, 0, quintptr(section) + 1) : QModelIndex();
}

QModelIndex InsightsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kSectionRow)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kSectionRow);
}

int InsightsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return SectionCount;
    if (parent.internalId() != kSectionRow)
        return 0;
    return findingCount(Section(parent.row()));
}

int InsightsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

int InsightsModel::findingCount(Section section) const
{
    switch (section) {
    case Loops: return int(m_insights.loops.size());
    case RepeatedFailures: return int(m_insights.repeatedFailures.size());
    case FirstFailure: return m_insights.firstFailure ? 1 : 0;
    case Commands: return int(m_insights.commands.size());
    case Files: return int(m_insights.files.size());
    case SectionCount: break;
    }
    return 0;
}

QString InsightsModel::sectionText(Section section) const
{
    const QLocale locale;
    const int count = findingCount(section);
    switch (section) {
    case Loops:
        return tr("Loops (%1)").arg(locale.toString(count));
    case RepeatedFailures:
        return tr("Repeated failures (%1)").arg(locale.toString(count));
    case FirstFailure:
        return m_insights.firstFailure ? tr("First failure") : tr("First failure (none)");
    case Commands:
        return tr("Commands (%1, %2 failed)")
            .arg(locale.toString(count), locale.toString(InsightsVerdict::failedCommands(m_insights)));
    case Files:
        return tr("Files (%1, %2 written)")
            .arg(locale.toString(count), locale.toString(InsightsVerdict::writtenFiles(m_insights)));
    case SectionCount:
        break;
    }
    return QString();
}

QString InsightsModel::findingText(Section section, int row) const
{
    const QLocale locale;
    switch (section) {
    case Loops: {
        if (!m_loopLabels.isEmpty())
            return m_loopLabels.at(row);
        const InsightsLoop &loop = m_insights.loops.at(row);
        return tr("%1 ×%2 · entries %3")
            .arg(loop.tools.join(QStringLiteral(" → ")), locale.toString(loop.repeats),
                 entryRange(loop.firstEntry, loop.lastEntry).mid(1));
    }
    case RepeatedFailures: {
        const InsightsRepeatedFailure &failure = m_insights.repeatedFailures.at(row);
        const QString signature = failure.signature.isEmpty() ? tr("(no text)") : failure.signature;
        return tr("×%1 · %2").arg(locale.toString(failure.count), signature);
    }
    case FirstFailure: {
        const InsightsFirstFailure &first = *m_insights.firstFailure;
        QStringList parts{QStringLiteral("#%1").arg(locale.toString(first.entry))};
        if (!first.toolName.isEmpty())
            parts << first.toolName;
        else if (!first.messageType.isEmpty())
            parts << first.messageType;
        parts << (first.line.isEmpty() ? tr("(no text)") : first.line);
        return parts.join(QStringLiteral(" · "));
    }
    case Commands: {
        const InsightsCommand &command = m_insights.commands.at(row);
        QString text = QStringLiteral("#%1 · %2").arg(locale.toString(command.entry), oneLine(command.command));
        if (command.exitCode)
            text += tr(" · exit %1").arg(exitCodeText(command.exitCode));
        else if (command.failed)
            text += tr(" · failed");
        return text;
    }
    case Files: {
        const InsightsFile &file = m_insights.files.at(row);
        return tr("%1 · %2 read, %3 written")
            .arg(oneLine(file.path), locale.toString(file.reads), locale.toString(file.writes));
    }
    case SectionCount:
        break;
    }
    return QString();
}

QVector<int> InsightsModel::findingEntries(Section section, int row) const
{
    switch (section) {
    case Loops: {
        // The whole stretch, the non-tool entries between its calls included: what the fold shows.
        const InsightsLoop &loop = m_insights.loops.at(row);
        QVector<int> entries;
        entries.reserve(loop.lastEntry - loop.firstEntry + 1);
        for (int entry = loop.firstEntry; entry <= loop.lastEntry; ++entry)
            entries.append(entry);
        return entries;
    }
    case RepeatedFailures: return m_insights.repeatedFailures.at(row).entries;
    case FirstFailure: return {m_insights.firstFailure->entry};
    case Commands: return {m_insights.commands.at(row).entry};
    case Files: return m_insights.files.at(row).entries;
    case SectionCount: break;
    }
    return {};
}

QVector<int> InsightsModel::entriesOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() != kSectionRow)
        return findingEntries(Section(index.internalId() - 1), index.row());
    const auto section = Section(index.row());
    QVector<int> entries;
    for (int row = 0; row < findingCount(section); ++row)
        entries += findingEntries(section, row);
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    return entries;
}

QVariant InsightsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const bool isSection = index.internalId() == kSectionRow;
    const auto section = Section(isSection ? index.row() : int(index.internalId() - 1));
    switch (role) {
    case Qt::DisplayRole:
        return isSection ? sectionText(section) : findingText(section, index.row());
    case Qt::ToolTipRole: {
        if (isSection)
            return {};
        if (section == Commands)
            return m_insights.commands.at(index.row()).command;
        if (section == Files)
            return m_insights.files.at(index.row()).path;
        return findingText(section, index.row());
    }
    case Qt::ForegroundRole:
        // Red for what failed once; a repeated failure's list would be a wall of red.
        if (!isSection && (section == Commands || section == FirstFailure) && data(index, FailedRole).toBool())
            return RunlogPalette::errorText(RunlogPalette::isDark(QGuiApplication::palette()));
        return {};
    case EntriesRole:
        return QVariant::fromValue(entriesOf(index));
    case SectionRole:
        return int(section);
    case FailedRole:
        if (isSection)
            return false;
        if (section == Commands)
            return m_insights.commands.at(index.row()).failed;
        return section == RepeatedFailures || section == FirstFailure;
    case SignatureRole:
        if (isSection)
            return {};
        if (section == RepeatedFailures)
            return m_insights.repeatedFailures.at(index.row()).signature;
        if (section == FirstFailure)
            return m_insights.firstFailure->signature;
        return {};
    default:
        return {};
    }
}
