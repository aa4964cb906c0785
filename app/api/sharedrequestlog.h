// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <memory>

// The times of the requests every Runlog process sent to one API origin with one token, in a
// small file that all of them read and write under an exclusive lock (flock: the kernel drops it
// when its holder dies, so a crash never leaves the file locked). RequestPacer asks it before
// each grant, so that two windows, a window and an `--export`, or a process started right after
// another was killed together stay within the token's budget instead of each within its own.
//
// The file holds no token: its name is a SHA-256 of the origin and the token, its lines are
// "<owner> <pid> <ticket> <wall ms> <f|s>" (f: in flight, s: settled at that time). Times are
// wall-clock milliseconds since the epoch: processes share no monotonic epoch that survives a
// reboot (the file does), the cache folder may be shared by machines, and the server's window is
// wall-clock time itself. A time more than a window ahead of now (the clock was set back) counts
// for nothing. Entries leave once they are older than the window; an entry still in flight
// counts until its process settles it; when that process is gone, from the moment that is first
// noticed (the server may have received it as late as the death); after kInFlightLimitMs, from
// the moment it was granted. The folder is 0700, the file 0600.
class SharedRequestLog
{
public:
    static constexpr qint64 kInFlightLimitMs = 10 * 60 * 1000;

    // `path`: the record file; its folder is made when missing.
    explicit SharedRequestLog(const QString &path);
    ~SharedRequestLog();
    SharedRequestLog(const SharedRequestLog &) = delete;
    SharedRequestLog &operator=(const SharedRequestLog &) = delete;

    // The record of this origin and token in the user's cache folder
    // (GenericCacheLocation/runlog/pacer-<sha256(origin NUL token)>.times).
    static std::shared_ptr<SharedRequestLog> forEndpoint(const QByteArray &origin, const QByteArray &token);
    static QString pathFor(const QByteArray &origin, const QByteArray &token);

    struct Claim {
        bool granted = false;
        qint64 retryInMs = 0;   // when not granted: when the oldest counted request ages out
    };
    // Counts every process's requests in the trailing window and, when fewer than maxRequests,
    // records this one as in flight. A record that cannot be used (no folder, lock not taken in
    // a moment) grants: the process then paces itself alone, as it would without the record.
    Claim claim(quint64 ticket, int maxRequests, int windowMs);
    // The request completed: it counts from now (the server may have counted it that late).
    void settle(quint64 ticket);
    // A granted request that was not sent: it counts for nothing.
    void release(quint64 ticket);

    QString path() const { return m_path; }
    // How many requests of every process the record counts now (the status bar's count).
    int countedNow(int windowMs);

private:
    struct Entry;
    template<typename Change>
    bool update(Change change);

    QString m_path;
    QByteArray m_owner;   // tells this instance's entries from another's, even within one process
    qint64 m_pid = 0;
};
