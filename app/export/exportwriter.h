// SPDX-License-Identifier: MIT
#pragma once

#include "export/exportformat.h"
#include "export/exportsink.h"
#include "export/runsnapshot.h"

#include <QString>

class QIODevice;

// Writes a whole run in one format to an open device, entry by entry (the file is never built
// in memory). Returns false when a write fails (*error says why) or when `progressAndContinue`
// returned false (*error says "cancelled"). Thread-safe: meant for a worker thread.
bool writeExport(const RunSnapshot &snapshot, ExportFormat format, QIODevice &device,
                 const ExportProgress &progressAndContinue, QString *error);
