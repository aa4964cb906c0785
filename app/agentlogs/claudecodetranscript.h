// SPDX-License-Identifier: MIT
#pragma once

#include "agentlogs/agentlogconversion.h"

#include <QByteArrayView>

// Claude Code's session transcripts (~/.claude/projects/<project>/<session>.jsonl): one JSON
// object a line, `type` user / assistant / system / summary (and bookkeeping lines such as
// queue-operation and file-history-snapshot, which are read over), with `sessionId`, `uuid`,
// `parentUuid`, `timestamp`, `isSidechain` and the API's `message` (role, content blocks, model,
// usage).
//
// The mapping (README, "Other agents' logs"):
// - an assistant `tool_use` block and the user `tool_result` with its `tool_use_id` are one
//   ACTION at the call's place and time: tool_name, tool_input, tool_output (a string result as
//   {"content": "..."}); a result with `is_error` makes it an ERROR whose observation is the
//   result's text, and its tool_output says "is_error": true;
// - the `thinking` and text blocks before a call are its thought;
// - user text is a USER_MESSAGE (observation = the text);
// - assistant text with no call after it (before the next user text, or at the end) is a
//   PLAN_EVALUATION (thought = the text); the last such text of the session is the FINAL_ANSWER
//   (observation = the text, thought = its thinking);
// - a line whose `uuid` was read before, and a block repeated in another line of the same
//   `message.id` (Claude Code writes one line per content block, each repeating the message),
//   are read once; token usage is counted once per message.id;
// - sidechains (subagents, `isSidechain: true`) are kept, marked "sidechain": true, after all
//   the main entries in their own order, so that the main conversation reads without them;
// - a line that is not a JSON object is skipped with a warning naming it; a call without a
//   result keeps tool_output null; a result without a call is skipped with a warning.
// The run's metadata: agent, session_id, cwd, git_branch, version, model(s), summary, and the
// usage totals (input, output, cache creation and cache read tokens).

// Whether the first bytes of a file (possibly cut anywhere) are a Claude Code transcript: one of
// its first complete lines is a JSON object with a string "type" and a "sessionId" (or a summary
// line with "leafUuid"), and none has the "agent_run_id" of a Codegen entry.
bool looksLikeClaudeCodeTranscript(QByteArrayView head);

// `readableAfter` is not needed (each line is parsed in place): it is there for Format::convert.
AgentLogConversion convertClaudeCodeTranscript(QByteArrayView bytes, const ConversionCancel &cancel = {}, qsizetype readableAfter = 0);

// The same conversion, handing over its main conversation's entries as they settle
// (SettledEntries): an entry is settled once no later line can change it (a call has its result,
// or another call took its id; an assistant text is no longer the last, which may become the
// final answer) and the session's id, which every entry's agent_run_id comes from, is known.
// Sidechain entries come after all the main ones, so they are settled only at the end.
AgentLogConversion convertClaudeCodeTranscriptInBatches(QByteArrayView bytes, const ConversionCancel &cancel, const SettledEntries &settled);
