// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// Which run, in which organization.
struct RunRef
{
    qint64 orgId = 0;
    qint64 runId = 0;

    bool isValid() const { return orgId > 0 && runId > 0; }
    bool operator==(const RunRef &other) const { return orgId == other.orgId && runId == other.runId; }
};
