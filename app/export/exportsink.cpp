// SPDX-License-Identifier: MIT
#include "export/exportsink.h"

#include <QCoreApplication>
#include <QIODevice>

ExportSink::ExportSink(QIODevice &device, const ExportProgress &progress)
    : m_device(device)
    , m_progress(progress)
{
}

bool ExportSink::write(QByteArrayView bytes)
{
    if (m_failed || m_cancelled)
        return false;
    if (m_block.size() + bytes.size() > kBlockBytes) {
        if (!flush())
            return false;
        if (bytes.size() >= kBlockBytes)
            return writeOut(bytes);
    }
    if (m_block.capacity() < kBlockBytes)
        m_block.reserve(kBlockBytes);
    m_block.append(bytes);
    return true;
}

bool ExportSink::flush()
{
    if (m_failed)
        return false;
    const bool ok = writeOut(m_block);
    m_block.clear(); // keeps its capacity
    return ok;
}

bool ExportSink::writeOut(QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const qint64 n = m_device.write(bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            m_failed = true;
            m_error = m_device.errorString();
            if (m_error.isEmpty())
                m_error = QCoreApplication::translate("ExportSink", "the file could not be written");
            return false;
        }
        done += qsizetype(n);
    }
    return true;
}

bool ExportSink::entryWritten()
{
    ++m_entries;
    if (m_failed || m_cancelled)
        return false;
    if (m_progress && !m_progress(m_entries))
        m_cancelled = true;
    return !m_cancelled;
}
