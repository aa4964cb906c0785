// SPDX-License-Identifier: MIT
// An entry a library search found, by run and position: what the library search suites compare,
// printed as "run#position" when a comparison fails.
#pragma once

#include <QByteArray>
#include <QtGlobal>

struct FoundEntry
{
    qint64 runId;
    qint64 position;
    bool operator==(const FoundEntry &other) const { return runId == other.runId && position == other.position; }
};

// QTest's hook for printing a failed QCOMPARE's values.
inline char *toString(const FoundEntry &found)
{
    return qstrdup(QByteArray::number(found.runId) + '#' + QByteArray::number(found.position));
}
