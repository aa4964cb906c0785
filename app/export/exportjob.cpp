// SPDX-License-Identifier: MIT
#include "export/exportjob.h"

#include "export/exportwriter.h"
#include "runfile/runfilebytes.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cerrno>

struct ExportJob::Control
{
    std::atomic<bool> cancel{false};
};

namespace {
constexpr qint64 kProgressIntervalMs = 100;

// QFileDevice words a failed write with the system's text for its errno (qt_error_string), so
// the same call tells which errno it was: a full disk gets a sentence that says so and names
// the disk, instead of "No space left on device" alone.
QString writeFailure(const QString &path, const QString &error, bool commit)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
    if (error == qt_error_string(ENOSPC) || error == qt_error_string(EDQUOT)) {
        return ExportJob::tr("Could not write %1: the disk holding %2 is full. Nothing was written; free some space "
                             "or export elsewhere.")
            .arg(shownPath, folder);
    }
    if (error == qt_error_string(EFBIG)) {
        return ExportJob::tr("Could not write %1: the file grew larger than the disk holding %2 (or a limit on file "
                             "sizes) allows. Nothing was written.")
            .arg(shownPath, folder);
    }
    return commit ? ExportJob::tr("Could not save %1: %2").arg(shownPath, error)
                  : ExportJob::tr("Could not write %1: %2").arg(shownPath, error);
}
} // namespace

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
{
}

ExportJob::~ExportJob()
{
    if (m_control)
        m_control->cancel = true;
    // The worker posts to this object; it must be gone before this object is.
    m_future.waitForFinished();
}

bool ExportJob::start(const RunSnapshot &snapshot, const QString &path, ExportFormat format)
{
    if (m_running)
        return false;
    m_running = true;
    m_cancelled = false;
    m_path = path;
    m_format = format;
    m_total = int(snapshot.entries.size());
    m_control = std::make_shared<Control>();
    const std::shared_ptr<Control> control = m_control;
    m_future = QtConcurrent::run([this, control, snapshot, path, format] {
        const QString shownPath = QDir::toNativeSeparators(path);
        const int total = int(snapshot.entries.size());
        const auto done = [this](bool ok, bool cancelled, const QString &error) {
            QMetaObject::invokeMethod(this, [this, ok, cancelled, error] { onWorkerDone(ok, cancelled, error); },
                                      Qt::QueuedConnection);
        };
        QSaveFile file(path);
        // ExportSink writes in blocks of its own: Qt's buffer would only copy them once more.
        if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
            done(false, false, writeFailure(path, file.errorString(), false));
            return;
        }
        QElapsedTimer sincePost;
        sincePost.start();
        const ExportProgress onEntry = [this, control, total, &sincePost, &snapshot](int written) {
            if (control->cancel)
                return false;
            if (snapshot.source) { // the input's pages written out are not needed again
                const QByteArray &entry = snapshot.entries.at(written - 1);
                snapshot.source->release(entry.constData() + entry.size());
            }
            if (sincePost.elapsed() >= kProgressIntervalMs) {
                sincePost.restart();
                QMetaObject::invokeMethod(this, [this, written, total] { emit progress(written, total); },
                                          Qt::QueuedConnection);
            }
            return true;
        };
        QString error;
        const bool written = writeExport(snapshot, format, file, onEntry, &error);
        if (control->cancel) {
            file.cancelWriting();
            done(false, true, tr("Export to %1 cancelled.").arg(shownPath));
            return;
        }
        if (!written) {
            file.cancelWriting();
            done(false, false, writeFailure(path, error, false));
            return;
        }
        if (snapshot.source && !snapshot.source->unchanged()) {
            file.cancelWriting();
            done(false, false, tr("Could not write %1: %2 changed while it was being exported.")
                                       .arg(shownPath, QDir::toNativeSeparators(snapshot.source->path())));
            return;
        }
        // Buffered bytes reach the disk here; a full disk may only show now.
        if (!file.commit()) {
            done(false, false, writeFailure(path, file.errorString(), true));
            return;
        }
        done(true, false, QString());
    });
    return true;
}

void ExportJob::cancel()
{
    if (m_running && m_control)
        m_control->cancel = true;
}

void ExportJob::onWorkerDone(bool ok, bool cancelled, const QString &error)
{
    m_running = false;
    m_cancelled = cancelled;
    if (ok)
        emit progress(m_total, m_total);
    emit finished(ok, error);
}
