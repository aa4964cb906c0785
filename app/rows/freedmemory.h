// SPDX-License-Identifier: MIT
#pragma once

// After a burst of work (a big file read, its search text indexed) the memory of its transient
// batches is free, but the C library may keep those pages for later: the window would go on
// holding tens of megabytes it no longer uses. giveBack() returns them to the system where the
// C library allows it (glibc's malloc_trim) and does nothing elsewhere. It walks the heap: call
// it once a burst ends, never per item.
namespace FreedMemory {
void giveBack();
// For the whole process, once, first thing in main(): blocks of 256 KB and more (a batch's list,
// a copy of a million entries' facts for a worker) are mapped on their own and returned to the
// system as soon as they are freed. glibc otherwise raises that threshold to the largest block
// freed so far, after which every such block stays in the heap once freed.
void returnBigBlocksAtOnce();
}
