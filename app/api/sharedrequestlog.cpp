// SPDX-License-Identifier: MIT
#include "api/sharedrequestlog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QList>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <mutex>
#include <vector>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

struct SharedRequestLog::Entry
{
    QByteArray owner;
    qint64 pid = 0;
    quint64 ticket = 0;
    qint64 timeMs = 0;
    bool inFlight = false;
};

namespace {
// The lock is held for a read and a write of a few lines; past this, something is wrong with
// the holder (stopped in a debugger), and this process paces itself alone rather than freeze.
constexpr int kLockAttempts = 100;
constexpr int kLockRetryMs = 2;
// A record nobody touched for this long counts nothing any window could hold: removed.
constexpr qint64 kStaleFileMs = 24LL * 3600 * 1000;

QString folderPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/runlog");
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool processIsGone(qint64 pid)
{
#ifdef Q_OS_UNIX
    return pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
#else
    Q_UNUSED(pid);
    return false;
#endif
}

#ifdef Q_OS_UNIX
// The record open and locked, or -1. A file swapped or removed between open and lock (by the
// sweep below) is opened again, so that every process locks the same file.
int openLocked(const QByteArray &path)
{
    for (int reopen = 0; reopen < 3; ++reopen) {
        const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            return -1;
        bool locked = false;
        for (int attempt = 0; attempt < kLockAttempts && !locked; ++attempt) {
            locked = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (!locked && errno != EWOULDBLOCK && errno != EINTR)
                break;
            if (!locked)
                QThread::msleep(kLockRetryMs);
        }
        if (!locked) {
            ::close(fd);
            return -1;
        }
        struct stat opened = {};
        struct stat named = {};
        if (::fstat(fd, &opened) == 0 && ::stat(path.constData(), &named) == 0 && opened.st_ino == named.st_ino
            && opened.st_dev == named.st_dev)
            return fd;
        ::close(fd);
    }
    return -1;
}

void sweepStaleRecords(const QString &folder)
{
    const QDir dir(folder);
    const QDateTime cutoff = QDateTime::fromMSecsSinceEpoch(nowMs() - kStaleFileMs);
    const QFileInfoList records = dir.entryInfoList({QStringLiteral("pacer-*.times")}, QDir::Files | QDir::NoSymLinks);
    for (const QFileInfo &record : records) {
        if (record.lastModified() >= cutoff)
            continue;
        const QByteArray path = QFile::encodeName(record.filePath());
        const int fd = openLocked(path);
        if (fd < 0)
            continue;
        // Under the lock, so that nobody is between reading and writing it.
        struct stat locked = {};
        if (::fstat(fd, &locked) == 0 && QDateTime::fromSecsSinceEpoch(locked.st_mtime) < cutoff)
            ::unlink(path.constData());
        ::close(fd);
    }
}
#endif

QList<QByteArray> splitLines(const QByteArray &bytes)
{
    return bytes.split('\n');
}
} // namespace

SharedRequestLog::SharedRequestLog(const QString &path)
    : m_path(path)
    , m_owner(QByteArray::number(QRandomGenerator::global()->generate64(), 16))
    , m_pid(QCoreApplication::applicationPid())
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::setPermissions(QFileInfo(path).absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

SharedRequestLog::~SharedRequestLog() = default;

QString SharedRequestLog::pathFor(const QByteArray &origin, const QByteArray &token)
{
    const QByteArray key = QCryptographicHash::hash(origin + '\0' + token, QCryptographicHash::Sha256).toHex();
    return folderPath() + QStringLiteral("/pacer-") + QString::fromLatin1(key) + QStringLiteral(".times");
}

std::shared_ptr<SharedRequestLog> SharedRequestLog::forEndpoint(const QByteArray &origin, const QByteArray &token)
{
    static std::once_flag swept;
    auto log = std::make_shared<SharedRequestLog>(pathFor(origin, token));
#ifdef Q_OS_UNIX
    std::call_once(swept, [] { sweepStaleRecords(folderPath()); });
#endif
    return log;
}

template<typename Change>
bool SharedRequestLog::update(Change change)
{
#ifdef Q_OS_UNIX
    const int fd = openLocked(QFile::encodeName(m_path));
    if (fd < 0)
        return false;
    QByteArray bytes;
    char chunk[4096];
    for (;;) {
        const ssize_t got = ::pread(fd, chunk, sizeof chunk, off_t(bytes.size()));
        if (got <= 0)
            break;
        bytes.append(chunk, qsizetype(got));
    }
    std::vector<Entry> entries;
    for (const QByteArray &line : splitLines(bytes)) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 5)
            continue; // a line cut by a crash mid-write, or nothing
        Entry entry;
        bool pidOk = false, ticketOk = false, timeOk = false;
        entry.owner = fields.at(0);
        entry.pid = fields.at(1).toLongLong(&pidOk);
        entry.ticket = fields.at(2).toULongLong(&ticketOk);
        entry.timeMs = fields.at(3).toLongLong(&timeOk);
        entry.inFlight = fields.at(4) == "f";
        if (pidOk && ticketOk && timeOk)
            entries.push_back(std::move(entry));
    }
    if (change(entries)) {
        QByteArray out;
        for (const Entry &entry : entries) {
            out += entry.owner + ' ' + QByteArray::number(entry.pid) + ' ' + QByteArray::number(entry.ticket) + ' '
                   + QByteArray::number(entry.timeMs) + ' ' + (entry.inFlight ? "f" : "s") + '\n';
        }
        // Written over the old lines (padded with blank lines to their length, so that no tail of
        // an old line is left to be read as an entry of its own), then cut to its length: a
        // process killed between the two leaves blank lines behind, never the empty file that
        // truncating first left, after which the next process spent a window's budget the
        // server had already counted.
        const qsizetype length = out.size();
        if (out.size() < bytes.size())
            out.append(bytes.size() - out.size(), '\n');
        if (::pwrite(fd, out.constData(), size_t(out.size()), 0) != ssize_t(out.size()) || ::ftruncate(fd, off_t(length)) != 0) {
            ::close(fd);
            return false;
        }
    }
    ::close(fd); // and with it the lock
    return true;
