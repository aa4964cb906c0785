// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>

// OpenHands event streams (a trajectory as OpenHands saves or exports it): a JSON array of
// events, each with id, timestamp, source (user, agent, environment) and either action + args
// or observation + content + extras + cause (the id of the action it answers).
//
// Mapping (issue 28):
// - an action and the observation whose cause is its id are one entry, at the action's place
//   and time: ACTION with tool_name the action ("run", "edit", "read", ...), tool_input its args,
//   thought args.thought, tool_output {"content": ..., "extras": {...}} with the exit code
//   (extras.metadata.exit_code, or extras.exit_code) also as tool_output's and the entry's
//   "exit_code"; tool_call_metadata.function_name as "function_name"; an action of the user's
//   "source": "user". When the observation is "error" the entry is an ERROR.
// - message actions: from the user USER_MESSAGE (observation: args.content), from the agent
//   PLAN_EVALUATION (thought: args.content); think PLAN_EVALUATION (thought: args.thought).
// - finish is the FINAL_ANSWER (observation: args.final_thought, else the event's message;
//   thought: args.thought); without a finish, the agent's last message is.
// - an error observation that answers no action is an ERROR (observation: its content), as is an
//   agent state changed to "error" (observation: its reason); the last agent state and the last
//   llm_metrics (accumulated cost and tokens) go into metadata.
// - system and change_agent_state actions and null / agent_state_changed observations carry no
//   step of their own and make no entry.
// An event that is not an object with an action or an observation is skipped with a warning.
bool looksLikeOpenHandsEvents(QByteArrayView head);
// `readableAfter`: bytes after `bytes` that may be read (a mapped file's last page): the stream
// is then parsed in place, without a padded copy.
AgentLogConversion convertOpenHandsEvents(QByteArrayView bytes, const ConversionCancel &cancel = {}, qsizetype readableAfter = 0);
// The same conversion, its entries handed over in batches (SettledEntries) once every event is
// read (an observation may answer an action anywhere before it, and the last agent message is
// the answer only without a finish), while they are written.
AgentLogConversion convertOpenHandsEventsInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled);
