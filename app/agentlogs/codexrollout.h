// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>

// Codex CLI rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl): one JSON object a line,
// {"timestamp", "type", "payload"}, where type is session_meta, response_item, event_msg,
// turn_context or compacted (codex-rs/protocol's RolloutItem).
//
// Mapping (issue 28):
// - a response_item function_call (name, arguments: a JSON string, parsed; kept as
//   {"arguments": "..."} when it is not a JSON object), custom_tool_call (input) or
//   local_shell_call (action), and the function_call_output / custom_tool_call_output with its
//   call_id are one ACTION, at the call's place and time. An output that is a JSON object in a
//   string is that object; any other output is {"content": ...} (toolOutputObject()).
// - an event_msg exec_command_end's exit_code goes into its call's entry, as the extra field
//   "exit_code" and as tool_output's "exit_code" (where insights read exit codes); an output's
//   own metadata.exit_code is read the same way.
// - reasoning summaries are the thought of the next call or message.
// - user messages are USER_MESSAGE (observation: the text; the context Codex injects, such as
//   <environment_context>, marked "context": true; developer/system messages "role"), assistant
//   text PLAN_EVALUATION (thought: the text; the reasoning before it in "reasoning"), the last
//   assistant text FINAL_ANSWER (observation: the text, thought: its reasoning).
// - event_msg user_message / agent_message / agent_reasoning repeat the response items; they
//   are read only from a rollout that has no response_item messages (older or filtered ones).
// - event_msg error is an ERROR; compacted (a summary that replaced the history before it) a
//   PLAN_EVALUATION marked "compacted": true.
// - session_meta (id, cwd, originator, cli_version, source, model_provider, git,
//   forked_from_id), turn_context (model, effort) and the last token_count go into metadata.
// A line that is not a JSON object with a type is skipped with a warning naming the line.
bool looksLikeCodexRollout(QByteArrayView head);
// `readableAfter` is not needed (each line is parsed in place): it is there for Format::convert.
AgentLogConversion convertCodexRollout(QByteArrayView bytes, const ConversionCancel &cancel = {}, qsizetype readableAfter = 0);
// The same conversion, handing the entries over in batches as they settle (SettledEntries): a
// raw look at the whole file first (CodexRolloutScan) tells which later lines may still change an
// entry (a call's output and exit code, which assistant text is the final answer, whether event
// messages are read), and an entry settles once the lines read have passed them all.
AgentLogConversion convertCodexRolloutInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled);