#else
    Q_UNUSED(change);
    return false;
#endif
}

SharedRequestLog::Claim SharedRequestLog::claim(quint64 ticket, int maxRequests, int windowMs)
{
    Claim claim;
    const bool used = update([&](std::vector<Entry> &entries) {
        const qint64 now = nowMs();
        std::vector<qint64> freeAt; // when each counted request leaves the window
        std::vector<Entry> kept;
        for (Entry &entry : entries) {
            if (entry.timeMs > now + windowMs)
                continue; // the clock was set back: a time no window can hold
            if (entry.inFlight && entry.owner != m_owner && processIsGone(entry.pid)) {
                // Its process died with it in flight: the server may have counted it as late as
                // that death, which was before now (and after the grant: counted from the grant,
                // the next process was refused where the request reached the server late).
                entry.timeMs = std::max(entry.timeMs, now);
                entry.inFlight = false;
            } else if (entry.inFlight && entry.timeMs <= now - kInFlightLimitMs) {
                entry.inFlight = false; // nobody will settle it: it counts from when it was sent
            }
            if (!entry.inFlight && entry.timeMs <= now - windowMs)
                continue;
            // In flight: it can settle now at the earliest, and then counts a whole window.
            freeAt.push_back(entry.inFlight ? now + windowMs : entry.timeMs + windowMs);
            kept.push_back(std::move(entry));
        }
        entries = std::move(kept);
        if (int(entries.size()) < maxRequests) {
            entries.push_back(Entry{m_owner, m_pid, ticket, now, true});
            claim.granted = true;
            return true;
        }
        std::sort(freeAt.begin(), freeAt.end());
        const size_t mustLeave = entries.size() - size_t(maxRequests);
        claim.retryInMs = std::max<qint64>(1, freeAt[mustLeave] - now + 1);
        return true; // pruned
    });
    if (!used)
        claim = Claim{true, 0};
    return claim;
}

void SharedRequestLog::settle(quint64 ticket)
{
    update([&](std::vector<Entry> &entries) {
        for (Entry &entry : entries) {
            if (entry.owner == m_owner && entry.ticket == ticket) {
                entry.timeMs = nowMs();
                entry.inFlight = false;
                return true;
            }
        }
        return false;
    });
}

void SharedRequestLog::release(quint64 ticket)
{
    update([&](std::vector<Entry> &entries) {
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [&](const Entry &entry) { return entry.owner == m_owner && entry.ticket == ticket; });
        if (it == entries.end())
            return false;
        entries.erase(it);
        return true;
    });
}

int SharedRequestLog::countedNow(int windowMs)
{
    int count = 0;
    update([&](std::vector<Entry> &entries) {
        const qint64 now = nowMs();
        count = int(std::count_if(entries.begin(), entries.end(), [&](const Entry &entry) {
            return entry.timeMs <= now + windowMs && (entry.inFlight || entry.timeMs > now - windowMs);
        }));
        return false;
    });
    return count;
}
