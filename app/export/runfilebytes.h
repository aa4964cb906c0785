// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QtGlobal>

#include <atomic>

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

    QFile &file() { return m_file; }
    // Maps the whole open file; false when it cannot be mapped (a special file). The map is
    // watched (MappedFileGuard): if the file shrinks under it, reads past the new end give zeros
    // and lostPages() turns true, instead of the process dying of SIGBUS.
    bool map();
    // Takes over bytes read from an unmappable input.
    void adopt(QByteArray &&buffer);

    // Whether the file still has the size and modification time it had when it was mapped:
    // slices of a file that changed since would mix two files. Always true for a buffer.
    bool unchanged() const;
    // Pages of the map were lost to the file shrinking: what was read of them was zeros.
    bool lostPages() const { return m_lost.load(std::memory_order_acquire); }
    QString path() const { return m_file.fileName(); }

    const char *data() const { return m_data; }
    qsizetype size() const { return m_size; }

    // Tells the system that the mapped pages before `end` are done with: they leave this
    // process's memory (the page cache keeps them; reading them again maps them again). A
    // conversion reads a file twice, front to back, and so holds a few megabytes of it at a time
    // instead of all of it. Nothing happens for a buffer or a pointer outside the map.
    void release(const char *end);

private:
    QFile m_file;
    QByteArray m_buffer;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    bool m_mapped = false;
    QDateTime m_mappedModified;
    qsizetype m_released = 0; // bytes from the start already given back
    std::atomic<bool> m_lost{false};
    int m_guardSlot = -1;
};
