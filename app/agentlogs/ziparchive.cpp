// SPDX-License-Identifier: MIT
#include "agentlogs/ziparchive.h"

#include <QCoreApplication>

#include <zip.h>

#include <algorithm>

namespace {

// The context of this file's words in the catalogue.
struct ZipArchiveText {
    Q_DECLARE_TR_FUNCTIONS(ZipArchive)
};

} // namespace

ZipArchive::ZipArchive(QByteArrayView bytes)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.data(), zip_uint64_t(bytes.size()), 0, &error);
    if (source)
        m_archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!m_archive) {
        m_error = QString::fromUtf8(zip_error_strerror(&error));
        if (source)
            zip_source_free(source);
    }
    zip_error_fini(&error);
}

ZipArchive::~ZipArchive()
{
    if (m_archive)
        zip_discard(m_archive);
}

QStringList ZipArchive::names() const
{
    QStringList names;
    if (!m_archive)
        return names;
    const zip_int64_t count = zip_get_num_entries(m_archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        if (const char *name = zip_get_name(m_archive, zip_uint64_t(i), ZIP_FL_ENC_GUESS))
            names.append(QString::fromUtf8(name));
    }
    return names;
}

bool ZipArchive::read(const QString &name, QByteArray *content)
{
    content->clear();
    if (!m_archive)
        return false;
    const QByteArray utf8 = name.toUtf8();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(m_archive, utf8.constData(), 0, &stat) != 0) {
        m_error = ZipArchiveText::tr("no file %1 in the archive").arg(name);
        return false;
    }
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > zip_uint64_t(kMaxFileSize)) {
        m_error = ZipArchiveText::tr("%1 unpacks to more than 1 GiB").arg(name);
        return false;
    }
    zip_file_t *file = zip_fopen(m_archive, utf8.constData(), 0);
    if (!file) {
        m_error = QString::fromUtf8(zip_strerror(m_archive));
        return false;
    }
    // The stated size is the archive's word only: read in pieces up to the limit, straight into
    // the content (a large sample file was copied once more from a buffer on the stack), with
    // room for the stated size and a piece more, so that a file of the size it states is read
    // without growing; no more room than its packed bytes can unpack to (deflate packs at most
    // 1032 to 1), so that a small archive's word cannot take much memory.
    constexpr qsizetype kPiece = 65536;
    if ((stat.valid & ZIP_STAT_SIZE) && (stat.valid & ZIP_STAT_COMP_SIZE) && stat.size / 1032 <= stat.comp_size)
        content->reserve(qsizetype(stat.size) + kPiece);
    bool ok = true;
    while (true) {
        const qsizetype size = content->size();
        if (content->capacity() - size < kPiece)
            content->reserve(std::max(2 * content->capacity(), size + kPiece));
        content->resize(size + kPiece);
        const zip_int64_t got = zip_fread(file, content->data() + size, zip_uint64_t(kPiece));
        content->resize(size + std::max<qsizetype>(got, 0));
        if (got < 0) {
            m_error = QString::fromUtf8(zip_file_strerror(file));
            ok = false;
            break;
        }
        if (got == 0)
            break;
        if (content->size() > kMaxFileSize) {
            m_error = ZipArchiveText::tr("%1 unpacks to more than 1 GiB").arg(name);
            ok = false;
            break;
        }
    }
    zip_fclose(file);
    if (!ok)
        content->clear();
    return ok;
}
