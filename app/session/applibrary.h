// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <memory>

class RunLibrary;

// The library of runs as the app keeps it: in the user's data folder ($XDG_DATA_HOME/runlog), at
// the size limit set in Preferences.
namespace AppLibrary {
// None (nullptr) with --no-store, or when the settings say to keep nothing.
std::unique_ptr<RunLibrary> open(bool noStore);
// Where it is; empty in the same cases (for readers that open the file themselves: --search).
QString folder(bool noStore);
}
