// SPDX-License-Identifier: MIT
#pragma once

#include "run/runlist.h"

#include <QByteArray>

// Parses a response body of GET /v1/organizations/{org}/agent/runs. Pure and thread-safe: meant
// for a worker thread. The whole document is validated first; each item's bytes are sliced
// exactly, nothing is re-serialised.
struct RunListParseResult
{
    bool ok = false;
    QString error;
    RunListPage page;
};

namespace RunListParser {
RunListParseResult parse(const QByteArray &body);
}
