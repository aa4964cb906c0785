// SPDX-License-Identifier: MIT
#include "instance/instanceclient.h"

#include "instance/instancesocket.h"
#include "instance/peercredentials.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace InstanceClient {
namespace {
QString closedText()
{
    return QCoreApplication::translate("InstanceClient", "The running Runlog closed the connection without an answer.");
}

Outcome outcome(Outcome::Kind kind, const QString &problem = {})
{
    Outcome result;
    result.kind = kind;
    result.problem = problem;
    return result;
}

class Descriptor
{
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

// Waits until `fd` is ready for `events` or the deadline passes; false on the deadline.
bool waitFor(int fd, short events, const QDeadlineTimer &deadline)
{
    for (;;) {
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, int(qMax<qint64>(0, deadline.remainingTime())));
        if (ready > 0)
            return true;
        if (ready == 0 || errno != EINTR)
            return false;
    }
}
} // namespace

Outcome handOver(const QString &path, const HandOverRequest &request, uint uid, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const InstanceSocket::FileCheck file = InstanceSocket::checkSocketFile(path, uid);
    if (file.state == InstanceSocket::FileState::Missing)
        return outcome(Outcome::Kind::NoInstance);
    if (file.state == InstanceSocket::FileState::Untrusted)
        return outcome(Outcome::Kind::Untrusted, file.problem);

    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (native.size() >= qsizetype(sizeof address.sun_path))
        return outcome(Outcome::Kind::NoInstance, QCoreApplication::translate("InstanceClient", "The socket's path is too long."));
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    const Descriptor socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (socket.fd() < 0)
        return outcome(Outcome::Kind::NoInstance, QString::fromLocal8Bit(std::strerror(errno)));
    if (::connect(socket.fd(), reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        if (errno == EAGAIN || errno == EINPROGRESS) // the listener's backlog is full: it is not taking any
            return outcome(Outcome::Kind::NoAnswer, QCoreApplication::translate("InstanceClient", "The running Runlog does not take connections."));
        // ECONNREFUSED: a socket file no one listens on (a crash); ENOENT: it just went away.
        return outcome(Outcome::Kind::NoInstance);
    }
    // The file's owner could have been swapped between the check and the connection: the
    // listener's own user, as the kernel knows it, is what counts.
    const QString refusal = PeerCredentials::refusal(PeerCredentials::peerUid(socket.fd()), uid);
    if (!refusal.isEmpty())
        return outcome(Outcome::Kind::Untrusted, refusal);

    const QByteArray message = request.encode();
    qsizetype sent = 0;
    while (sent < message.size()) {
        if (!waitFor(socket.fd(), POLLOUT, deadline))
            return outcome(Outcome::Kind::NoAnswer, QCoreApplication::translate("InstanceClient", "The running Runlog does not read."));
        const ssize_t written = ::send(socket.fd(), message.constData() + sent, size_t(message.size() - sent), MSG_NOSIGNAL);
        if (written < 0 && errno != EAGAIN && errno != EINTR)
            return outcome(Outcome::Kind::Declined, closedText());
        if (written > 0)
            sent += written;
    }

    QByteArray answer;
    while (!answer.contains('\n')) {
        if (answer.size() > HandOverRequest::kMaxBytes)
            return outcome(Outcome::Kind::Declined, QCoreApplication::translate("InstanceClient", "The running Runlog's answer is too long."));
        if (!waitFor(socket.fd(), POLLIN, deadline))
            return outcome(Outcome::Kind::NoAnswer, QCoreApplication::translate("InstanceClient", "The running Runlog did not answer in time."));
        char buffer[4096];
        const ssize_t got = ::recv(socket.fd(), buffer, sizeof buffer, 0);
        // A listener that refuses a peer resets the connection: as good as closed.
        if (got == 0 || (got < 0 && (errno == ECONNRESET || errno == EPIPE)))
            return outcome(Outcome::Kind::Declined, closedText());
        if (got < 0 && errno != EAGAIN && errno != EINTR)
            return outcome(Outcome::Kind::Declined, QString::fromLocal8Bit(std::strerror(errno)));
        if (got > 0)
            answer.append(buffer, got);
    }
    QString error;
    const std::optional<HandOverReply> reply = HandOverReply::decode(answer.left(answer.indexOf('\n')), &error);
    if (!reply)
        return outcome(Outcome::Kind::Declined, error);
    if (!reply->accepted)
        return outcome(Outcome::Kind::Declined, reply->error);
    Outcome delivered = outcome(Outcome::Kind::Delivered);
    delivered.reply = *reply;
    return delivered;
}

} // namespace InstanceClient
