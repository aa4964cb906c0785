// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>

// SWE-agent trajectories (.traj): one JSON object with "trajectory" (the steps: action,
// observation, thought, response, execution_time, ...), "history" (the messages sent to the
// model) and "info" (exit_status, submission, model_stats, versions). A RetryAgent's file holds
// "attempts" instead, each with its own trajectory, history and info.
//
// Mapping (issue 28):
// - the task (the first user message of the history that is not a demonstration) is a
//   USER_MESSAGE (observation: its text) and the run's title (its first line).
// - each step is an ACTION: tool_name the action's first word ("find_file"), tool_input
//   {"command": action}, observation the step's observation, thought its thought; its
//   execution_time as the extra field "execution_time".
// - info's submission (the patch) is the FINAL_ANSWER (observation: the patch).
// - steps have no times: hasTimes is false and created_at null.
// - info's members (exit_status, submission, model_stats, ...) go into metadata.
// - with attempts, every attempt's steps come in order, each with "attempt": n (from 1); those of
//   the attempts that were not chosen (info.best_attempt_idx, else the last) are marked
//   "sidechain": true.
// A step that is not an object with an action is skipped with a warning naming it.
bool looksLikeSweAgentTrajectory(QByteArrayView head);
// `readableAfter`: bytes after `bytes` that may be read (a mapped file's last page): the
// trajectory is then parsed in place, without a padded copy.
AgentLogConversion convertSweAgentTrajectory(QByteArrayView bytes, const ConversionCancel &cancel = {}, qsizetype readableAfter = 0);
// The same conversion, its entries handed over in batches (SettledEntries) once the whole
// trajectory is parsed and its steps listed, while they are written.
AgentLogConversion convertSweAgentTrajectoryInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled);
