// SPDX-License-Identifier: MIT
#include "ui/compare/comparestepsmodel.h"

#include "ui/common/palette.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace {
constexpr int linesKept = 4000; // per side: several screens of rows
enum Side { LeftSide = 0, RightSide = 1 };
}

CompareStepsModel::CompareStepsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_lines[LeftSide].setMaxCost(linesKept);
    m_lines[RightSide].setMaxCost(linesKept);
}

void CompareStepsModel::setComparison(const RunComparison &comparison, const QList<QByteArray> &left, const QList<QByteArray> &right)
{
    beginResetModel();
    m_steps = comparison.steps;
    m_entries[LeftSide] = left;
    m_entries[RightSide] = right;
    m_lines[LeftSide].clear();
    m_lines[RightSide].clear();
    m_hits.clear();
    m_filtered = false;
    foldAll();
    endResetModel();
}

void CompareStepsModel::foldAll()
{
    m_rows.clear();
    for (int i = 0; i < m_steps.size();) {
        int end = i;
        while (end < m_steps.size() && m_steps.at(end).op == CompareStep::Same)
            ++end;
        if (end - i >= foldAtLeast) {
            m_rows.append(Row{i, end - i});
            i = end;
        } else if (end > i) {
            for (; i < end; ++i)
                m_rows.append(Row{i, 0});
        } else {
            m_rows.append(Row{i, 0});
            ++i;
        }
    }
}

void CompareStepsModel::setVisibleSteps(const QVector<int> &steps)
{
    beginResetModel();
    m_filtered = true;
    m_rows.clear();
    m_rows.reserve(steps.size());
    for (int step : steps)
        if (step >= 0 && step < m_steps.size())
            m_rows.append(Row{step, 0});
    endResetModel();
}

void CompareStepsModel::clearVisibleSteps()
{
    if (!m_filtered)
        return;
    beginResetModel();
    m_filtered = false;
    foldAll();
    endResetModel();
}

void CompareStepsModel::setSearchHits(const QVector<CompareSearch::Hit> &hits)
{
    m_hits = hits;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {SearchHitRole, Qt::FontRole});
}

int CompareStepsModel::stepIndexAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).step : -1;
}

int CompareStepsModel::rowOfStep(int step) const
{
    // Rows are in step order; a fold's row covers [step, step + folded).
    const auto after = std::upper_bound(m_rows.cbegin(), m_rows.cend(), step, [](int s, const Row &row) { return s < row.step; });
    if (after == m_rows.cbegin())
        return -1;
    const Row &row = *(after - 1);
    if (row.step == step || (row.folded > 0 && step < row.step + row.folded))
        return int(after - 1 - m_rows.cbegin());
    return -1;
}

int CompareStepsModel::revealStep(int step)
{
    const int row = rowOfStep(step);
    if (row < 0 || !isFold(row))
        return row;
    const int first = m_rows.at(row).step;
    openFold(row);
    return row + (step - first);
}

void CompareStepsModel::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::BackgroundRole});
}

int CompareStepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompareStepsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CompareStepsModel::glyphFor(CompareStep::Op op)
{
    switch (op) {
    case CompareStep::Same: return QStringLiteral("=");
    case CompareStep::Changed: return QStringLiteral("≠");
    case CompareStep::OnlyLeft: return QStringLiteral("−");
    case CompareStep::OnlyRight: return QStringLiteral("+");
    }
    return {};
}

const CompareEntry::Line &CompareStepsModel::lineOf(int side, int entry) const
{
    if (const CompareEntry::Line *known = m_lines[side].object(entry))
        return *known;
    auto *line = new CompareEntry::Line(CompareEntry::lineOf(m_entries[side].at(entry - 1)));
    m_lines[side].insert(entry, line);
    return *line;
}

QVariant CompareStepsModel::entryCell(int side, int entry, int column) const
{
    if (entry <= 0 || entry > m_entries[side].size())
        return {};
    switch (column) {
    case LeftNumber: return entry;
    case LeftType: return lineOf(side, entry).messageType;
    case LeftTool: return lineOf(side, entry).toolName;
    case LeftSummary: return lineOf(side, entry).summary;
    default: return {};
    }
}

