// SPDX-License-Identifier: MIT
#include "ui/table/foldcontroller.h"

#include "rows/logtablemodel.h"
#include "search/logfilterproxymodel.h"
#include "stats/insights.h"
#include "ui/table/logtableview.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>

namespace {

constexpr int kMaxArgumentLength = 60;
// Beyond this an argument is left out of a pattern of several tools: the line stays readable.
constexpr int kMaxArgumentInPattern = 24;

// What a call worked on, read from its tool_input: the command, else the file, else the query.
QString argumentOf(const QByteArray &rawJson)
{
    if (rawJson.isEmpty())
        return {};
    const QJsonObject input = QJsonDocument::fromJson(rawJson).object().value(QLatin1String("tool_input")).toObject();
    static const char *const kKeys[] = {"command", "cmd", "path", "file_path", "filepath", "filename", "target_file", "query"};
    for (const char *key : kKeys) {
        const QJsonValue value = input.value(QLatin1String(key));
        if (!value.isString())
            continue;
        QString text = value.toString().simplified(); // newlines and tabs read as spaces
        if (text.isEmpty())
            continue;
        if (text.size() > kMaxArgumentLength)
            text = text.left(kMaxArgumentLength - 1).trimmed() + QStringLiteral("…");
        return text;
    }
    return {};
}

int rowOfEntry(const LogTableModel *model, int entry)
{
    return model->isReversed() ? model->rowCount() - entry : entry - 1;
}

QString withArgument(const QString &tool, const QString &argument)
{
    return argument.isEmpty() ? tool : QStringLiteral("%1 `%2`").arg(tool, argument);
}

} // namespace

FoldController::FoldController(LogFilterProxyModel *proxy, LogTableView *table, QObject *parent)
    : QObject(parent)
    , m_proxy(proxy)
    , m_table(table)
{
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
}

QString FoldController::labelFor(const InsightsLoop &loop, const LogTableModel *model)
{
    QStringList calls;
    for (int k = 0; k < loop.tools.size(); ++k) {
        QString argument;
        if (model && k < loop.entries.size()) {
            const int row = rowOfEntry(model, loop.entries.at(k));
            if (row >= 0 && row < model->rowCount())
                argument = argumentOf(model->store().rawJsonAt(row));
        }
        if (loop.tools.size() > 1 && argument.size() > kMaxArgumentInPattern)
            argument.clear();
        calls << withArgument(loop.tools.at(k), argument);
    }
    const QLocale locale;
    return tr("%1 ×%2, entries %3–%4")
        .arg(calls.join(QStringLiteral(" → ")), locale.toString(loop.repeats), locale.toString(loop.firstEntry),
             locale.toString(loop.lastEntry));
}

QList<EntryFold> FoldController::foldsFor(const QList<InsightsLoop> &loops, const LogTableModel *model)
{
    QList<EntryFold> folds;
    folds.reserve(loops.size());
    for (const InsightsLoop &loop : loops)
        folds.append({loop.firstEntry, loop.lastEntry, labelFor(loop, model)});
    return folds;
}

void FoldController::setLoops(const QList<InsightsLoop> &loops, const LogTableModel *model)
{
    m_proxy->setFolds(foldsFor(loops, model));
}

void FoldController::showOnlyEntries(const QVector<int> &entries, const QString &description)
{
    m_proxy->setOnlyEntries(entries, description);
}

void FoldController::setFoldingEnabled(bool on)
{
    m_proxy->setFoldingEnabled(on);
}

bool FoldController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier)
            return handleKey(key->key());
    } else if (watched == m_table->viewport() && event->type() == QEvent::MouseButtonPress) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton && mouse->modifiers() == Qt::NoModifier)
            handleClick(mouse->position().toPoint());
        // The view still selects the row clicked: the head stays where it was.
    }
    return QObject::eventFilter(watched, event);
}

bool FoldController::handleKey(int key)
{
    if (key != Qt::Key_Right && key != Qt::Key_Left)
        return false;
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return false;
    const auto state = LogFilterProxyModel::FoldState(current.data(LogFilterProxyModel::FoldStateRole).toInt());
    const int sourceRow = m_proxy->mapToSource(current).row();
    if (key == Qt::Key_Right && state == LogFilterProxyModel::FoldState::ClosedHead) {
        m_proxy->openFold(sourceRow);
        return true;
    }
    if (key == Qt::Key_Left
        && (state == LogFilterProxyModel::FoldState::OpenHead || state == LogFilterProxyModel::FoldState::InsideOpenFold)) {
        closeAndSelectHead(sourceRow);
        return true;
    }
    return false; // → and ← move between columns as usual
}

bool FoldController::handleClick(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid() || index.column() != LogTableModel::SummaryColumn)
        return false;
    const auto state = LogFilterProxyModel::FoldState(index.data(LogFilterProxyModel::FoldStateRole).toInt());
    if (state != LogFilterProxyModel::FoldState::ClosedHead && state != LogFilterProxyModel::FoldState::OpenHead)
        return false;
    m_proxy->toggleFold(m_proxy->mapToSource(index).row());
    return true;
}

void FoldController::closeAndSelectHead(int sourceRow)
{
    const int head = m_proxy->foldHeadSourceRow(sourceRow);
    if (head < 0)
        return;
    const int column = std::max(0, m_table->currentIndex().column());
    // The head first, so the selection is not on a row that vanishes.
    const QModelIndex headIndex = m_proxy->mapFromSource(m_proxy->sourceModel()->index(head, column));
    if (headIndex.isValid())
        m_table->setCurrentIndex(headIndex);
    m_proxy->closeFold(head);
    const QModelIndex shown = m_proxy->mapFromSource(m_proxy->sourceModel()->index(head, column));
    if (shown.isValid())
        m_table->scrollTo(shown);
}
