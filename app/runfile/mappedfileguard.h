// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

// A mapped file that another program truncates while it is read: on Linux, touching a page past
// the file's new end raises SIGBUS, which kills the process. Runlog maps the files it opens and
// converts, and a log file being rewritten under it is ordinary. While a range is watched, a
// SIGBUS inside it puts a page of zeros where the lost page was and sets `lost`: the reader reads
// zeros (which no valid entry holds), and whoever owns the range sees `lost` and says the file
// changed. A SIGBUS anywhere else goes to the handler there was before (or kills as before).
namespace MappedFileGuard {

// A slot to pass to unwatch(), or -1 when every slot is taken (the range is then unwatched).
int watch(const void *begin, qsizetype size, std::atomic<bool> *lost);
// Before the range is unmapped; no thread may be reading it any more.
void unwatch(int slot);

} // namespace MappedFileGuard