QVariant CompareStepsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const CompareStep &step = m_steps.at(row.step);
    const int column = index.column();
    switch (role) {
    case StepKindRole: return int(step.op);
    case FoldedCountRole: return row.folded;
    case SearchHitRole:
    case Qt::FontRole: {
        bool hit = false;
        if (row.folded == 0 && column != Gutter) {
            const auto found = std::lower_bound(m_hits.cbegin(), m_hits.cend(), row.step,
                                                [](const CompareSearch::Hit &h, int s) { return h.step < s; });
            if (found != m_hits.cend() && found->step == row.step)
                hit = column < Gutter ? found->left : found->right;
        }
        if (role == SearchHitRole)
            return hit;
        if (column == Gutter || hit) {
            // The gutter's glyph, and a matching side's text, in bold: a hit is seen without colour.
            QFont bold;
            bold.setBold(true);
            bold.setUnderline(hit);
            return bold;
        }
        return {};
    }
    case Qt::BackgroundRole: {
        if (row.folded > 0)
            return QBrush(RunlogPalette::foldTint());
        const QColor colour = RunlogPalette::compareStepBackground(step.op, m_dark);
        return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
    }
    case Qt::TextAlignmentRole:
        if (column == Gutter)
            return int(Qt::AlignCenter);
        if (column == LeftNumber || column == RightNumber)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        break;
    default:
        return {};
    }
    if (row.folded > 0) {
        // The text on both summaries and the gutter, so that it reads whichever half one looks at.
        if (column == Gutter)
            return QStringLiteral("⋯");
        if (column == LeftSummary || column == RightSummary)
            return tr("… %Ln identical entries … (Enter or click to open)", nullptr, row.folded);
        if (role == Qt::DisplayRole && column == LeftNumber)
            return QStringLiteral("%1–%2").arg(QLocale().toString(step.leftEntry), QLocale().toString(step.leftEntry + row.folded - 1));
        if (role == Qt::DisplayRole && column == RightNumber)
            return QStringLiteral("%1–%2").arg(QLocale().toString(step.rightEntry), QLocale().toString(step.rightEntry + row.folded - 1));
        return {};
    }
    if (column == Gutter) {
        if (role == Qt::ToolTipRole) {
            switch (step.op) {
            case CompareStep::Same: return tr("The same in both runs");
            case CompareStep::Changed: return tr("The same step, with a different thought, observation or output");
            case CompareStep::OnlyLeft: return tr("Only in the left run");
            case CompareStep::OnlyRight: return tr("Only in the right run");
            }
        }
        return glyphFor(step.op);
    }
    if (column < Gutter)
        return entryCell(LeftSide, step.leftEntry, column);
    return entryCell(RightSide, step.rightEntry, column - RightNumber);
}

QVariant CompareStepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftNumber: case RightNumber: return tr("#");
    case LeftType: case RightType: return tr("Type");
    case LeftTool: case RightTool: return tr("Tool");
    case LeftSummary: case RightSummary: return tr("Summary");
    case Gutter: return QString();
    }
    return {};
}

bool CompareStepsModel::isFold(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows.at(row).folded > 0;
}

bool CompareStepsModel::openFold(int row)
{
    if (!isFold(row))
        return false;
    const Row fold = m_rows.at(row);
    // The fold's row becomes its first step; the others are inserted after it.
    m_rows[row] = Row{fold.step, 0};
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    beginInsertRows({}, row + 1, row + fold.folded - 1);
    QVector<Row> opened;
    opened.reserve(fold.folded - 1);
    for (int i = 1; i < fold.folded; ++i)
        opened.append(Row{fold.step + i, 0});
    m_rows.insert(row + 1, opened.size(), Row{});
    std::copy(opened.cbegin(), opened.cend(), m_rows.begin() + row + 1);
    endInsertRows();
    return true;
}

std::optional<CompareStep> CompareStepsModel::stepAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).folded > 0)
        return std::nullopt;
    return m_steps.at(m_rows.at(row).step);
}

int CompareStepsModel::nextDifference(int row) const
{
    for (int r = std::max(row + 1, 0); r < m_rows.size(); ++r)
        if (m_steps.at(m_rows.at(r).step).op != CompareStep::Same)
            return r;
    return -1;
}

int CompareStepsModel::previousDifference(int row) const
{
    for (int r = std::min(row, int(m_rows.size())) - 1; r >= 0; --r)
        if (m_steps.at(m_rows.at(r).step).op != CompareStep::Same)
            return r;
    return -1;
}
