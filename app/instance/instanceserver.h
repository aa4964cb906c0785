// SPDX-License-Identifier: MIT
#pragma once

#include "instance/handovermessage.h"

#include <QObject>
#include <QString>

#include <functional>

class QLocalServer;
class QLocalSocket;

// The running Runlog's end of the hand-over: listens on the session's socket (readable by the
// user alone), takes one request per connection from a process of the same user (the kernel's
// word, SO_PEERCRED) and answers with what the handler did. A socket left by a Runlog that
// crashed is replaced; a socket some Runlog still answers on (even slowly) is never taken from it.
class InstanceServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HandOverReply(const HandOverRequest &)>;
    enum class Claim { Listening, AnotherIsRunning, Failed };

    explicit InstanceServer(QObject *parent = nullptr);
    ~InstanceServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // The user whose starts are taken; this process's by default (tests pretend another).
    void setTrustedUid(uint uid) { m_trustedUid = uid; }
    Claim listen(const QString &path);
    QString errorString() const { return m_error; }
    QString path() const;

    // How long a connection may take to send its request before it is dropped.
    static constexpr int kRequestTimeoutMs = 10000;

signals:
    // A connection that was not taken: another user, or a message that is not a request.
    void refused(const QString &reason);

private:
    Claim claim(const QString &path);
    void accept();
    void serve(QLocalSocket *socket);
    void answer(QLocalSocket *socket, const QByteArray &line);

    QLocalServer *m_server;
    Handler m_handler;
    uint m_trustedUid;
    QString m_error;
};
