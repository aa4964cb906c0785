// SPDX-License-Identifier: MIT
#include "rows/freedmemory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void FreedMemory::giveBack()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void FreedMemory::returnBigBlocksAtOnce()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}
