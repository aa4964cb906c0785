// SPDX-License-Identifier: MIT
#pragma once

#include "run/apiendpoint.h"
#include "run/runref.h"
#include "api/apierror.h"

#include <QString>

// Words for failures, shared by the window and the command line so both say the same thing.
namespace ErrorText {
// One sentence the user can act on, e.g. "Run 12345 was not found in organization 7."
QString describe(const ApiError &error, const RunRef &run);
// For the command line: the sentence plus "(HTTP 404: Agent run not found.)" where it applies.
QString describeWithStatus(const ApiError &error, const RunRef &run);
// The text ended as a sentence, for putting another sentence after it: a detail from the network
// ("…: Host not found") has no full stop of its own.
QString asSentence(const QString &text);
// The same for a failure of the organization's run list.
QString describeRunList(const ApiError &error, qint64 orgId);
QString describeRunListWithStatus(const ApiError &error, qint64 orgId);
}
