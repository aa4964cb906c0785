// SPDX-License-Identifier: MIT
#include "export/exportjob.h"

#include "export/exportwriter.h"
#include "export/runfilebytes.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

struct ExportJob::Control
{
    std::atomic<bool> cancel{false};
};

namespace {
constexpr qint64 kProgressIntervalMs = 100;
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
            done(false, false, tr("Could not write %1: %2").arg(shownPath, file.errorString()));
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
            done(false, false, tr("Could not write %1: %2").arg(shownPath, error));
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
            done(false, false, tr("Could not save %1: %2").arg(shownPath, file.errorString()));
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
