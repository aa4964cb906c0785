// SPDX-License-Identifier: MIT
#include "model/runlistmodel.h"

#include "model/runlistloader.h"
#include "run/logentry.h"
#include "run/markdowntext.h"
#include "run/timestamps.h"

#include <QDateTime>

using namespace RunListColumns;

namespace {
QString shortTime(const std::optional<QString> &text)
{
    if (!text)
        return {};
    const qint64 ms = Timestamps::parseUtcMsecs(*text);
    if (ms == LogEntry::kNoTime)
        return *text;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
} // namespace

RunListModel::RunListModel(RunListLoader *loader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(loader)
{
    connect(m_loader, &RunListLoader::itemsAppended, this, &RunListModel::onItemsAppended);
}

void RunListModel::open(const ApiEndpoint &endpoint, const RunListQuery &filters)
{
    beginResetModel();
    m_rows = 0;
    m_loader->open(endpoint, filters);
    endResetModel();
}

void RunListModel::setStoredRunIds(const QSet<qint64> &ids)
{
    m_stored = ids;
    if (m_rows > 0)
        emit dataChanged(index(0, Stored), index(m_rows - 1, Stored));
}

const RunListItem &RunListModel::item(int row) const
{
    return m_loader->items().at(row);
}

void RunListModel::onItemsAppended(int first, int count)
{
    if (first != m_rows || count <= 0)
        return;
    beginInsertRows(QModelIndex(), first, first + count - 1);
    m_rows += count;
    endInsertRows();
}

int RunListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RunListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= m_rows)
        return {};
    const RunListItem &run = item(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Stored: return m_stored.contains(run.id) ? QStringLiteral("●") : QString();
        case Run: return QString::number(run.id);
        case Status: return run.status.value_or(QString());
        case Created: return shortTime(run.createdAt);
        case Source: return run.sourceType.value_or(QString());
        case Summary: return MarkdownText::oneLine(run.summary.value_or(run.result.value_or(QString())));
        case PullRequests: {
            QStringList titles;
            for (const PullRequestLink &link : run.pullRequests)
                titles << (link.url.section(QLatin1Char('/'), -1).isEmpty() ? link.title
                                                                             : QLatin1Char('#') + link.url.section(QLatin1Char('/'), -1));
            return titles.join(QStringLiteral(", "));
        }
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Stored: return m_stored.contains(run.id) ? tr("In the library: opens at once, also offline") : QVariant();
        case Summary: return MarkdownText::plain(run.summary.value_or(run.result.value_or(QString())));
        case Created: return run.createdAt.value_or(QString());
        case PullRequests: {
            QStringList lines;
            for (const PullRequestLink &link : run.pullRequests)
                lines << tr("%1 (%2)").arg(link.title, link.url);
            return lines.join(QLatin1Char('\n'));
        }
        default: return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Run)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Stored)
            return int(Qt::AlignCenter);
        return {};
    case RunIdRole: return run.id;
    case StatusRole: return run.status.value_or(QString());
    case PullRequestUrlsRole: {
        QStringList urls;
        for (const PullRequestLink &link : run.pullRequests)
            urls << link.url;
        return urls;
    }
    case SortRole: return index.column() == Run ? QVariant(run.id) : data(index, Qt::DisplayRole);
    default: return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Stored: return tr("Library");
    case Run: return tr("Run");
    case Status: return tr("Status");
    case Created: return tr("Created");
    case Source: return tr("Source");
    case Summary: return tr("Summary");
    case PullRequests: return tr("Pull requests");
    default: return {};
    }
}

bool RunListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loader->canFetchMore() && !m_loader->isLoading();
}

void RunListModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        m_loader->fetchMore();
}
