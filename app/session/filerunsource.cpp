// SPDX-License-Identifier: MIT
#include "session/filerunsource.h"

#include "rows/freedmemory.h"
#include "rows/pagecache.h"
#include "session/agentrunstore.h"
#include "rows/logtablemodel.h"
#include "runfile/runfilereader.h"
#include "runfile/samplechoice.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

FileRunSource::FileRunSource(const QString &path, const std::optional<SampleRef> &sample, QObject *parent)
    : RunSource(parent)
    , m_path(path)
    , m_sample(sample)
{
}

QList<InspectSampleInfo> FileRunSource::samplesToChoose() const
{
    return m_reader ? m_reader->samplesToChoose() : QList<InspectSampleInfo>();
}

void FileRunSource::setLibraryCopy(PageCache *cache, qint64 runId)
{
    m_copyCache = cache;
    RunInfo named;
    named.id = runId;
    m_copyKey = AgentRunStore::keyOf(m_path, m_sample, named);
}

void FileRunSource::start(LogTableModel *model)
{
    m_model = model;
    if (m_copyCache && !QFileInfo::exists(m_path)) {
        readLibraryCopy();
        return;
    }
    m_reader = new RunFileReader(this);
    m_reader->setSample(m_sample);
    m_reader->setSampleChoiceRequired(true);
    connect(m_reader, &RunFileReader::runInfoRead, this, [this] {
        if (m_ready)
            emit runInfoChanged();
    });
    connect(m_reader, &RunFileReader::entriesRead, this, &FileRunSource::onEntries);
    connect(m_reader, &RunFileReader::progress, this, [this](qint64 done, qint64 total) {
        if (!m_ready)
            return;
        const QLocale locale;
        emit progressChanged();
        emit statusMessage(tr("Reading %1 of %2…").arg(locale.formattedDataSize(done), locale.formattedDataSize(total)), 0);
    });
    // Before its first entries (while what was open stays shown): how far a conversion has come.
    connect(m_reader, &RunFileReader::converting, this, [this](const QString &formatName, qint64 records) {
        m_convertingFormat = formatName;
        if (m_ready)
            return;
        emit statusMessage(records == 0 ? tr("Converting the %1…").arg(formatName)
                                        : tr("Converting the %1: %2 records read…").arg(formatName, QLocale().toString(records)),
                           0);
    });
    connect(m_reader, &RunFileReader::finished, this, &FileRunSource::onFinished);
    emit statusMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(m_path)), 0);
    if (!m_reader->start(m_path))
        onFinished(false, tr("Could not start reading %1.").arg(QDir::toNativeSeparators(m_path)));
}

void FileRunSource::stop()
{
    m_stopped = true; // the library's answers may still come: they go nowhere
    if (m_reader)
        m_reader->cancel();
    disconnect(this);
}

void FileRunSource::becomeReady()
{
    // The file has proved readable: only now does it replace what was open.
    m_ready = true;
    emit ready();
    emit opened();
}

void FileRunSource::onEntries(const QList<LogEntry> &entries)
{
    if (!m_ready)
        becomeReady();
    const int first = m_model->rowCount();
    m_model->resizeRows(first + int(entries.size()));
    m_model->setEntries(first, entries);
    emit progressChanged();
}

void FileRunSource::onFinished(bool ok, const QString &error)
{
    m_finished = true;
    // The batches that carried the entries here (a LogEntry each, allocated on the reader's
    // thread) are freed; a million-entry file would leave the window holding a hundred megabytes
    // it no longer uses.
    FreedMemory::giveBack();
    if (!ok && !m_ready) {
        emit unreadable(error); // nothing of the file was shown: what was open stays open
        return;
    }
    if (!m_ready)
        becomeReady(); // a run with no entries
    emit runInfoChanged();
    emit progressChanged();
    const QLocale locale;
    const int rows = m_model->rowCount();
    const QStringList readOver = m_reader->hasRunInfo() ? m_reader->runInfo().agentWarnings : QStringList();
    if (ok)
        emit readToEnd();
    // The status bar said how far the read had come: it says now that it is over (a message
    // shown until replaced would go on saying "Reading 7 KiB of 7 KiB…").
    if (ok)
        emit statusMessage(tr("Opened %1 entries from %2.").arg(locale.toString(rows), QFileInfo(m_path).fileName()), 8000);
    else
        emit statusMessage(QString(), 0);
    if (ok && !readOver.isEmpty()) {
        // What the conversion of another agent's log skipped is said, not hidden: the first
        // place, and how many there are (the README lists what is read over).
        emit warned(tr("Opened %1 entries from %2; %n places of the file were read over, the first: %3.", "", int(readOver.size()))
                        .arg(locale.toString(rows), QFileInfo(m_path).fileName(), readOver.first()));
    } else if (!ok) {
        emit failed(tr("%1 The %2 entries before the problem are shown.").arg(error, locale.toString(rows)), false);
    }
}

