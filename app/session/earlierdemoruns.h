// SPDX-License-Identifier: MIT
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

class RunLibrary;

// The demo backend listens on a new loopback port at every start, and its runs go into the
// library under that origin like any API's; its agent logs are written to a new temporary folder.
// Without this, every start would add another copy of the demo's runs (Search All Runs would find
// each demo entry once per start). The demo's data is made anew at every start (the live run ends
// "now"), so a start drops the copies that demo starts which have ended left; a demo still running
// (a window's, while `runlog --demo --export` runs in a terminal) keeps its copies. The user's
// notes on demo runs stay (they are kept under "demo", whatever the port).
namespace EarlierDemoRuns {

// Which recorded demo origins have ended (`processByOrigin`: the process each runs in, 0 once its
// service ended): those whose service ended, or whose process is gone. Never `currentOrigin`.
QStringList endedOrigins(const QMap<QString, qint64> &processByOrigin, const QString &currentOrigin);

// Whether the library's `origin` is a copy an ended demo start left: one of `ended`, or an agent
// log in a demo folder that no longer exists (a folder of ours, named runlog-demo-agent-logs-*,
// in `tempFolder`; a folder that still exists belongs to a demo running now).
bool isLeftOver(const QString &origin, const QStringList &ended, const QString &tempFolder);

// Called once the demo backend listens at `origin`: drops the left-over copies from the library
// and records `origin` as this process's. Nothing without a library (nothing is stored then).
void started(RunLibrary *library, const QString &origin);
// Called when the demo backend at `origin` goes with its service: its copies are left over from
// now on.
void ended(const QString &origin);

} // namespace EarlierDemoRuns
