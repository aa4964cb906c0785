// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <memory>

// A ZIP archive read from bytes in memory (libzip), for Inspect's .eval logs: the names of its
// files in the archive's order and the content of one of them. Read-only; the bytes must outlive
// the archive.
class ZipArchive
{
public:
    // A file larger than this when unpacked is refused: a small archive must not unpack into
    // more memory than the machine has.
    static constexpr qint64 kMaxFileSize = qint64(1) << 30;

    explicit ZipArchive(QByteArrayView bytes);
    ~ZipArchive();
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    static bool looksLikeZip(QByteArrayView head) { return head.startsWith("PK\x03\x04"); }

    bool isOpen() const { return m_archive != nullptr; }
    // Why the archive could not be opened or a file not read (libzip's words).
    QString errorString() const { return m_error; }
    QStringList names() const;
    // The file's content; false with errorString() set when it is missing, too big or damaged.
    bool read(const QString &name, QByteArray *content);

private:
    struct zip *m_archive = nullptr;
    QString m_error;
};
