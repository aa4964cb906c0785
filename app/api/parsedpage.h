// SPDX-License-Identifier: MIT
#pragma once

#include "run/logentry.h"
#include "run/runinfo.h"

#include <QList>
#include <QString>

// One response of the logs endpoint, parsed.
struct ParsedPage
{
    RunInfo run;
    QList<LogEntry> entries;
};

// Parsing either yields a page or says, in words, what is wrong with the body.
struct PageParseResult
{
    bool ok = false;
    QString error;   // e.g. "not valid JSON at byte 1432: ...", "field \"logs\" is not an array"
    ParsedPage page;
};

// Parsing one entry on its own (an exported file's line or array element).
struct EntryParseResult
{
    bool ok = false;
    QString error;   // names the entry by its index, e.g. "log entry 17: \"agent_run_id\" is missing"
    LogEntry entry;
};
