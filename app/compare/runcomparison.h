// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

// Two runs compared step by step (issue 24's contract). Entries are numbered from 1, oldest
// first, on each side.
//
// MATCH AND SAME. Two entries match when their `message_type`, `tool_name` and `tool_input` are
// equal as JSON values (object members in any order, numbers by value: 1.0 is 1; strings after
// their escapes are decoded); a matched pair is `same` when `thought`, `observation` and
// `tool_output` are equal too, else `changed`. A member that is absent counts as null; any other
// value is compared as the JSON value it is (a message_type that is a number matches only that
// number, never its text). Where a
// member appears twice, its first occurrence counts; `created_at` and every other member never
// count. An entry that is not a JSON object (or that simdjson cannot read through) matches only
// an entry of exactly the same bytes, and is then `same`. Entries are compared by 64-bit hashes
// of these forms: two different forms sharing a hash (about one chance in 2^64 per pair) would
// be taken as equal.
//
// ALIGNMENT. A longest common subsequence under "match" (Myers' O(ND) diff, exact): as many
// matched pairs as possible; the leading and trailing entries that match are always aligned to
// each other. Between two matched pairs, the left run's unmatched entries come first
// (`only_left`), then the right run's (`only_right`).
//
// FIRST DIVERGENCE. P+1 on both sides, P the number of leading `same` steps (a leading `changed`
// pair ends them); none when every step is `same` (two empty runs included).
struct CompareStep
{
    enum Op { Same, Changed, OnlyLeft, OnlyRight };
    Op op = Same;
    int leftEntry = 0;  // 1-based; 0 for only_right
    int rightEntry = 0; // 1-based; 0 for only_left
};

// Left and right counts of one tool or message type.
struct CompareCount
{
    int left = 0;
    int right = 0;
};

// One side as `runlog --stats` sees it (the same definitions, StatisticsCalculator): an entry the
// API's page parser refuses (no agent_run_id, say) counts in `entries` only.
struct CompareSide
{
    int entries = 0;
    int errors = 0;                          // message_type "ERROR" in any casing
    std::optional<double> durationSeconds;   // last created_at minus first; none without two times
};

struct RunComparison
{
    CompareSide left;
    CompareSide right;
    QVector<CompareStep> steps;              // in order
    int same = 0;
    int changed = 0;
    int onlyLeft = 0;
    int onlyRight = 0;
    std::optional<int> firstDivergence;      // the entry number, the same on both sides
    // Every tool name and every message type seen on either side, sorted by name (code points),
    // with its count on each side, counted as --stats counts them: a message_type or tool_name
    // that is absent, null or not a string is no name and is not counted; "" is a name.
    QMap<QString, CompareCount> tools;
    QMap<QString, CompareCount> messageTypes;
    bool cancelled = false;                  // stopped early: nothing else here is meaningful
};
