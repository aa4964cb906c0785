// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

// Who is at the other end of a connected local socket, as the kernel says (SO_PEERCRED on
// Linux): not what the peer claims. Both ends check it, so that a socket another user managed to
// put in the path (or a connection from another user) is refused whatever the file modes say.
namespace PeerCredentials {
// The peer's user ID, or empty when the kernel does not tell.
std::optional<uint> peerUid(qintptr socketDescriptor);
// Empty when the peer is `expectedUid`; else why it is refused, for a message.
QString refusal(std::optional<uint> peerUid, uint expectedUid);
} // namespace PeerCredentials
