// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class RunLibrary;

// The demo backend listens on a new loopback port at every start, and its runs go into the
// library under that origin like any API's; its agent logs are written to a new temporary folder.
// Without this, every start would add another copy of the demo's runs (Search All Runs would find
// each demo entry once per start). The demo's data is made anew at every start (the live run ends
// "now"), so the copies an earlier start left are dropped when a new one starts; the user's notes
// on demo runs stay (they are kept under "demo", whatever the port).
namespace EarlierDemoRuns {

// Whether the library's `origin` is a copy an earlier demo start left: the origin recorded at the
// last start (when it is not `currentOrigin`), or an agent log in a demo folder that no longer
// exists (a folder of ours, named runlog-demo-agent-logs-*, in `tempFolder`).
bool isLeftOver(const QString &origin, const QString &lastOrigin, const QString &currentOrigin,
                const QString &tempFolder);

// Called once the demo backend listens at `currentOrigin`: drops the left-over copies from the
// library (nothing without one) and records `currentOrigin` for the next start.
void forget(RunLibrary *library, const QString &currentOrigin);

} // namespace EarlierDemoRuns
