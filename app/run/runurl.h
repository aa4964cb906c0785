// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// Reads what a user pastes as a run: "12345", "#12345", or a web URL such as
// https://codegen.com/agent/trace/12345 (other hosts and paths exist, so the run ID is taken as
// the number after "trace" or "run", else the last number in the path).
namespace RunUrl {
std::optional<qint64> runIdFrom(const QString &text);
// An organization ID in the URL's path or query (…/organizations/7/…, ?org_id=7), if any.
std::optional<qint64> orgIdFrom(const QString &text);
// An entry a web URL points at (1 = oldest): ?entry=1412 or #entry=1412, as Runlog's own links
// name it. Empty when there is none; `malformed` is set when one is given but is not a positive
// number, so that a wrong number is refused rather than the run opened at its start.
std::optional<qint64> entryFrom(const QString &text, bool *malformed = nullptr);
}
