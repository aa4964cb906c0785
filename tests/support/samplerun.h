// SPDX-License-Identifier: MIT
#pragma once

#include "demo/runrecord.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// Builders of runs for tests. Everything is predictable from the arguments so that a test can
// state what it expects without reading the builder.

// The run's fields: status as given, created_at "2025-01-01T00:00:00Z", web_url
// "https://codegen.com/agent/trace/{id}", result null, metadata {"sample":true}.
// Entry N (0-based): {"agent_run_id":id,"created_at":"2025-01-01T00:00:00Z" + N seconds (ISO,
// 'Z'), "tool_name":"bash" for odd N else null, "message_type":"ACTION" for odd N else
// "PLAN_EVALUATION", "thought":"entry N","observation":null,"tool_input":null,"tool_output":null}
RunRecord makeRun(qint64 org, qint64 id, int entryCount,
                  const QString &status = QStringLiteral("COMPLETE"));

// A run as the organization's run list shows it: makeRun(org, id, 3, status) created
// `minutesAfter` minutes after 2025-01-01T00:00:00Z (ISO, 'Z'), started by `userId`, with the
// list's fields: summary "summary of run {id}", source_type `sourceType` (null when empty), and
// github_pull_requests [{"id":{id},"created_at":"2025-01-02T00:00:00Z","title":"PR of run {id}",
// "url":"https://github.com/acme/repo/pull/{id}","head_branch_name":"branch-{id}"}] when
// withPullRequest, else [].
RunRecord makeListedRun(qint64 org, qint64 id, int minutesAfter, const QString &sourceType, qint64 userId,
                        bool withPullRequest = false, const QString &status = QStringLiteral("COMPLETE"));

// Entry N of makeRun(), on its own (e.g. to grow a run).
QByteArray makeSampleEntry(qint64 runId, int n);

// A run built to break naive parsers and writers. Status "COMPLETE", metadata with nested
// values, a 64-bit integer and an unknown top-level field "x_unknown_run_field". Entries:
//   0  quotes, commas, tabs, CR/LF, backticks, <script>, backslashes in thought and tool_input
//   1  emoji, RTL (Hebrew/Arabic), CJK, combining marks, a U+2028 line separator
//   2  64-bit integers 9007199254740993, -9223372036854775808, 18446744073709551615 in tool_output
//   3  every optional field null
//   4  unknown fields ("x_future_field" object, "x_flag" true) and an unknown message_type
//   5  observation as a string; created_at in the "2025-06-21 12:06:31.108894" form
//   6  one entry with a tool_output of `bigEntryBytes` (several MB, real newlines)
//   7  created_at null, message_type null, only agent_run_id otherwise meaningful
//   8  deeply nested observation (32 levels) and an empty object/array
//   9  FINAL_ANSWER with markdown
RunRecord makeAwkwardRun(qint64 org, qint64 id, qint64 bigEntryBytes = 3 * 1024 * 1024);

// Outside text that renders as something else when a widget takes it for rich text: big green
// text, an image, a table, and an ampersand a menu or button would take for a mnemonic.
// `name` is inside the <font> element, so a test can tell the fields apart. The image path does
// not exist: a test that finds markup rendered must fail, not hang reading /dev/zero.
//   <font color="#00ff00" size="7">NAME</font><img src="no-such-image-NAME.png"><table><tr><td>cell</td></tr></table> R&D
QString markupText(const QString &name);

// A run whose every field is markupText(): status, created_at, web_url (an https URL with the
// markup in its fragment), result, a metadata key and value, an unknown run field. Entries:
//   0  created_at, message_type, tool_name, thought, a string observation, a key and a value of
//      tool_input and tool_output, an unknown field: all markup
//   1  a valid created_at, message_type and tool_name markup ("type 1", "tool 1"), an object
//      observation with markup inside
//   2  like 1 ("type 2", "tool 2"), but its agent_run_id is `id + 1` (an entry of another run)
RunRecord makeMarkupRun(qint64 org, qint64 id);
