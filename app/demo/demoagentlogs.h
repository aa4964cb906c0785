// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

// Small logs of other agents for the demo (issue 28): a Claude Code session, a Codex CLI rollout
// and an Inspect eval log of three samples, made here from the formats' public shapes, so that
// `runlog --demo` shows File > Open Agent Logs… (and the sample chooser) with nothing installed.
namespace DemoAgentLogs {

// File names, in the order written.
constexpr const char *kClaudeCode = "claude-code-session.jsonl";
constexpr const char *kCodex = "codex-rollout.jsonl";
constexpr const char *kInspect = "inspect-eval.json";

// Writes the three files into `folder` (which must exist); false with `error` set when one
// cannot be written. Each file appears whole or not at all.
bool write(const QString &folder, QString *error = nullptr);

// The files' contents (for tests).
QByteArray claudeCodeSession();
QByteArray codexRollout();
QByteArray inspectEvalLog();

} // namespace DemoAgentLogs
