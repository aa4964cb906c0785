// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// What the kernel says about this process's memory, for the benchmarks' figures.
namespace ProcessStatus {
// A field of /proc/self/status in kB ("VmHWM", "VmRSS", "RssAnon", "RssFile"), -1 if absent.
qint64 kilobytes(const char *field);
}
