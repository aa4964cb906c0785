// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

class QIODevice;

// Called after each entry with the number written so far; returning false cancels the export.
using ExportProgress = std::function<bool(int entriesWritten)>;

// Where a writer puts its bytes: remembers the first write error (a full disk) and whether the
// caller cancelled, so each writer only has to stop when a call returns false. Bytes are passed
// on in blocks of about kBlockBytes (a write per entry made the system calls cost as much as the
// conversion); flush() passes on the rest.
class ExportSink
{
public:
    static constexpr qsizetype kBlockBytes = 1 << 20;

    ExportSink(QIODevice &device, const ExportProgress &progress);

    // False once any write has failed; nothing more is written after that.
    bool write(QByteArrayView bytes);
    // Passes on what write() holds back; false when that (or an earlier write) failed.
    bool flush();
    // One more entry is out: reports progress; false when cancelled or a write failed.
    bool entryWritten();

    bool failed() const { return m_failed; }
    bool cancelled() const { return m_cancelled; }
    QString errorString() const { return m_error; }

private:
    bool writeOut(QByteArrayView bytes);

    QIODevice &m_device;
    QByteArray m_block;
    const ExportProgress &m_progress;
    bool m_failed = false;
    bool m_cancelled = false;
    int m_entries = 0;
    QString m_error;
};
