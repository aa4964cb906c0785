// SPDX-License-Identifier: MIT
#include "ui/export/exportcontroller.h"

#include "export/exportjob.h"
#include "ui/common/plainlabel.h"
#include "rows/logtablemodel.h"
#include "session/runsession.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>

ExportController::ExportController(RunSession *session, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_model(session->model())
    , m_dialogParent(dialogParent)
    , m_job(new ExportJob(this))
{
    connect(m_job, &ExportJob::progress, this, [this](int written, int total) {
        if (m_progress) {
            m_progress->setMaximum(total);
            m_progress->setValue(written);
            m_progress->setLabelText(tr("Writing %1 of %2 entries to %3…")
                                         .arg(QLocale().toString(written), QLocale().toString(total),
                                              QFileInfo(m_path).fileName()));
        }
    });
    connect(m_job, &ExportJob::finished, this, &ExportController::onWritten);
}

ExportController::~ExportController()
{
    for (const QMetaObject::Connection &connection : std::as_const(m_loaderConnections))
        disconnect(connection);
}

bool ExportController::isBusy() const
{
    return m_fetching || m_job->isRunning();
}

void ExportController::exportInteractively(const Source &source, const QString &directory)
{
    if (isBusy())
        return;
    QString selectedFilter = ExportFormats::filter(ExportFormat::Json);
    const QString suggested = QDir(directory.isEmpty() ? QDir::homePath() : directory)
                                  .filePath(source.suggestedName + QStringLiteral(".json"));
    QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export Run"), suggested,
                                                ExportFormats::filters().join(QStringLiteral(";;")),
                                                &selectedFilter);
    if (path.isEmpty())
        return;
    std::optional<ExportFormat> format = ExportFormats::fromPath(path);
    if (!format) {
        // No known extension typed: the chosen filter decides, and names the file.
        format = ExportFormats::fromFilter(selectedFilter).value_or(ExportFormat::Json);
        path += QLatin1Char('.') + ExportFormats::extension(*format);
    }
    exportTo(source, path, *format);
}

void ExportController::exportTo(const Source &source, const QString &path, ExportFormat format)
{
    if (isBusy())
        return;
    m_source = source;
    m_path = path;
    m_format = format;
    m_progress = new QProgressDialog(m_dialogParent);
    m_progress->setLabel(new PlainLabel(m_progress)); // it names the file, whatever the name is
    m_progress->setWindowTitle(tr("Export Run"));
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumWidth(460);
    connect(m_progress, &QProgressDialog::canceled, this, &ExportController::cancel);
    if (source.fromApi && !m_session->isFullyLoaded())
        startFetching();
    else
        startWriting();
}

void ExportController::cancel()
{
    if (m_fetching) {
        m_session->stopLoadingAll();
        finishWith(false, tr("Export cancelled; nothing was written."), true);
    } else if (m_job->isRunning()) {
        m_job->cancel(); // onWritten() reports
    }
}

void ExportController::startFetching()
{
    m_fetching = true;
    m_fetchClock.start();
    m_loadedAtStart = m_session->progress().loaded;
    m_progress->setLabelText(tr("Fetching the pages not loaded yet…"));
    m_progress->setRange(0, 0);
    m_loaderConnections << connect(m_session, &RunSession::progressChanged, this, &ExportController::updateFetchProgress);
    m_loaderConnections << connect(m_session, &RunSession::allLoaded, this, [this] {
        if (!m_fetching)
            return;
        m_fetching = false;
        startWriting();
    });
    // Newest first, a run that grows while it is fetched gets rows at the top: the rows chosen
    // to export (a filter's) move down with their entries.
    m_loaderConnections << connect(m_model, &QAbstractItemModel::rowsInserted, this,
                                   [this](const QModelIndex &parent, int first, int last) {
        if (parent.isValid())
            return;
        for (int &row : m_source.onlyRows) {
            if (row >= first)
                row += last - first + 1;
        }
    });
    m_loaderConnections << connect(m_session, &RunSession::pageFailed, this, [this](const QString &error) {
        if (!m_fetching)
            return;
        m_session->stopLoadingAll();
        fail(tr("Export stopped, nothing was written: %1").arg(error));
    });
    m_session->loadAll();
    updateFetchProgress();
}

QString ExportController::timeLeftText() const
{
    const std::optional<qint64> msLeft = m_session->msToLoadRest();
    if (!msLeft)
        return {};
    const qint64 seconds = *msLeft / 1000;
    if (seconds < 5)
        return tr("a few seconds left");
    if (seconds < 120)
        return tr("about %1 s left").arg(seconds);
    return tr("about %1 min left").arg((seconds + 59) / 60);
}

