// SPDX-License-Identifier: MIT
#include "notes/notesplacement.h"

#include "notes/entryhash.h"

#include <QHash>
#include <QMap>

namespace NotesPlacement {

Result place(const QList<StoredNote> &stored, const QList<QByteArray> &entries)
{
    QHash<QByteArray, qint64> positionOf;
    QList<QByteArray> hashes;
    hashes.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        hashes.append(EntryHash::of(entries.at(i)));
        positionOf.insert(hashes.last(), i); // identical entries: the last one (any would do)
    }
    QMap<qint64, StoredNote> placed;
    Result result;
    for (StoredNote note : stored) {
        const bool inRun = note.position >= 0 && note.position < hashes.size();
        if (inRun && (note.entrySha256.isEmpty() || hashes.at(note.position) == note.entrySha256)) {
            note.entrySha256 = hashes.at(note.position);
        } else if (const auto at = positionOf.constFind(note.entrySha256); at != positionOf.cend()) {
            note.position = *at;
        } else {
            result.orphans.append(note);
            continue;
        }
        if (placed.contains(note.position)) {
            result.orphans.append(note);
            continue;
        }
        placed.insert(note.position, note);
    }
    result.placed = placed.values();
    return result;
}

} // namespace NotesPlacement
