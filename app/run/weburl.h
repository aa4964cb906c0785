// SPDX-License-Identifier: MIT
#pragma once

class QUrl;

// The one rule for every address from outside (a link in an entry's Markdown, the run's web page,
// a pull request) that Runlog hands to the system: ExternalLink::open in the window goes through
// it, and so does every link Runlog builds into its own markup (PlainText::link).
namespace WebUrl {

// True for a valid http or https URL (any case: QUrl keeps schemes in lower case) with a host.
// Refused: every other scheme (file:, javascript:, data:, ftp:, custom handlers), an empty host
// ("https:///etc/passwd", "http:host/x"), and user info ("https://user@host/",
// "https://codegen.com@evil.example/"): no link Runlog opens needs it, and it serves to make
// one host look like another.
bool isOpenable(const QUrl &url);

} // namespace WebUrl
