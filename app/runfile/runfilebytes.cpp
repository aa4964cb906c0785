// SPDX-License-Identifier: MIT
#include "runfile/runfilebytes.h"

#include "runfile/mappedfileguard.h"

#include <QFileInfo>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace {
// Released in steps of this much: one system call per few thousand entries.
constexpr qsizetype kReleaseStep = 8 << 20;
// Unmapped input is read in pieces of this much.
constexpr qsizetype kReadChunk = 1 << 20;

// Room for everything an unmapped input may hold (`expected`, or the limit when the size is
// not known) and one byte to notice more, reserved once: the bytes are read into it in place,
// so the input is never copied and the peak is what was read (a QByteArray grown by appending
// copied itself at each doubling, up to twice the limit). The reservation is address space:
// pages that are never written take no memory; what was not used is given back once the input
// has ended (RunFileBytes::readWhole squeezes it).
void reserveForUnmapped(QByteArray &buffer, qint64 expected, qint64 maxBytes)
{
    buffer.reserve(qsizetype(std::min<qint64>(expected, maxBytes) + 1));
}
} // namespace

RunFileBytes::RunFileBytes(const QString &path)
    : m_path(path)
    , m_file(path)
{
}

RunFileBytes::~RunFileBytes()
{
    // Before m_file unmaps.
    MappedFileGuard::unwatch(m_guardSlot);
    closePipe();
}

RunFileBytes::Opened RunFileBytes::open()
{
#ifdef Q_OS_UNIX
    const QByteArray name = QFile::encodeName(m_path);
    const auto kindOf = [](mode_t mode) {
        if (S_ISREG(mode))
            return Opened::File;
        if (S_ISFIFO(mode))
            return Opened::Pipe;
        if (S_ISCHR(mode) || S_ISBLK(mode))
            return Opened::Device;
        if (S_ISDIR(mode))
            return Opened::Folder;
        return Opened::Other;
    };
    struct stat before = {};
    if (::stat(name.constData(), &before) == 0 && kindOf(before.st_mode) != Opened::File
        && kindOf(before.st_mode) != Opened::Pipe)
        return kindOf(before.st_mode);
    const int fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return Opened::Failed;
    }
    // What was opened, not what the name pointed to a moment before.
    struct stat opened = {};
    if (::fstat(fd, &opened) != 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        return Opened::Failed;
    }
    const Opened kind = kindOf(opened.st_mode);
    if (kind == Opened::Pipe) {
        m_pipe = fd;
        return kind;
    }
    if (kind != Opened::File) {
        ::close(fd);
        return kind;
    }
    // A regular file never blocks a read: the flag only mattered for the open.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!m_file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        m_error = m_file.errorString();
        ::close(fd);
        return Opened::Failed;
    }
    return kind;
#else
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = m_file.errorString();
        return Opened::Failed;
    }
    return Opened::File;
#endif
}

void RunFileBytes::closePipe()
{
#ifdef Q_OS_UNIX
    if (m_pipe >= 0)
        ::close(m_pipe);
#endif
    m_pipe = -1;
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
    m_mappedModified = QFileInfo(m_path).lastModified();
    // The last page's rest too: it is read (readableAfterEnd()), and is lost when the file shrinks.
    m_guardSlot = MappedFileGuard::watch(m_data, m_size + readableAfterEnd(), &m_lost);
    return true;
}

bool RunFileBytes::unchanged() const
{
    if (!m_mapped)
        return true;
    if (lostPages())
        return false;
    const QFileInfo now(m_path);
    return now.exists() && now.size() == m_size && now.lastModified() == m_mappedModified;
}

void RunFileBytes::adopt(QByteArray &&buffer)
{
    closePipe();
    m_buffer = std::move(buffer);
    m_data = m_buffer.constData();
    m_size = m_buffer.size();
    m_mapped = false;
}

RunFileBytes::ReadWhole RunFileBytes::readWhole(qint64 maxBytes, const std::function<bool()> &cancelled)
{
    QByteArray buffer;
#ifdef Q_OS_UNIX
    const ReadWhole read = m_pipe >= 0 ? readPipe(buffer, maxBytes, cancelled) : readFile(buffer, maxBytes, cancelled);
#else
    const ReadWhole read = readFile(buffer, maxBytes, cancelled); // open() makes no pipe here
#endif
    if (read == ReadWhole::Done) {
        buffer.squeeze();
        adopt(std::move(buffer));
    }
    return read;
}

RunFileBytes::ReadWhole RunFileBytes::readFile(QByteArray &buffer, qint64 maxBytes, const std::function<bool()> &cancelled)
{
    reserveForUnmapped(buffer, m_file.size(), maxBytes);
    for (;;) {
        if (cancelled())
            return ReadWhole::Cancelled;
        const qsizetype used = buffer.size();
        const qsizetype room = std::min<qsizetype>(kReadChunk, qsizetype(maxBytes) + 1 - used);
        buffer.resize(used + room); // within the reservation: no copy, the new bytes untouched
        const qint64 got = m_file.read(buffer.data() + used, room);
        buffer.resize(used + std::max<qint64>(0, got));
        if (got < 0) {
            m_error = m_file.errorString();
            return ReadWhole::Failed;
        }
        if (buffer.size() > maxBytes)
            return ReadWhole::TooLarge;
        if (got == 0)
            return ReadWhole::Done;
    }
}

#ifdef Q_OS_UNIX
// A pipe opened without blocking: poll() waits for bytes a little at a time, between checks of
// `cancelled`.
RunFileBytes::ReadWhole RunFileBytes::readPipe(QByteArray &buffer, qint64 maxBytes, const std::function<bool()> &cancelled)
{
    constexpr int kCancelCheckMs = 100;
    reserveForUnmapped(buffer, maxBytes, maxBytes);
    for (;;) {
        if (cancelled())
            return ReadWhole::Cancelled;
        pollfd ready = {m_pipe, POLLIN, 0};
        const int polled = ::poll(&ready, 1, kCancelCheckMs);
        if (polled < 0 && errno != EINTR) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return ReadWhole::Failed;
        }
        // Until a writer has come, poll() reports nothing (not even a hang-up) and read()
        // would say "end": only read once poll() has something to say.
        if (polled <= 0)
            continue;
        const qsizetype used = buffer.size();
        const qsizetype room = std::min<qsizetype>(kReadChunk, qsizetype(maxBytes) + 1 - used);
        buffer.resize(used + room);
        const ssize_t got = ::read(m_pipe, buffer.data() + used, size_t(room));
        const int readError = errno;
        buffer.resize(used + std::max<ssize_t>(0, got));
        if (got == 0)
            return ReadWhole::Done; // every writer is gone
        if (got < 0) {
            if (readError == EAGAIN || readError == EWOULDBLOCK || readError == EINTR)
                continue;
            m_error = QString::fromLocal8Bit(std::strerror(readError));
            return ReadWhole::Failed;
        }
        if (buffer.size() > maxBytes)
            return ReadWhole::TooLarge;
    }
}
#endif

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
