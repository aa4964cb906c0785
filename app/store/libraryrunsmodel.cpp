// SPDX-License-Identifier: MIT
#include "store/libraryrunsmodel.h"

#include "run/fileorigin.h"

#include <QDir>
#include <QFileInfo>

#include "run/runstatus.h"
#include "store/runlibrary.h"

#include <QDateTime>
#include <QLocale>

namespace {
QString localTime(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            c = QLatin1Char(' ');
    }
    return line.simplified();
}
} // namespace

LibraryRunsModel::LibraryRunsModel(RunLibrary *library, QObject *parent)
    : QAbstractTableModel(parent)
    , m_library(library)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(500);
    connect(&m_refreshTimer, &QTimer::timeout, this, &LibraryRunsModel::refresh);
    connect(m_library, &RunLibrary::changed, &m_refreshTimer, [this] {
        if (!m_refreshTimer.isActive())
            m_refreshTimer.start();
    });
}

void LibraryRunsModel::refresh()
{
    m_refreshing = true;
    m_library->listRuns(this, [this](const QList<LibraryRun> &runs) { setRuns(runs); });
}

void LibraryRunsModel::setRuns(const QList<LibraryRun> &runs)
{
    m_refreshing = false;
    // The same runs in the same order (a page stored, a run opened): the rows stay, so do the
    // view's selection and scroll position; only their values change.
    bool sameRows = runs.size() == m_runs.size();
    for (qsizetype i = 0; sameRows && i < runs.size(); ++i)
        sameRows = runs.at(i).key == m_runs.at(i).key;
    if (sameRows) {
        m_runs = runs;
        if (!m_runs.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_runs = runs;
        endResetModel();
    }
    emit refreshed();
}

QSet<qint64> LibraryRunsModel::runIdsOf(const QString &origin, qint64 orgId) const
{
    QSet<qint64> ids;
    for (const LibraryRun &run : m_runs) {
        if (run.origin == origin && run.orgId == orgId)
            ids.insert(run.runId);
    }
    return ids;
}

qint64 LibraryRunsModel::totalBytes() const
{
    qint64 bytes = 0;
    for (const LibraryRun &run : m_runs)
        bytes += run.storedBytes;
    return bytes;
}

QString LibraryRunsModel::sourceText(const LibraryRun &run)
{
    // A run from another agent's log names its format and file (and sample); an API's run its
    // address.
    const std::optional<FileOrigin::Parts> file = FileOrigin::parse(run.origin);
    if (!file)
        return run.origin;
    QString name = QFileInfo(file->path).fileName();
    if (file->sample)
        name = tr("%1 (%2)").arg(name, sampleText(*file->sample));
    return run.agentName.isEmpty() ? name : tr("%1: %2").arg(run.agentName, name);
}

int LibraryRunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int LibraryRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LibraryRunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= m_runs.size())
        return {};
    const LibraryRun &run = m_runs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Run: return QString::number(run.runId);
        case Organization: return run.agentName.isEmpty() || run.orgId != 0 ? QString::number(run.orgId) : QString(); // a file has none
        case Status: return run.status;
        case Created: return run.createdMs > 0 ? localTime(run.createdMs) : run.createdAt;
        case Result: return oneLine(run.summary.isEmpty() ? run.result : run.summary);
        case Entries:
            return run.totalLogs ? tr("%1 of %2").arg(QLocale().toString(run.storedEntries), QLocale().toString(*run.totalLogs))
                                 : QLocale().toString(run.storedEntries);
        case Size: return QLocale().formattedDataSize(run.storedBytes);
        case LastOpened: return localTime(run.lastOpenedMs);
        case Origin: return sourceText(run);
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Result: return run.summary.isEmpty() ? run.result : run.summary;
        case Entries:
            return run.isWhole() ? tr("Every entry is here: the run opens with no request, also offline.")
                                 : tr("Entries not here yet are fetched when the run is opened.");
        case Origin:
            if (const std::optional<FileOrigin::Parts> file = FileOrigin::parse(run.origin))
                return QDir::toNativeSeparators(file->path);
            return run.webUrl;
        default: return {};
        }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Run: case Organization: case Entries: case Size: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    case WholeRole: return run.isWhole();
    case SortRole:
        switch (index.column()) {
        case Run: return run.runId;
        case Organization: return run.orgId;
        case Created: return run.createdMs;
        case Entries: return run.storedEntries;
        case Size: return run.storedBytes;
        case LastOpened: return run.lastOpenedMs;
        default: return data(index, Qt::DisplayRole);
        }
    case StatusRole: return run.status;
    case KeyRole: return run.key;
    default: return {};
    }
}

QVariant LibraryRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Run: return tr("Run");
    case Organization: return tr("Org");
    case Status: return tr("Status");
    case Created: return tr("Created");
    case Result: return tr("Summary / result");
    case Entries: return tr("Entries stored");
    case Size: return tr("Size");
    case LastOpened: return tr("Last opened");
    case Origin: return tr("Source");
    default: return {};
    }
}
