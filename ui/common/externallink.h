// SPDX-License-Identifier: MIT
#pragma once

class QUrl;

// Every address from outside that the window opens in the system browser goes through here:
// opened only when WebUrl::isOpenable allows it (http or https with a host), silently ignored
// otherwise. (Files Runlog wrote itself, such as an export, are opened where they are made.)
namespace ExternalLink {

// True when the address was handed to the system.
bool open(const QUrl &url);

} // namespace ExternalLink
