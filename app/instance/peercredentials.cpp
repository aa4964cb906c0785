// SPDX-License-Identifier: MIT
#include "instance/peercredentials.h"

#include <QCoreApplication>

#include <sys/socket.h>
#include <sys/types.h>

namespace PeerCredentials {

std::optional<uint> peerUid(qintptr socketDescriptor)
{
#ifdef SO_PEERCRED
    struct ucred credentials {};
    socklen_t size = sizeof credentials;
    if (::getsockopt(int(socketDescriptor), SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0 || size != sizeof credentials)
        return std::nullopt;
    return uint(credentials.uid);
#else
    Q_UNUSED(socketDescriptor)
    return std::nullopt; // no way to know: refused (see refusal())
#endif
}

QString refusal(std::optional<uint> peerUid, uint expectedUid)
{
    if (!peerUid)
        return QCoreApplication::translate("PeerCredentials", "The other end of the socket could not be identified.");
    if (*peerUid != expectedUid)
        return QCoreApplication::translate("PeerCredentials", "The other end of the socket is another user (%1).").arg(*peerUid);
    return {};
}

} // namespace PeerCredentials
