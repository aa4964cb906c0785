// SPDX-License-Identifier: MIT
#include "export/runfilebytes.h"

#include "export/mappedfileguard.h"

#include <QFileInfo>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace {
// Released in steps of this much: one system call per few thousand entries.
constexpr qsizetype kReleaseStep = 8 << 20;
} // namespace

RunFileBytes::RunFileBytes(const QString &path)
    : m_file(path)
{
}

RunFileBytes::~RunFileBytes()
{
    // Before m_file unmaps.
    MappedFileGuard::unwatch(m_guardSlot);
}

bool RunFileBytes::map()
{
    const qint64 size = m_file.size();
    uchar *mapped = size > 0 ? m_file.map(0, size) : nullptr;
    if (!mapped)
        return false;
    m_data = reinterpret_cast<const char *>(mapped);
    m_size = qsizetype(size);
    m_mapped = true;
    m_mappedModified = QFileInfo(m_file.fileName()).lastModified();
    m_guardSlot = MappedFileGuard::watch(m_data, m_size, &m_lost);
    return true;
}

bool RunFileBytes::unchanged() const
{
    if (!m_mapped)
        return true;
    if (lostPages())
        return false;
    const QFileInfo now(m_file.fileName());
    return now.exists() && now.size() == m_size && now.lastModified() == m_mappedModified;
}

void RunFileBytes::adopt(QByteArray &&buffer)
{
    m_buffer = std::move(buffer);
    m_data = m_buffer.constData();
    m_size = m_buffer.size();
    m_mapped = false;
}

void RunFileBytes::release(const char *end)
{
#ifdef Q_OS_LINUX
    if (!m_mapped || end < m_data || end > m_data + m_size)
        return;
    const qsizetype page = qsizetype(sysconf(_SC_PAGESIZE));
    // Whole pages only: the page holding `end` may still be read.
    const qsizetype upTo = (end - m_data) / page * page;
    if (upTo < m_released)
        m_released = 0; // a new pass from the front
    if (upTo - m_released < kReleaseStep)
        return;
    // The map is read-only and backed by the file: dropping its pages loses nothing.
    madvise(const_cast<char *>(m_data) + m_released, size_t(upTo - m_released), MADV_DONTNEED);
    m_released = upTo;
#else
    Q_UNUSED(end);
#endif
}
