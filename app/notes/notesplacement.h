// SPDX-License-Identifier: MIT
#pragma once

#include "store/storednote.h"

#include <QByteArray>
#include <QList>

// Where stored notes belong in a whole run (the command line has every entry at once; the window
// does the same as entries arrive, RunNotes): at their position when the entry there has their
// hash (or they have none yet), else at the entry that has it, else nowhere (orphans).
namespace NotesPlacement {
struct Result
{
    QList<StoredNote> placed; // by position
    QList<StoredNote> orphans;
};
// `entries`: every entry's bytes, oldest first.
Result place(const QList<StoredNote> &stored, const QList<QByteArray> &entries);
}