void ExportController::updateFetchProgress()
{
    if (!m_fetching || !m_progress)
        return;
    const QLocale locale;
    const RunProgress progress = m_session->progress();
    const int loaded = progress.loaded;
    const int known = progress.known;
    const int pagesKnown = (known + RunSession::kEntriesPerPage - 1) / RunSession::kEntriesPerPage;
    const int pagesLoaded = (loaded + RunSession::kEntriesPerPage - 1) / RunSession::kEntriesPerPage;
    QString label = progress.countKnown
        ? tr("Fetching the run: %1 of %2 entries (page %3 of %4)")
              .arg(locale.toString(loaded), locale.toString(known))
              .arg(pagesLoaded)
              .arg(pagesKnown)
        : tr("Fetching the run: %1 entries so far").arg(locale.toString(loaded));
    const QString left = timeLeftText();
    if (!left.isEmpty())
        label += QStringLiteral("\n") + left;
    const std::optional<PaceState> pace = m_session->paceState();
    if (pace && pace->msUntilNextRequest > 1500)
        label += QStringLiteral("\n") + tr("Waiting for the rate limit: next request in %1 s").arg((pace->msUntilNextRequest + 999) / 1000);
    m_progress->setLabelText(label);
    if (progress.countKnown && known > 0) {
        m_progress->setRange(0, known);
        m_progress->setValue(loaded);
    }
}

RunSnapshot ExportController::snapshot() const
{
    RunSnapshot snapshot;
    snapshot.hasRun = m_source.hasRun;
    snapshot.run = m_source.hasRun && m_session->hasRunInfo() && m_source.fromApi ? m_session->runInfo() : m_source.run;
    snapshot.sourceDescription = m_source.description;
    const LogStore &store = m_model->store();
    snapshot.rawOwners = store.rawOwners();
    const QHash<int, QString> &notes = m_model->notes();
    if (m_source.onlyRows.isEmpty()) {
        snapshot.entries = store.rawEntries(0, store.size() - 1);
        if (m_model->isReversed())
            std::reverse(snapshot.entries.begin(), snapshot.entries.end());
        // Oldest first: an entry's index is its position.
        for (auto it = notes.cbegin(); it != notes.cend(); ++it) {
            if (it.key() < snapshot.entries.size())
                snapshot.notes.insert(it.key(), it.value());
        }
    } else {
        snapshot.entries.reserve(m_source.onlyRows.size());
        for (int row : m_source.onlyRows) {
            if (row >= 0 && row < store.size() && store.isLoaded(row)) {
                if (m_model->hasNote(row))
                    snapshot.notes.insert(int(snapshot.entries.size()), m_model->noteText(row));
                snapshot.entries.append(store.at(row).rawJson);
            }
        }
    }
    return snapshot;
}

void ExportController::startWriting()
{
    const RunSnapshot data = snapshot();
    // Every entry asked for, or no file: an export with holes would look complete.
    const int wanted = m_source.onlyRows.isEmpty() ? m_model->store().size() : int(m_source.onlyRows.size());
    if (data.entries.size() != wanted) {
        fail(tr("Export stopped, nothing was written: %1 of the %2 entries are not loaded.")
                 .arg(QLocale().toString(wanted - int(data.entries.size())), QLocale().toString(wanted)));
        return;
    }
    m_progress->setRange(0, std::max(1, int(data.entries.size())));
    m_progress->setValue(0);
    m_progress->setLabelText(tr("Writing %1 entries to %2…").arg(QLocale().toString(data.entries.size()),
                                                                  QFileInfo(m_path).fileName()));
    if (!m_job->start(data, m_path, m_format))
        fail(tr("Another export is still being written."));
}

void ExportController::onWritten(bool ok, const QString &error)
{
    if (ok) {
        finishWith(true, tr("Exported %1 entries to %2.")
                             .arg(QLocale().toString(m_job->total()), QDir::toNativeSeparators(m_path)));
    } else if (m_job->wasCancelled()) {
        finishWith(false, tr("Export cancelled; nothing was written."), true);
    } else {
        finishWith(false, error);
    }
}

void ExportController::fail(const QString &message)
{
    finishWith(false, message);
}

void ExportController::finishWith(bool ok, const QString &message, bool cancelled)
{
    m_cancelled = cancelled;
    m_fetching = false;
    for (const QMetaObject::Connection &connection : std::as_const(m_loaderConnections))
        disconnect(connection);
    m_loaderConnections.clear();
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->deleteLater();
    }
    emit finished(ok, message, m_path);
}