// Read in pieces as the file's entries come in batches, so that the first screen shows at once.
constexpr qint64 kLibraryCopyPiece = 20'000;

void FileRunSource::readLibraryCopy()
{
    emit statusMessage(tr("%1 is gone: opening the library's copy of it…").arg(QDir::toNativeSeparators(m_path)), 0);
    m_copyCache->openRun(m_copyKey, this, [this](const PageCache::Stored &stored) {
        if (m_stopped)
            return;
        // Only entries from the first on, with no gap (a log read to its end is stored whole).
        const qint64 count = stored.ranges.isEmpty() || stored.ranges.first().first != 0 ? 0
                                                                                           : stored.ranges.first().second + 1;
        if (!stored.found || count == 0 || stored.entries.isEmpty()) {
            emit unreadable(tr("%1 is gone, and the library holds none of its entries.").arg(QDir::toNativeSeparators(m_path)));
            return;
        }
        m_fromLibrary = true;
        m_copyRun = AgentRunStore::restoredRunInfo(stored.run, stored.entries.first());
        const QList<LogEntry> first = stored.entries.mid(0, qsizetype(std::min<qint64>(count, stored.entries.size())));
        onEntries(first);
        emit runInfoChanged();
        readMoreOfLibraryCopy(first.size(), count);
    });
}

void FileRunSource::readMoreOfLibraryCopy(qint64 first, qint64 count)
{
    if (first >= count)
        return finishLibraryCopy(count);
    const int piece = int(std::min(kLibraryCopyPiece, count - first));
    m_copyCache->readRows(m_copyKey, first, piece, this,
                          [this, first, count, piece](const QList<LogEntry> &entries) {
                              if (m_stopped)
                                  return;
                              if (!entries.isEmpty())
                                  onEntries(entries);
                              // Fewer than asked: the library lost some meanwhile; show what came.
                              if (entries.size() < piece)
                                  return finishLibraryCopy(first + entries.size());
                              readMoreOfLibraryCopy(first + piece, count);
                          });
}

void FileRunSource::finishLibraryCopy(qint64 count)
{
    m_finished = true;
    emit runInfoChanged();
    emit progressChanged();
    emit statusMessage(QString(), 0);
    // Not readToEnd(): these entries came from the library, nothing to store again.
    emit warned(tr("%1 is gone: this is the library's copy of its %2 entries, as they were read.")
                    .arg(QDir::toNativeSeparators(m_path), QLocale().toString(count)));
}

bool FileRunSource::hasRunInfo() const
{
    if (m_fromLibrary)
        return true;
    return m_reader && m_reader->hasRunInfo();
}

RunInfo FileRunSource::runInfo() const
{
    if (m_fromLibrary)
        return m_copyRun;
    return m_reader ? m_reader->runInfo() : RunInfo();
}

bool FileRunSource::isReading() const
{
    if (m_fromLibrary)
        return !m_finished;
    return m_reader && m_reader->isRunning();
}

QString FileRunSource::windowTitle() const
{
    return tr("%1 — Runlog").arg(headerTitle());
}

QString FileRunSource::headerTitle() const
{
    if (m_sample)
        return tr("%1 (%2)").arg(QFileInfo(m_path).fileName(), sampleText(*m_sample));
    return QFileInfo(m_path).fileName();
}

QString FileRunSource::description() const
{
    const QString path = QDir::toNativeSeparators(QFileInfo(m_path).absoluteFilePath());
    const QString format = hasRunInfo() && !runInfo().agentFormat.isEmpty() ? runInfo().agentFormat : m_convertingFormat;
    if (!format.isEmpty() && m_sample)
        return tr("%1, %2, from the file %3").arg(format, sampleText(*m_sample), path);
    if (!format.isEmpty())
        return tr("%1 from the file %2").arg(format, path);
    return tr("From the file %1").arg(path);
}

QString FileRunSource::exportDescription() const
{
    return QFileInfo(m_path).fileName();
}

QString FileRunSource::suggestedFileName() const
{
    // A sample's id may hold characters a file name cannot: only letters, digits, '-' and '_'.
    QString name = QFileInfo(m_path).completeBaseName();
    if (m_sample) {
        QString id = m_sample->id;
        for (QChar &c : id) {
            if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
                c = QLatin1Char('_');
        }
        name += QStringLiteral("-sample-%1-epoch-%2").arg(id).arg(m_sample->epoch);
    }
    return name + QStringLiteral("-export");
}
