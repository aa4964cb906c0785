// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Copies of many small byte arrays kept in a few large blocks (issue 28). A conversion writes
// each entry into a reused buffer, and each entry was then copied into an array of its own: one
// allocation an entry, in memory the process had never touched (its heap grown a little at a
// time, each page faulted in alone), which was a quarter of the CPU time of opening a large
// OpenHands or Claude Code log. Here each copy is a QByteArray that shares its block (Qt counts
// the block's references: it is freed with the last copy that lives in it), so an entry costs a
// memcpy, and a block's pages are made present at once (on Linux) instead of a fault a page.
//
// A copy is an ordinary QByteArray: NUL-terminated like any other (the NUL is in the block), and
// one that is changed is detached (copied) first while another copy shares its block, so no
// copy sees another's change. A block lives as long as any copy in it: a few copies kept long
// after the rest keep their blocks (at most kMaxBlockBytes each) alive.
//
// Not thread-safe: one BlockCopies a thread (the copies themselves go anywhere, as QByteArrays).
class BlockCopies
{
public:
    // Blocks are sized for what is still to come, within these bounds; a copy larger than a
    // quarter of the largest block gets an array of its own, not a block.
    static constexpr qsizetype kMinBlockBytes = 64 * 1024;
    static constexpr qsizetype kMaxBlockBytes = 8 * 1024 * 1024;

    BlockCopies() = default;
    BlockCopies(const BlockCopies &) = delete;
    BlockCopies &operator=(const BlockCopies &) = delete;

    // A copy of `bytes`. `bytesToCome`: about how many bytes later copies will take (the new
    // block's size when this one does not fit; 0 when unknown).
    QByteArray copy(QByteArrayView bytes, qsizetype bytesToCome = 0);

private:
    void startBlock(qsizetype bytes);

    QByteArray::DataPointer m_block; // one reference to the current block (none at first)
    qsizetype m_used = 0;            // bytes of it taken, NULs included
};
