// SPDX-License-Identifier: MIT
#pragma once

#include "stats/insights.h"

#include <QCoreApplication>
#include <QString>

// The run's insights in words, for the panel and the header.
class InsightsVerdict
{
    Q_DECLARE_TR_FUNCTIONS(InsightsVerdict)
public:

// One line: "2 loops · 3 repeated failures · first failure at #14 · 41 commands, 6 failed ·
// 12 files, 5 written", after "Of the 1,200 entries loaded: " until the run is whole.
static QString line(const Insights &insights, bool whole, int entriesLoaded);

// The commands that failed, and the files written (the verdict's second numbers).
static int failedCommands(const Insights &insights);
static int writtenFiles(const Insights &insights);

private:
    static QString counted(qsizetype count, const char *none, const char *one, const char *many);
};
