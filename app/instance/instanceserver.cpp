// SPDX-License-Identifier: MIT
#include "instance/instanceserver.h"

#include "instance/instancesocket.h"
#include "instance/peercredentials.h"

#include <QCoreApplication>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>

#include <memory>
#include <unistd.h>

namespace {
// A Runlog that answers the door within this time is alive (a crash leaves a socket no one
// accepts on: connecting to it fails at once).
constexpr int kProbeTimeoutMs = 1000;
} // namespace

InstanceServer::InstanceServer(QObject *parent)
    : QObject(parent)
    , m_server(new QLocalServer(this))
    , m_trustedUid(uint(::getuid()))
{
    // 0700 on the socket file itself, set before the file takes its name (Qt binds in a private
    // folder and renames), on top of the folder that is the user's alone.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::accept);
}

InstanceServer::~InstanceServer() = default;

QString InstanceServer::path() const
{
    return m_server->fullServerName();
}

InstanceServer::Claim InstanceServer::listen(const QString &path)
{
    // Two starts at the same moment must not both decide the socket is stale and take it in
    // turn: the check and the claim happen under a lock (a lock left by a crash is taken over).
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(2 * kProbeTimeoutMs)) {
        m_error = tr("Another Runlog is starting at the same moment.");
        return Claim::AnotherIsRunning;
    }
    return claim(path);
}

InstanceServer::Claim InstanceServer::claim(const QString &path)
{
    const InstanceSocket::FileCheck file = InstanceSocket::checkSocketFile(path, m_trustedUid);
    if (file.state == InstanceSocket::FileState::Untrusted) {
        m_error = file.problem; // not ours to remove
        return Claim::Failed;
    }
    if (file.state == InstanceSocket::FileState::Trusted) {
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(kProbeTimeoutMs)) {
            probe.abort();
            m_error = tr("Another Runlog listens on %1.").arg(path);
            return Claim::AnotherIsRunning;
        }
        if (probe.error() != QLocalSocket::ConnectionRefusedError && probe.error() != QLocalSocket::ServerNotFoundError) {
            // Busy or hung: still some Runlog's socket. Taking it would leave that Runlog to
            // remove ours when it quits.
            m_error = tr("Another Runlog holds %1 but does not answer (%2).").arg(path, probe.errorString());
            return Claim::AnotherIsRunning;
        }
        QLocalServer::removeServer(path); // left by a Runlog that crashed
    }
    if (!m_server->listen(path)) {
        m_error = tr("Cannot listen on %1: %2").arg(path, m_server->errorString());
        return Claim::Failed;
    }
    const InstanceSocket::FileCheck made = InstanceSocket::checkSocketFile(path, m_trustedUid);
    if (made.state != InstanceSocket::FileState::Trusted) {
        m_server->close();
        m_error = made.problem.isEmpty() ? tr("The socket %1 vanished.").arg(path) : made.problem;
        return Claim::Failed;
    }
    return Claim::Listening;
}

void InstanceServer::accept()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection())
        serve(socket);
}

void InstanceServer::serve(QLocalSocket *socket)
{
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    const QString refusal = PeerCredentials::refusal(PeerCredentials::peerUid(socket->socketDescriptor()), m_trustedUid);
    if (!refusal.isEmpty()) {
        emit refused(refusal);
        socket->abort(); // not a word to another user
        socket->deleteLater();
        return;
    }
    // A connection that never sends its line (a probe of a starting Runlog, a stuck sender).
    auto *timeout = new QTimer(socket);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, socket, &QLocalSocket::abort);
    timeout->start(kRequestTimeoutMs);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QLocalSocket::readyRead, this, [this, socket, buffer, timeout] {
        if (!timeout->isActive())
            return; // answered already
        buffer->append(socket->readAll());
        const qsizetype end = buffer->indexOf('\n');
        if (end < 0 && buffer->size() <= HandOverRequest::kMaxBytes)
            return;
        timeout->stop();
        answer(socket, end < 0 ? *buffer : buffer->left(end));
    });
}

void InstanceServer::answer(QLocalSocket *socket, const QByteArray &line)
{
    QString error;
    const std::optional<HandOverRequest> request = HandOverRequest::decode(line, &error);
    HandOverReply reply;
    if (!request) {
        emit refused(error);
        reply.error = error;
    } else if (!m_handler) {
        reply.error = tr("This Runlog takes no requests.");
    } else {
        reply = m_handler(*request);
    }
    socket->write(reply.encode());
    socket->disconnectFromServer(); // after the answer is written
}
