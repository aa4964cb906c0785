// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QtGlobal>

#include <atomic>
#include <functional>

// The bytes of an opened run file, for as long as entries point into them: the file's memory
// map, or (for input that cannot be mapped, a pipe) a buffer holding what was read. Entries of a
// conversion are QByteArray::fromRawData slices of these bytes; whoever holds the slices holds a
// shared pointer to this.
class RunFileBytes
{
public:
    explicit RunFileBytes(const QString &path);
    ~RunFileBytes();
    RunFileBytes(const RunFileBytes &) = delete;
    RunFileBytes &operator=(const RunFileBytes &) = delete;

    // What open() found at the path.
    enum class Opened {
        File,       // a regular file, open in file()
        Pipe,       // a FIFO (or /dev/stdin being one), open without blocking in pipeHandle()
        Device,     // a character or block device (/dev/zero, a terminal): refused, not opened
        Folder,     // refused
        Other,      // a socket or anything else that is neither a file nor a pipe: refused
        Failed,     // could not be opened; errorString() says why
    };
    // Opens the path without ever waiting: open() of a FIFO with no writer blocks until one
    // comes, and a worker stuck there would keep the process alive after Quit. A FIFO is opened
    // non-blocking (read it with pipeHandle() and poll()); a device is refused before it is
    // opened, since opening some devices already does something.
    Opened open();
    QString errorString() const { return m_error; }
    int pipeHandle() const { return m_pipe; }

    QFile &file() { return m_file; }
    // Maps the whole open file; false when it cannot be mapped (a special file). The map is
    // watched (MappedFileGuard): if the file shrinks under it, reads past the new end give zeros
    // and lostPages() turns true, instead of the process dying of SIGBUS.
    bool map();
    // Takes over bytes read from an unmappable input (and closes the pipe they came from).
    void adopt(QByteArray &&buffer);

    // Reads an input that cannot be mapped whole and takes it over (adopt()): the pipe of
    // Opened::Pipe, or the open file when map() failed. At most `maxBytes`, read in place into
    // one reservation, so the input is never copied and the peak is what was read. `cancelled`
    // is asked before every read, and a pipe is waited for a little at a time, so that a cancel
    // (Quit, another file opened) ends the read even while no writer has come or it is silent.
    enum class ReadWhole {
        Done,
        Cancelled,
        TooLarge,   // more than maxBytes
        Failed,     // errorString() says why
    };
    ReadWhole readWhole(qint64 maxBytes, const std::function<bool()> &cancelled);

    // Whether the file still has the size and modification time it had when it was mapped:
    // slices of a file that changed since would mix two files. Always true for a buffer.
    bool unchanged() const;
    // Pages of the map were lost to the file shrinking: what was read of them was zeros.
    bool lostPages() const { return m_lost.load(std::memory_order_acquire); }
    QString path() const { return m_path; }

    const char *data() const { return m_data; }
    qsizetype size() const { return m_size; }
    // How many bytes after size() may be read: the rest of a mapped file's last page, which the
    // system fills with zeros (so that simdjson parses the file in place, without a padded copy
    // of it); none for a buffer. Pages are counted as 4 KB, the smallest any system maps.
    qsizetype readableAfterEnd() const { return m_mapped ? (kMinPageBytes - m_size % kMinPageBytes) % kMinPageBytes : 0; }
    static constexpr qsizetype kMinPageBytes = 4096;

    // Tells the system that the mapped pages before `end` are done with: they leave this
    // process's memory (the page cache keeps them; reading them again maps them again). A
    // conversion reads a file twice, front to back, and so holds a few megabytes of it at a time
    // instead of all of it. Nothing happens for a buffer or a pointer outside the map.
    void release(const char *end);

private:
    void closePipe();
    ReadWhole readFile(QByteArray &buffer, qint64 maxBytes, const std::function<bool()> &cancelled);
#ifdef Q_OS_UNIX
    ReadWhole readPipe(QByteArray &buffer, qint64 maxBytes, const std::function<bool()> &cancelled);
#endif

    QString m_path;  // QFile opened on a descriptor forgets its name
    QFile m_file;
    QString m_error;
    int m_pipe = -1;
    QByteArray m_buffer;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    bool m_mapped = false;
    QDateTime m_mappedModified;
    qsizetype m_released = 0; // bytes from the start already given back
    std::atomic<bool> m_lost{false};
    int m_guardSlot = -1;
};
