// SPDX-License-Identifier: MIT
#pragma once

// The library's answers, waited for as a test needs them (the library answers on its own
// thread, later). Header-only: the suites that include it link runlog_store themselves.
#include "store/runlibrary.h"

#include <QtTest>

#include <optional>

inline QList<LibraryRun> listRuns(RunLibrary &library)
{
    QObject context;
    std::optional<QList<LibraryRun>> answer;
    library.listRuns(&context, [&answer](const QList<LibraryRun> &runs) { answer = runs; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        qFatal("the library did not answer");
    return *answer;
}
